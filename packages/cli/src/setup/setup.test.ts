// `vigil setup hooks` on real settings files: merged without touching the user's own hooks,
// idempotent, and removed again leaving the file exactly as it was.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULTS, startServer, type RunningServer } from '@vigil/server';
import { ALL_EVENTS, addVigilHooks, isVigilHook, removeVigilHooks } from './claude-code.js';
import { INSTALLERS } from './clients.js';

const BIN = fileURLToPath(new URL('../main.js', import.meta.url));
const TOKEN = 'setup-test-admin-token';

// A user's settings with hooks of their own, in their own formatting (4 spaces, key order).
const ORIGINAL = `{
    "model": "claude-sonnet-4-5",
    "hooks": {
        "PreToolUse": [
            { "matcher": "Bash", "hooks": [ { "type": "command", "command": "~/bin/audit-bash.sh" } ] }
        ],
        "Stop": [ { "hooks": [ { "type": "command", "command": "notify-send done" } ] } ]
    },
    "permissions": { "deny": ["Read(./.env)"] }
}
`;

describe('vigil setup hooks --client claude-code', () => {
  let dir: string;
  let server: RunningServer;
  // Asynchronous: the server answering the setup's reachability check runs in this process.
  const vigil = (...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const c = spawn(process.execPath, [BIN, 'setup', 'hooks', '--client', 'claude-code', ...args], { env: { PATH: process.env.PATH ?? '', HOME: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      c.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
      c.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      c.on('exit', (status) => resolve({ status, stdout, stderr }));
    });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-setup-'));
    server = await startServer({ ...DEFAULTS, port: 0, dataDir: join(dir, 'data'), adminToken: TOKEN, logLevel: 'silent' });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('install merges beside the user’s hooks, is idempotent, and uninstall restores the file byte for byte', async () => {
    const settings = join(dir, 'user-settings.json');
    const config = join(dir, 'hook.json');
    writeFileSync(settings, ORIGINAL);
    const common = ['--settings', settings, '--config', config, '--yes'];

    const install = await vigil('--install', '--server', server.url, '--token', TOKEN, '--mode', 'enforce', ...common);
    assert.equal(install.status, 0, install.stderr);
    assert.match(install.stdout, /installed Vigil's command hooks \(enforce mode\) on PreToolUse, PermissionRequest/);
    assert.match(install.stdout, /server: reachable, token accepted/);
    const s = JSON.parse(readFileSync(settings, 'utf8')) as { model: string; permissions: unknown; hooks: Record<string, { matcher?: string; hooks: { command: string; timeout: number }[] }[]> };
    assert.equal(s.model, 'claude-sonnet-4-5');
    assert.deepEqual(s.permissions, { deny: ['Read(./.env)'] });
    assert.equal(s.hooks.PreToolUse!.length, 2);
    assert.equal(s.hooks.PreToolUse![0]!.hooks[0]!.command, '~/bin/audit-bash.sh');
    assert.equal(s.hooks.PreToolUse![1]!.matcher, '*');
    assert.match(s.hooks.PreToolUse![1]!.hooks[0]!.command, /claude-code --config ".*hook\.json" --mode enforce$/);
    assert.ok(s.hooks.PermissionRequest);
    assert.deepEqual(s.hooks.Stop, [{ hooks: [{ type: 'command', command: 'notify-send done' }] }]);
    const cfg = JSON.parse(readFileSync(config, 'utf8')) as { server: string; token: string; mode: string };
    assert.deepEqual([cfg.server, cfg.token, cfg.mode], [server.url, TOKEN, 'enforce']);
    assert.equal(statSync(config).mode & 0o777, 0o600);

    const first = readFileSync(settings, 'utf8');
    assert.equal((await vigil('--install', ...common, '--mode', 'enforce')).status, 0);
    assert.equal(readFileSync(settings, 'utf8'), first, 'a second install changes nothing');

    const status = await vigil('--status', '--settings', settings, '--config', config);
    assert.match(status.stdout, /Vigil hooks \(command\) on PreToolUse, PermissionRequest/);
    assert.match(status.stdout, /mode enforce/);

    const all = await vigil('--install', ...common, '--event-hooks');
    assert.equal(all.status, 0, all.stderr);
    const every = JSON.parse(readFileSync(settings, 'utf8')) as { hooks: Record<string, unknown[]> };
    for (const e of ALL_EVENTS) assert.ok(every.hooks[e], e);

    const un = await vigil('--uninstall', ...common);
    assert.equal(un.status, 0, un.stderr);
    assert.match(un.stdout, /restored .* exactly/);
    assert.equal(readFileSync(settings, 'utf8'), ORIGINAL);
    assert.equal(existsSync(`${settings}.vigil-backup`), false);
  });

  test('a settings file that did not exist is removed again on uninstall; edits made since are kept', async () => {
    const settings = join(dir, 'new', 'settings.json');
    const common = ['--settings', settings, '--config', join(dir, 'hook2.json'), '--yes'];
    assert.equal((await vigil('--install', '--server', server.url, '--token', TOKEN, ...common)).status, 0);
    assert.equal((await vigil('--uninstall', ...common)).status, 0);
    assert.equal(existsSync(settings), false);

    assert.equal((await vigil('--install', '--server', server.url, '--token', TOKEN, ...common)).status, 0);
    const edited = JSON.parse(readFileSync(settings, 'utf8')) as Record<string, unknown>;
    writeFileSync(settings, JSON.stringify({ ...edited, theme: 'dark' }, null, 2));
    const un = await vigil('--uninstall', ...common);
    assert.match(un.stdout, /other changes since install are kept/);
    assert.deepEqual(JSON.parse(readFileSync(settings, 'utf8')), { theme: 'dark' });
  });

  test('refuses what would not work or would leak the token, saying why', async () => {
    const settings = join(dir, 'x.json');
    const cases: [string[], RegExp][] = [
      [['--install', '--transport', 'http', '--mode', 'enforce', '--server', server.url, '--token', TOKEN], /http hooks fail open/],
      [['--install', '--transport', 'http', '--scope', 'project', '--server', server.url, '--token', TOKEN], /project settings are committed/],
      [['--install', '--server', 'ftp://x', '--token', TOKEN, '--config', join(dir, 'none.json')], /--server URL is required/],
      [['--install', '--uninstall'], /exactly one of/],
    ];
    for (const [args, msg] of cases) {
      const r = await vigil(...args, '--settings', settings, '--yes');
      assert.notEqual(r.status, 0, args.join(' '));
      assert.match(r.stderr, msg, args.join(' '));
    }
    const noTty = await vigil('--install', '--server', server.url, '--token', TOKEN, '--settings', settings, '--config', join(dir, 'h3.json'));
    assert.match(noTty.stderr, /pass --yes/);
  });
});

describe('every client installer', () => {
  const plan = { events: ['x'], mode: 'enforce' as const, transport: 'command' as const, target: '"/opt/vigil/dist/vigil-hook" CLIENT --config "/h/hook.json" --mode enforce', timeoutS: 10 };
  // Setup removes a file it created when uninstalling leaves what uninstalling nothing leaves.
  test('uninstall after install into a missing file leaves what uninstall leaves of a missing file', () => {
    for (const [client, installer] of Object.entries(INSTALLERS)) {
      const p = { ...plan, events: installer.allEvents, target: plan.target.replace('CLIENT', client) };
      const installed = installer.install('', p);
      assert.equal(installer.status(installed).length, installer.allEvents.length, client);
      assert.equal(installer.uninstall(installed), installer.uninstall(''), client);
      assert.deepEqual(installer.status(installer.uninstall(installed)), [], client);
    }
  });
});

describe('settings merge', () => {
  test('recognises only Vigil’s own entries', () => {
    assert.ok(isVigilHook({ type: 'command', command: '"/opt/vigil/dist/vigil-hook" claude-code --config "/h/hook.json" --mode monitor' }));
    assert.ok(isVigilHook({ type: 'command', command: '"/usr/bin/node" "/opt/vigil/dist/main.js" hook claude-code --config "/h/hook.json" --mode enforce' }));
    assert.ok(isVigilHook({ type: 'http', url: 'http://vigil:7411/v1/hooks/claude-code' }));
    assert.ok(!isVigilHook({ type: 'command', command: 'claude-code --config x' }));
    assert.ok(!isVigilHook({ type: 'command', command: '~/bin/audit.sh' }));
  });

  test('http hooks carry the token header; removing leaves nothing behind', () => {
    const s = addVigilHooks({ hooks: { Stop: [{ hooks: [{ type: 'command', command: 'x' }] }] } }, { events: ['PreToolUse', 'Stop'], mode: 'monitor', transport: 'http', target: 'http://v/v1/hooks/claude-code', token: 't', timeoutS: 5 });
    assert.deepEqual((s.hooks as Record<string, unknown>).PreToolUse, [{ matcher: '*', hooks: [{ type: 'http', url: 'http://v/v1/hooks/claude-code', headers: { Authorization: 'Bearer t' }, timeout: 5 }] }]);
    assert.deepEqual(removeVigilHooks(s), { hooks: { Stop: [{ hooks: [{ type: 'command', command: 'x' }] }] } });
  });
});
