import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { hostname, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { BROWSER_SKIP, ready } from './browser.js';
import { consoleInChromium } from './harness.js';
import { ev } from './server.js';

// Device login end to end: the real `vigil login` binary asks a real server for a code, a person
// signed in to the console in Chromium approves it on /device, and the CLI writes a working token,
// bound to that person and this machine, into the hook relay's config.

const ADMIN = 'device-e2e-admin-token';
const EMAIL = 'dev@example.com';
const PASSWORD = 'a long enough password';
const CLI = fileURLToPath(new URL('../../../cli/dist/main.js', import.meta.url));

describe('device login in Chromium', { skip: BROWSER_SKIP ?? false }, () => {
  const app = consoleInChromium(ADMIN);
  let page: Page;
  let userId: string;
  let dir: string;
  let cli: ChildProcess | undefined;

  before(async () => {
    const u = await app.api('POST', '/v1/users', { email: EMAIL, role: 'member', password: PASSWORD });
    assert.equal(u.status, 201, JSON.stringify(u.body));
    userId = u.body.id;
    dir = mkdtempSync(join(tmpdir(), 'vigil-login-'));
    page = await app.newPage({ viewport: { width: 1200, height: 900 } });
    // Password sign-in through the API; page.request shares the context's cookies.
    const login = await page.request.post(`${app.base}/v1/console/login`, { data: { email: EMAIL, password: PASSWORD } });
    assert.equal(login.status(), 200, await login.text());
  });

  // Runs after the browser and the server have closed (after hooks run in the order registered).
  after(() => {
    cli?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('vigil login → approve on /device → the CLI saves a token bound to the person and this machine', async () => {
    const config = join(dir, 'hook.json');
    const child = spawn(process.execPath, [CLI, 'login', '--server', app.base, '--no-browser', '--config', config], { env: { PATH: process.env.PATH ?? '', HOME: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
    cli = child;
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    const code = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no code within 10 s; stdout: ${stdout}; stderr: ${stderr}`)), 10_000);
      // Both lines, the code and the complete link, arrive in separate writes: wait for the second.
      child.stdout!.on('data', () => {
        const m = /Open (\S+) and enter the code ([A-Z]{4}-[A-Z]{4})[\s\S]*user_code=\2/.exec(stdout);
        if (m) {
          clearTimeout(timer);
          assert.equal(m[1], `${app.base}/device`);
          resolve(m[2]!);
        }
      });
    });
    assert.ok(stdout.includes(`${app.base}/device?user_code=${code}`), stdout);

    await page.goto(`${app.base}/device?user_code=${code}`);
    await ready(page, 'device');
    assert.equal(await page.getByTestId('device-code').inputValue(), code);
    assert.equal(await page.getByTestId('device-hostname').innerText(), hostname());
    assert.equal(await page.getByTestId('device-os').innerText(), platform());
    await page.getByTestId('device-approve').click();
    await page.getByTestId('device-done').waitFor();
    assert.equal(await page.getByTestId('device-done').getAttribute('data-status'), 'approved');

    const status = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000))]);
    assert.equal(status, 0, `stdout: ${stdout}\nstderr: ${stderr}`);
    cli = undefined;
    assert.match(stdout, new RegExp(`Token saved in ${config.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));

    assert.equal(statSync(config).mode & 0o777, 0o600);
    const saved = JSON.parse(readFileSync(config, 'utf8')) as { server: string; token: string; device_id: string };
    assert.equal(saved.server, app.base);
    assert.match(saved.token, /^vgl_/);
    const sent = await fetch(`${app.base}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${saved.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ schema_version: 1, events: [ev({ id: 'login-e1', session_id: 'login-s1', time: Date.now() })] }),
    });
    assert.equal(sent.status, 200);

    const tokens = (await app.api('GET', '/v1/tokens')).body.tokens as { name: string; user_id?: string; device?: { hostname: string; id: string } }[];
    const mine = tokens.filter((t) => t.user_id === userId);
    assert.equal(mine.length, 1);
    assert.deepEqual({ name: mine[0]!.name, hostname: mine[0]!.device?.hostname, id: mine[0]!.device?.id }, { name: `device:${hostname()}`, hostname: hostname(), id: saved.device_id });

    // The page now says the device is connected.
    await page.reload();
    await ready(page, 'device');
    assert.equal(await page.getByTestId('device-done').getAttribute('data-status'), 'issued');
    assert.deepEqual(app.pageErrors, []);
  });
});
