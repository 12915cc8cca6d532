import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { BROWSER_SKIP, ready, signIn } from './browser.js';
import { consoleInChromium } from './harness.js';
import { ev } from './server.js';

// A stored corpus of XSS payloads (fixtures/xss-payloads.txt) goes into every field an agent or
// a tool controls, and through the administrative paths that echo names and reasons (review
// marks, kill switches). Every page of the console is opened in Chromium with the CSP turned off
// (so the rendering itself is under test, not the CSP), then with it on. Nothing may run: no
// dialog, no request to the payloads' beacons, no CSP violation, no page error; and each payload
// must be on the page as the text it is.

const ADMIN = 'console-xss-admin-token';
const PAYLOADS = readFileSync(new URL('../../e2e/fixtures/xss-payloads.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('# '));

interface Hits {
  dialogs: string[];
  beacons: string[];
  violations: string[];
  errors: string[];
}

async function watch(context: BrowserContext, hits: Hits): Promise<Page> {
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __violations: string[] }).__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
    (window as unknown as { __violations: string[] }).__violations = [];
  });
  const page = await context.newPage();
  page.on('dialog', (d) => {
    hits.dialogs.push(`${d.type()}: ${d.message()} at ${page.url()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (/xss-hit|xss\.invalid|javascript:/.test(r.url())) hits.beacons.push(`${r.url()} at ${page.url()}`);
  });
  page.on('pageerror', (e) => hits.errors.push(`${e.message} at ${page.url()}`));
  return page;
}

async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

describe('console against stored XSS', { skip: BROWSER_SKIP ?? false }, () => {
  const app = consoleInChromium(ADMIN);
  const sessions: string[] = [];

  before(async () => {
    assert.ok(PAYLOADS.length >= 60, `${PAYLOADS.length} payloads`);
    const events: Record<string, unknown>[] = [];
    PAYLOADS.forEach((p, i) => {
      const sid = `xss-${i}`;
      sessions.push(sid);
      const t = Date.now() - (PAYLOADS.length - i) * 60_000;
      const who = { user: p, device: { id: `d${i}`, hostname: p, os: p }, client_version: p, cwd: p, model: p };
      const mcp = { name: `mcp__x${i}__${i}`, kind: 'mcp', mcp_server: p, call_id: `m${i}` };
      events.push(
        ev({ id: `${sid}-s`, session_id: sid, kind: 'session_start', time: t, mcp_servers: [p], ...who }),
        ev({ id: `${sid}-p`, session_id: sid, kind: 'prompt', text: p, topic: p, time: t + 1 }),
        ev({ id: `${sid}-r`, session_id: sid, kind: 'reasoning', text: p, time: t + 2 }),
        ev({ id: `${sid}-c`, session_id: sid, kind: 'tool_call', tool: { name: p, kind: 'file_read', call_id: `c${i}` }, input: { file_path: p, [p]: p }, time: t + 3 }),
        ev({ id: `${sid}-o`, session_id: sid, kind: 'tool_result', tool: { name: p, kind: 'file_read', call_id: `c${i}` }, output: p, time: t + 4 }),
        ev({ id: `${sid}-mc`, session_id: sid, kind: 'tool_call', tool: mcp, input: { q: p }, time: t + 5 }),
        ev({ id: `${sid}-me`, session_id: sid, kind: 'tool_error', tool: mcp, error: p, time: t + 6 }),
        ev({ id: `${sid}-d`, session_id: sid, kind: 'decision', verdict: { action: 'block', source: p, rule: p, reason: p, target_event_id: `${sid}-c` }, time: t + 7 }),
        ev({ id: `${sid}-g`, session_id: sid, kind: 'guard_finding', verdict: { action: 'alert', source: 'agentguard/steering', rule: p, reason: p, score: 0.5, target_event_id: `${sid}-mc`, evidence: [{ step: 1, value: p, path: p }] }, time: t + 8 }),
        ev({ id: `${sid}-a`, session_id: sid, kind: 'response', text: p, time: t + 9 }),
        ev({ id: `${sid}-n`, session_id: sid, kind: 'subagent_start', parent_id: `sub${i}`, text: p, time: t + 10 }),
      );
    });
    const r = await app.api('POST', '/v1/events', { schema_version: 1, events });
    assert.equal(r.status, 200, JSON.stringify(r.body).slice(0, 2000));
    // Administrative paths that store and show names and reasons.
    for (const p of PAYLOADS.slice(0, 10)) {
      assert.equal((await app.api('PUT', '/v1/inventory/review', { kind: 'mcp_server', name: p, review: 'allowed' })).status, 200);
      assert.equal((await app.api('POST', '/v1/kills', { scope: 'user', user: p, reason: p })).status, 201);
    }
  });

  for (const bypassCSP of [true, false]) {
    test(`nothing runs on any page (CSP ${bypassCSP ? 'off' : 'on'})`, async () => {
      const hits: Hits = { dialogs: [], beacons: [], violations: [], errors: [] };
      const context = await app.browser.newContext({ bypassCSP, viewport: { width: 1400, height: 1000 } });
      const page = await watch(context, hits);
      await signIn(page, app.base, ADMIN);
      const check = async () => hits.violations.push(...(await violations(page)).map((v) => `${v} at ${page.url()}`));

      // The list, with payloads as prompts, users, devices and topics; and a full-text search for one.
      await ready(page, 'sessions');
      const listed = await page.getByTestId('sessions-table').innerText();
      assert.ok(listed.includes(PAYLOADS[PAYLOADS.length - 1]!), 'the newest payload shows as text in the list');
      await check();
      await page.goto(`${app.base}/sessions?q=${encodeURIComponent('alert')}&user=${encodeURIComponent(PAYLOADS[0]!)}`);
      await ready(page, 'sessions');
      await check();

      // Every session page (all of them with the CSP off; a sample with it on).
      const open = bypassCSP ? sessions : sessions.filter((_, i) => i % 8 === 0);
      for (const sid of open) {
        const p = PAYLOADS[sessions.indexOf(sid)]!;
        await page.goto(`${app.base}/sessions/${sid}`);
        await ready(page, 'session');
        const text = await page.locator('body').innerText();
        assert.ok(text.includes(p.trim()), `${sid}: the payload ${JSON.stringify(p)} is shown as text`);
        await check();
      }
      for (const path of ['/inventory', '/analytics?range=90d', '/settings', '/audit', '/audit?action=kill.create']) {
        await page.goto(app.base + path);
        await page.waitForLoadState('networkidle');
        await check();
      }
      assert.match(await page.locator('body').innerText(), /kill\.create/);
      await context.close();
      assert.deepEqual(hits, { dialogs: [], beacons: [], violations: [], errors: [] });
    });
  }
});
