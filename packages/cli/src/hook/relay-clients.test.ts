// Every client's hooks through both relays (`vigil hook <client>` and the native `vigil-hook`),
// using each client's locked fixtures (packages/core/fixtures/hooks): the server's answer and the
// relay's own answer when the server is down are in that client's wire format, and nothing an
// agent did is lost while the server is away.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOOK_ADAPTERS, type HookAdapter } from '@vigil/core';
import { RestartableServer } from '../testing/restartable-server.js';

const BIN = fileURLToPath(new URL('../main.js', import.meta.url));
const NATIVE = fileURLToPath(new URL('../vigil-hook', import.meta.url));
const NATIVE_SKIP = existsSync(NATIVE) ? false : `the native relay was not built (${NATIVE}): no C compiler`;
const FIXTURES = fileURLToPath(new URL('../../../core/fixtures/hooks/', import.meta.url));
const RELAYS = [
  { name: 'Node', argv: [process.execPath, BIN, 'hook'], skip: false as string | false },
  { name: 'native', argv: [NATIVE], skip: NATIVE_SKIP },
];
const TOKEN = 'relay-clients-test-token';

interface FixtureEvent {
  payload: Record<string, unknown>;
  expect: { kind: string };
  answers?: { deny: Record<string, unknown>; allow: Record<string, unknown> };
}

function runHook(argv: string[], client: string, args: string[], payload: unknown): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(argv[0]!, [...argv.slice(1), client, ...args], { env: { PATH: process.env.PATH ?? '' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdin.end(JSON.stringify(payload));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout: stdout.trim(), stderr })));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The reason in a deny the relay printed, found where the client's answer shape puts it; the
 * answer must be exactly the adapter's deny with that reason (the contract test locks that shape
 * against the fixture).
 */
function assertDeny(adapter: HookAdapter, hook: string, stdout: string, reason: RegExp): void {
  const parts = JSON.stringify(adapter.answer(hook, { action: 'deny', reason: '\u0001' })).split('\\u0001');
  const m = new RegExp(`^${parts.map(escape).join('(.*?)')}$`).exec(JSON.stringify(JSON.parse(stdout)));
  assert.ok(m && m.length > 1, `the answer ${stdout} does not have ${adapter.client}'s deny shape`);
  const given = JSON.parse(`"${m.slice(1).sort((a, b) => b.length - a.length)[0]!}"`) as string;
  assert.match(given, reason);
  assert.deepEqual(JSON.parse(stdout), adapter.answer(hook, { action: 'deny', reason: given }));
}

const printed = (answer: Record<string, unknown>) => answer;
const parsed = (stdout: string) => JSON.parse(stdout) as unknown;

for (const [client, adapter] of Object.entries(HOOK_ADAPTERS)) {
  const file = readdirSync(join(FIXTURES, client)).filter((f) => f.endsWith('.json')).sort()[0]!;
  const fixture = JSON.parse(readFileSync(join(FIXTURES, client, file), 'utf8')) as { session_id: string; events: FixtureEvent[] };
  const deciding = fixture.events.find((e) => adapter.deciding.has(adapter.eventName(e.payload) ?? ''))!;
  const hook = adapter.eventName(deciding.payload)!;
  const passive = fixture.events.find((e) => !adapter.blockable.has(adapter.eventName(e.payload) ?? ''))!;

  for (const relay of RELAYS) {
    describe(`relay (${relay.name}) for ${client}`, { skip: relay.skip }, () => {
      let dir: string;
      let config: string;
      const server = new RestartableServer(() => join(dir, 'data'), TOKEN);
      const run = (payload: unknown, mode: 'monitor' | 'enforce') => runHook(relay.argv, client, ['--config', config, '--mode', mode], payload);
      const spooled = () => (existsSync(join(dir, 'spool', client)) ? readdirSync(join(dir, 'spool', client)).filter((f) => f.endsWith('.json') && !f.startsWith('.')) : []);
      const timeline = async () => (await server.get<{ timeline: { kind: string; client: string }[] }>(`/v1/sessions/${encodeURIComponent(fixture.session_id)}`)).timeline ?? [];

      before(async () => {
        dir = mkdtempSync(join(tmpdir(), `vigil-relay-${client}-`));
        await server.start();
        config = join(dir, 'hook.json');
        writeFileSync(config, JSON.stringify({ server: server.url, token: TOKEN, mode: 'monitor', timeout_ms: 2000, spool_dir: join(dir, 'spool') }));
      });
      after(async () => {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      });

      test('a live server answers in the client format: allow, then deny once the session is killed', async () => {
        const ok = await run(deciding.payload, 'enforce');
        assert.equal(ok.code, 0, ok.stderr);
        assert.deepEqual(parsed(ok.stdout), printed(deciding.answers!.allow));
        const kill = await fetch(`${server.url}/v1/kills`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ scope: 'session', session_id: fixture.session_id, reason: 'stopped by the relay test' }) });
        assert.equal(kill.status, 201);
        const denied = await run(deciding.payload, 'enforce');
        assert.equal(denied.code, 0, denied.stderr);
        assertDeny(adapter, hook, denied.stdout, /stopped by the relay test/);
        const events = await timeline();
        assert.ok(events.length >= 1 && events.every((e) => e.client === client), JSON.stringify(events));
      });

      test('server down: enforce denies the action in the client format, monitor allows; everything is spooled and arrives later', async () => {
        const before = (await timeline()).length;
        await server.stop();
        const enforce = await run(deciding.payload, 'enforce');
        assert.equal(enforce.code, 0, enforce.stderr);
        assertDeny(adapter, hook, enforce.stdout, /^Vigil could not check this action.*answers again\.$/);
        const monitor = await run(deciding.payload, 'monitor');
        assert.equal(monitor.code, 0);
        assert.deepEqual(parsed(monitor.stdout), printed(deciding.answers!.allow));
        // An event that cannot be denied is let through in enforce mode too.
        const through = await run(passive.payload, 'enforce');
        assert.equal(through.code, 0);
        assert.deepEqual(parsed(through.stdout), printed(adapter.answer(adapter.eventName(passive.payload)!, { action: 'allow' })));
        assert.equal(spooled().length, 3);

        await server.start();
        await run(passive.payload, 'monitor');
        assert.equal(spooled().length, 0);
        assert.ok((await timeline()).length > before, 'the spooled events arrived');
      });
    });
  }
}
