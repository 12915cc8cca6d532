// `vigil hook claude-code` as Claude Code runs it: a process per event, the event on stdin, the
// answer on stdout. Against a real server, and with that server stopped and started again.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RestartableServer } from '../testing/restartable-server.js';

const BIN = fileURLToPath(new URL('../main.js', import.meta.url));
const NATIVE = fileURLToPath(new URL('../vigil-hook', import.meta.url));
const NATIVE_SKIP = existsSync(NATIVE) ? false : `the native relay was not built (${NATIVE}): no C compiler`;
if (NATIVE_SKIP) process.stderr.write(`note: ${NATIVE_SKIP}\n`);

// The same behaviour from both relays: the Node one (vigil hook) and the native one (vigil-hook).
const RELAYS: { name: string; argv: string[]; skip: string | false }[] = [
  { name: 'vigil hook (Node)', argv: [process.execPath, BIN, 'hook'], skip: false },
  { name: 'vigil-hook (native)', argv: [NATIVE], skip: NATIVE_SKIP },
];
const TOKEN = 'relay-test-admin-token';
const SESSION = '7d6b1c2e-0000-4000-8000-00000000r1ay';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runHook(relay: string[], args: string[], payload: unknown, env: Record<string, string> = {}): Promise<Run> {
  const child = spawn(relay[0]!, [...relay.slice(1), 'claude-code', ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdin.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

const base = { session_id: SESSION, transcript_path: '/tmp/t.jsonl', cwd: '/work/app', permission_mode: 'default' };
const pre = (id: string, command: string) => ({ ...base, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command }, tool_use_id: id });
const postTool = (id: string, command: string) => ({ ...pre(id, command), hook_event_name: 'PostToolUse', tool_response: { stdout: 'ok', stderr: '', interrupted: false } });

for (const relay of RELAYS) describe(`${relay.name} claude-code`, { skip: relay.skip }, () => {
  const run = (args: string[], payload: unknown) => runHook(relay.argv, args, payload);
  let dir: string;
  const server = new RestartableServer(() => join(dir, 'data'), TOKEN);
  let config: string;
  const timeline = async () => (await server.get<{ timeline: { kind: string; tool?: { call_id?: string } }[] }>(`/v1/sessions/${SESSION}`)).timeline;
  const spooled = () => {
    try {
      return readdirSync(join(dir, 'spool', 'claude-code')).filter((f) => f.endsWith('.json') && !f.startsWith('.'));
    } catch {
      return [];
    }
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-relay-'));
    await server.start();
    config = join(dir, 'hook.json');
    writeFileSync(config, JSON.stringify({ server: server.url, token: TOKEN, mode: 'monitor', timeout_ms: 2000, spool_dir: join(dir, 'spool'), user: 'dev@example.com' }));
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('relays an event and prints nothing for an allowed call; prints Claude Code’s deny for a denied one', async () => {
    const ok = await run(['--config', config], pre('toolu_a', 'ls -la'));
    assert.deepEqual(ok, { code: 0, stdout: '{}\n', stderr: '' });
    const denied = await run(['--config', config], pre('toolu_b', 'rm -rf /work/app'));
    assert.equal(denied.code, 0);
    const answer = JSON.parse(denied.stdout) as { hookSpecificOutput: Record<string, string> };
    assert.equal(answer.hookSpecificOutput.permissionDecision, 'deny');
    assert.match(answer.hookSpecificOutput.permissionDecisionReason!, /no-rm-rf/);
    const kinds = (await timeline()).map((e) => e.kind);
    assert.deepEqual(kinds, ['tool_call', 'tool_call', 'decision']);
  });

  test('server down: monitor allows, enforce denies; both spool; after a restart every event arrives once, in order', async () => {
    await server.stop();
    const monitor = await run(['--config', config], postTool('toolu_a', 'ls -la'));
    assert.equal(monitor.code, 0);
    assert.equal(monitor.stdout.trim(), '{}');
    assert.match(monitor.stderr, /did not answer.*spooled \(monitor mode: allowed\)/);

    const enforce = await run(['--config', config, '--mode', 'enforce'], pre('toolu_c', 'cat README.md'));
    assert.equal(enforce.code, 0);
    const answer = JSON.parse(enforce.stdout) as { hookSpecificOutput: Record<string, string> };
    assert.equal(answer.hookSpecificOutput.permissionDecision, 'deny');
    assert.match(answer.hookSpecificOutput.permissionDecisionReason!, /could not check this action.*enforce mode/);
    assert.equal(spooled().length, 2);

    await server.start();
    // The next hook is answered live, then delivers the spool.
    const next = await run(['--config', config], postTool('toolu_d', 'echo done'));
    assert.deepEqual(next, { code: 0, stdout: '{}\n', stderr: '' });
    assert.equal(spooled().length, 0);
    // Delivering again (a resend) stores nothing twice.
    const events = await timeline();
    assert.deepEqual(
      events.map((e) => `${e.kind}:${e.tool?.call_id}`),
      ['tool_call:toolu_a', 'tool_call:toolu_b', 'decision:toolu_b', 'tool_result:toolu_a', 'tool_call:toolu_c', 'tool_result:toolu_d'],
    );
  });

  test('enforce mode fails closed when the relay itself cannot run; monitor mode never blocks', async () => {
    const missing = join(dir, 'no-such-config.json');
    const enforce = await run(['--config', missing, '--mode', 'enforce'], pre('toolu_e', 'ls'));
    assert.equal(enforce.code, 2);
    assert.match(enforce.stderr, /cannot read the hook config.*enforce mode: denied/);
    const monitor = await run(['--config', missing], pre('toolu_e', 'ls'));
    assert.equal(monitor.code, 0);
    const garbage = await run(['--config', config, '--mode', 'enforce'], 'not json');
    assert.equal(garbage.code, 2);
  });
});
