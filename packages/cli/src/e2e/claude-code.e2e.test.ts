// End to end with the real Claude Code binary: hooks installed by `vigil setup hooks` into a
// temporary HOME, a scripted local stand-in for the Anthropic API, a real Vigil server. Checks
// what a security team relies on: the session is complete and in order, a denied command did not
// run and the agent was told why, and with the server down (enforce mode) tool calls are denied
// and every event arrives exactly once after the server is back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RestartableServer } from '../testing/restartable-server.js';
import { installClaude } from './claude.js';
import { startFakeAnthropic, type Block } from './fake-anthropic.js';
import { claudeEnv, run } from './harness.js';

const VIGIL = fileURLToPath(new URL('../main.js', import.meta.url));
const TOKEN = 'e2e-admin-token-0123456789';
const claude = installClaude();
if (claude.skip) {
  if (process.env.CI) throw new Error(claude.skip);
  process.stderr.write(`note: skipping the Claude Code end-to-end tests: ${claude.skip}\n`);
}

type TimelineEvent = { id: string; kind: string; text?: string; tool?: { name: string }; input?: { command?: string }; output?: unknown; error?: string; verdict?: { rule?: string } };

describe('Claude Code end to end (real claude binary)', { skip: claude.skip }, () => {
  let dir: string;
  let home: string;
  let work: string;
  const server = new RestartableServer(() => join(dir, 'data'), TOKEN);
  const timeline = async (id: string) => (await server.get<{ timeline: TimelineEvent[] }>(`/v1/sessions/${id}`)).timeline;

  // The server's port survives restarts; OTLP export goes there even while it is down.
  let otlpPort = 0;
  async function claudeRun(script: Block[][], prompt: string, asHome = home) {
    const fake = await startFakeAnthropic(script);
    try {
      const r = await run(claude.bin!, ['-p', prompt, '--dangerously-skip-permissions', '--output-format', 'json'], {
        cwd: work,
        env: claudeEnv(asHome, fake.url, { url: `http://127.0.0.1:${otlpPort}`, token: TOKEN }),
      });
      assert.equal(r.code, 0, `claude failed: ${r.stdout}\n${r.stderr}`);
      const result = JSON.parse(r.stdout) as { session_id: string; result: string };
      return { result, requests: fake.requests };
    } finally {
      await fake.close();
    }
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
    home = join(dir, 'home');
    work = join(dir, 'work');
    mkdirSync(home);
    mkdirSync(join(work, 'victim'), { recursive: true });
    writeFileSync(join(work, 'victim', 'keep.txt'), 'this must survive');
    writeFileSync(join(work, 'notes.md'), '# Notes\nCity: Zurich\n');
    await server.start();
    otlpPort = Number(new URL(server.url).port);
    const setup = await run(process.execPath, [VIGIL, 'setup', 'hooks', '--client', 'claude-code', '--install', '--event-hooks', '--mode', 'enforce', '--server', server.url, '--token', TOKEN, '--yes'], { env: { PATH: process.env.PATH ?? '', HOME: home } });
    assert.equal(setup.code, 0, setup.stderr);
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a session is recorded complete and in order; a denied command does not run and the agent is told why', async () => {
    const { result, requests } = await claudeRun(
      [
        [{ type: 'thinking', thinking: 'I should look at the folder first.' }, { type: 'text', text: 'Let me list the files.' }, { type: 'tool_use', name: 'Bash', input: { command: 'ls', description: 'List files' } }],
        [{ type: 'tool_use', name: 'Bash', input: { command: 'rm -rf victim', description: 'Delete the victim folder' } }],
        [{ type: 'tool_use', name: 'Bash', input: { command: 'cat missing.txt', description: 'Show a missing file' } }],
        [{ type: 'text', text: 'Cleanup finished; victim was kept.' }],
      ],
      'Clean up this folder',
    );
    assert.equal(existsSync(join(work, 'victim', 'keep.txt')), true, 'the denied rm -rf must not have run');
    const told = JSON.stringify(requests);
    assert.match(told, /Vigil denied this Bash call \(rule no-rm-rf\): recursive deletes are not allowed; remove specific files instead/);

    // OTLP adds one event hooks do not report: Claude Code's own record of the hook's denial.
    const all = await timeline(result.session_id);
    const denial = all.filter((e) => e.kind === 'notification' && /^Claude Code rejected Bash/.test(e.text ?? ''));
    assert.equal(denial.length, 1);
    const events = all.filter((e) => e !== denial[0]);
    assert.deepEqual(
      events.map((e) => `${e.kind}${e.input?.command ? `:${e.input.command}` : ''}`),
      ['session_start', 'prompt', 'reasoning', 'response', 'tool_call:ls', 'tool_result:ls', 'tool_call:rm -rf victim', 'decision', 'tool_call:cat missing.txt', 'tool_error:cat missing.txt', 'response', 'notification', 'session_end'],
    );
    assert.equal(events[1]!.text, 'Clean up this folder');
    // Reasoning and replies come from the transcript, which the relay reads after each hook.
    assert.equal(events[2]!.text, 'I should look at the folder first.');
    assert.equal(events[3]!.text, 'Let me list the files.');
    assert.match(JSON.stringify(events[5]!.output), /victim/);
    assert.equal(events[7]!.verdict?.rule, 'no-rm-rf');
    // The failure is reported by the hook (with stderr) and by OTLP (Claude Code's generic text)
    // under one id; whichever arrives first is stored, and now and then OTLP's export wins.
    assert.match(events[9]!.error ?? '', /No such file or directory|^Shell command failed$/);
    assert.equal(events[10]!.text, 'Cleanup finished; victim was kept.');
    assert.equal(events[11]!.text, 'Cleanup finished; victim was kept.');
    const s = (await server.get<{ session: { security: string; client: string; status: string; counters: { tool_calls: number; failures: number } } }>(`/v1/sessions/${result.session_id}`)).session;
    assert.deepEqual([s.client, s.security, s.status, s.counters.tool_calls, s.counters.failures], ['claude-code', 'blocked', 'ended', 3, 1]);

    // OTLP arrived too (Claude Code flushes its exporters on exit), onto the same session, adding no duplicates.
    const status = await server.get<{ otlp: { requests: { logs: number }; log_records: number } }>('/v1/status');
    assert.ok(status.otlp.requests.logs > 0 && status.otlp.log_records > 0, JSON.stringify(status.otlp));
    const list = await server.get<{ sessions: { id: string }[] }>('/v1/sessions');
    assert.equal(list.sessions.filter((x) => x.id === result.session_id).length, 1);
    assert.equal((await timeline(result.session_id)).length, events.length + 1);
  });

  test('http hooks (--transport http, monitor mode) record the session and can still deny', async () => {
    const httpHome = join(dir, 'home-http');
    mkdirSync(httpHome);
    const setup = await run(process.execPath, [VIGIL, 'setup', 'hooks', '--client', 'claude-code', '--install', '--event-hooks', '--transport', 'http', '--server', server.url, '--token', TOKEN, '--yes'], { env: { PATH: process.env.PATH ?? '', HOME: httpHome } });
    assert.equal(setup.code, 0, setup.stderr);
    const { result, requests } = await claudeRun(
      [[{ type: 'tool_use', name: 'Bash', input: { command: 'rm -rf victim', description: 'Delete' } }], [{ type: 'text', text: 'Kept it.' }]],
      'Delete the victim folder',
      httpHome,
    );
    assert.equal(existsSync(join(work, 'victim', 'keep.txt')), true);
    assert.match(JSON.stringify(requests), /Vigil denied this Bash call \(rule no-rm-rf\)/);
    // Claude Code 2.1.330 runs no http hook for SessionStart: the session begins at its prompt.
    const kinds = (await timeline(result.session_id)).map((e) => e.kind).filter((k) => k !== 'notification');
    assert.deepEqual(kinds, ['prompt', 'tool_call', 'decision', 'session_end']);
  });

  test('server down in enforce mode: the tool call is denied with a reason; after a restart every event arrives exactly once', async () => {
    await server.stop();
    const down = await claudeRun(
      [[{ type: 'tool_use', name: 'Bash', input: { command: 'ls', description: 'List files' } }], [{ type: 'text', text: 'Could not list.' }]],
      'List the files',
    );
    assert.match(JSON.stringify(down.requests), /Vigil could not check this action/);
    const spool = join(home, '.vigil', 'spool', 'claude-code');
    const spooled = readdirSync(spool).filter((f) => f.endsWith('.json') && !f.startsWith('.'));
    assert.ok(spooled.length >= 4, `spooled: ${spooled.join(', ')}`);

    await server.start();
    // The next session's first hook answers live, then delivers the spool.
    const next = await claudeRun([[{ type: 'text', text: 'Hello again.' }]], 'Say hello');
    assert.deepEqual(readdirSync(spool).filter((f) => f.endsWith('.json')), []);
    const events = await timeline(down.result.session_id);
    assert.deepEqual(
      events.map((e) => e.kind),
      ['session_start', 'prompt', 'tool_call', 'response', 'notification', 'session_end'],
    );
    assert.equal(new Set(events.map((e) => e.id)).size, events.length);
    // Every spooled hook event once, plus the reply read from the transcript.
    assert.equal(events.filter((e) => e.kind !== 'response').length, spooled.length);
    assert.ok((await timeline(next.result.session_id)).length >= 4);
  });
});
