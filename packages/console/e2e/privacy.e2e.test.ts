import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { BROWSER_SKIP, ready, signIn } from './browser.js';
import { consoleInChromium } from './harness.js';
import { ev } from './server.js';

// Workspace privacy in Chromium against a real server: a reviewer granted reveal opens a member's
// session, sees it redacted, reveals it with a reason (audited), and reads it; then an admin adds
// a person on /people.

const ADMIN = 'privacy-e2e-admin-token';
const ANA = 'ana@example.com';
const REX = 'rex@example.com';
const PASSWORD = 'a long enough password';
const PROMPT = 'rotate the billing keys';
const REASON = 'incident 42: checking what was sent';
const NOW = Date.now();

describe('privacy and people in Chromium', { skip: BROWSER_SKIP ?? false }, () => {
  const app = consoleInChromium(ADMIN);

  before(async () => {
    const ana = await app.api('POST', '/v1/users', { email: ANA, role: 'member', password: PASSWORD });
    assert.equal(ana.status, 201, JSON.stringify(ana.body));
    const rex = await app.api('POST', '/v1/users', { email: REX, role: 'reviewer', password: PASSWORD, can_reveal: true });
    assert.equal(rex.status, 201, JSON.stringify(rex.body));
    const sent = await app.api('POST', '/v1/events', {
      schema_version: 1,
      events: [
        ev({ id: 'p1', session_id: 'ana-private', kind: 'prompt', text: PROMPT, user: ANA, time: NOW - 60_000 }),
        ev({ id: 'p2', session_id: 'ana-private', kind: 'session_end', user: ANA, time: NOW - 30_000 }),
      ],
    });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    const on = await app.api('PUT', '/v1/settings/privacy', { enabled: true });
    assert.equal(on.status, 200, JSON.stringify(on.body));
  });

  const newPage = (): Promise<Page> => app.newPage({ viewport: { width: 1300, height: 900 } });

  test('a reviewer with reveal sees the session redacted, reveals it with a reason, and reads it', async () => {
    const page = await newPage();
    const login = await page.request.post(`${app.base}/v1/console/login`, { data: { email: REX, password: PASSWORD } });
    assert.equal(login.status(), 200, await login.text());

    await page.goto(`${app.base}/sessions/ana-private`);
    await ready(page, 'session');
    await page.getByTestId('redacted-banner').waitFor();
    assert.match(await page.getByTestId('redacted-banner').innerText(), /Content is redacted under workspace privacy/);
    assert.ok(!(await page.locator('body').innerText()).includes(PROMPT), 'the prompt is not shown before a reveal');

    // The button waits for a reason of at least 10 characters.
    await page.getByTestId('reveal-reason').fill('short');
    assert.equal(await page.getByTestId('reveal-submit').isDisabled(), true);
    await page.getByTestId('reveal-reason').fill(REASON);
    await page.getByTestId('reveal-submit').click();

    await page.getByText(PROMPT).first().waitFor({ timeout: 10_000 });
    assert.equal(await page.getByTestId('redacted-banner').count(), 0);

    const audit = await app.api('GET', '/v1/audit?action=session.reveal');
    assert.equal(audit.status, 200, JSON.stringify(audit.body));
    const entries = audit.body.entries as { actor: string; resource: string; details: { reason?: string } }[];
    assert.equal(entries.length, 1, JSON.stringify(entries));
    assert.equal(entries[0]!.details.reason, REASON);
    assert.equal(entries[0]!.resource, 'session/ana-private');
    assert.match(entries[0]!.actor, /rex@example\.com/);

    // A reviewer is not an admin: no People in the menu.
    assert.equal(await page.getByTestId('nav-people').count(), 0);
    await page.context().close();
  });

  test('an admin turns privacy off and on in Settings, and adds a person on /people', async () => {
    const page = await newPage();
    await signIn(page, app.base, ADMIN, '/settings');
    await ready(page, 'settings');
    const box = page.getByTestId('setting-privacy-enabled');
    assert.equal(await box.isChecked(), true);
    await box.uncheck();
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    assert.equal((await app.api('GET', '/v1/settings/privacy')).body.settings.enabled, false);
    await box.check();
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    assert.equal((await app.api('GET', '/v1/settings/privacy')).body.settings.enabled, true);

    await page.getByTestId('nav-people').click();
    await page.waitForURL((u) => u.pathname === '/people');
    await ready(page, 'people');
    assert.equal(await page.getByTestId('user-row').count(), 2);
    await page.getByTestId('user-email').fill('cy@example.com');
    await page.getByTestId('user-role').selectOption('analyst');
    await page.getByTestId('user-password').fill(PASSWORD);
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-created').waitFor();
    await page.locator('[data-testid="user-row"][data-email="cy@example.com"]').waitFor();

    const users = (await app.api('GET', '/v1/users')).body.users as { email: string; role: string; password: boolean; can_reveal: boolean; disabled: boolean }[];
    const cy = users.find((u) => u.email === 'cy@example.com');
    assert.ok(cy, JSON.stringify(users));
    assert.deepEqual({ role: cy.role, password: cy.password, can_reveal: cy.can_reveal, disabled: cy.disabled }, { role: 'analyst', password: true, can_reveal: false, disabled: false });

    // Per-row changes: role, reveal, disable.
    const row = page.locator('[data-testid="user-row"][data-email="cy@example.com"]');
    await row.getByTestId('user-row-role').selectOption('reviewer');
    await page.waitForFunction(() => (document.querySelector('[data-testid="user-row"][data-email="cy@example.com"] select') as HTMLSelectElement | null)?.value === 'reviewer');
    await row.getByTestId('user-row-reveal').check();
    await row.getByTestId('user-row-disable').click();
    await row.getByText('disabled').waitFor();
    const after = ((await app.api('GET', '/v1/users')).body.users as typeof users).find((u) => u.email === 'cy@example.com')!;
    assert.deepEqual({ role: after.role, can_reveal: after.can_reveal, disabled: after.disabled }, { role: 'reviewer', can_reveal: true, disabled: true });
    assert.deepEqual(app.pageErrors, []);
    await page.context().close();
  });
});
