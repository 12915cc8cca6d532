// End to end with the real OpenAI Codex CLI: hooks installed by `vigil setup hooks --client
// codex` into a temporary CODEX_HOME, a scripted local stand-in for the Responses API, a real
// Vigil server with a deny rule. Checks that the session is recorded complete and in order, that
// the denied command did not run and the model was told why, and that the deny is audited; and
// that Codex's OTLP export (codex.* logs) builds the same sessions, alone or beside the hooks.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULTS, startServer, type RunningServer } from '@vigil/server';
import { installCodex } from './codex.js';
import { startFakeOpenAi, type Item } from './fake-openai.js';
import { run } from './harness.js';

const VIGIL = fileURLToPath(new URL('../main.js', import.meta.url));
const TOKEN = 'e2e-admin-token-0123456789';
const NO_PWNED = { name: 'no-pwned', tool: 'Bash', input_contains: ['pwned'], reason: 'marker files are not allowed' };
const codex = installCodex();
if (codex.skip) {
  if (process.env.CI) throw new Error(codex.skip);
  process.stderr.write(`note: skipping the Codex end-to-end tests: ${codex.skip}\n`);
}

type TimelineEvent = { id: string; kind: string; text?: string; turn_id?: string; tool?: { name: string; kind: string }; input?: { command?: string }; verdict?: { rule?: string } };

describe('Codex CLI end to end (real codex binary)', { skip: codex.skip }, () => {
  let dir: string;
  let home: string;
  let codexHome: string;
  let work: string;
  let server: RunningServer;
  const get = async <T>(path: string): Promise<T> => (await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json() as Promise<T>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-e2e-codex-'));
    home = join(dir, 'home');
    codexHome = join(home, '.codex');
    work = join(dir, 'work');
    mkdirSync(codexHome, { recursive: true });
    mkdirSync(work);
    server = await startServer({ ...DEFAULTS, port: 0, dataDir: join(dir, 'data'), adminToken: TOKEN, logLevel: 'silent', denyRules: [NO_PWNED] });
    const setup = await run(
      process.execPath,
      [VIGIL, 'setup', 'hooks', '--client', 'codex', '--install', '--event-hooks', '--mode', 'enforce', '--server', server.url, '--token', TOKEN, '--settings', join(codexHome, 'hooks.json'), '--config', join(home, '.vigil', 'hook.json'), '--yes'],
      { env: { PATH: process.env.PATH ?? '', HOME: home } },
    );
    assert.equal(setup.code, 0, setup.stdout + setup.stderr);
    const hooks = JSON.parse(readFileSync(join(codexHome, 'hooks.json'), 'utf8')) as { hooks: Record<string, unknown> };
    assert.ok(hooks.hooks.PreToolUse && hooks.hooks.SessionEnd, JSON.stringify(hooks));
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs codex; `otel`: also export its OTLP logs to Vigil (docs/clients.md); `cxHome`: another CODEX_HOME (one without Vigil's hooks). */
  async function codexRun(script: Item[][], prompt: string, opts: { otel?: boolean; cxHome?: string } = {}) {
    const fake = await startFakeOpenAi(script);
    const cxHome = opts.cxHome ?? codexHome;
    try {
      const otel = opts.otel
        ? `\n[otel]\nenvironment = "e2e"\nlog_user_prompt = true\nexporter = { otlp-http = { endpoint = "${server.url}/otlp/v1/logs", protocol = "json", headers = { "authorization" = "Bearer ${TOKEN}" } } }\n`
        : '';
      mkdirSync(cxHome, { recursive: true });
      writeFileSync(
        join(cxHome, 'config.toml'),
        `model = "gpt-5.5"\nmodel_provider = "e2e"\n\n[model_providers.e2e]\nname = "e2e"\nbase_url = "${fake.url}"\nwire_api = "responses"\nenv_key = "E2E_OPENAI_KEY"\n${otel}`,
      );
      // Hooks Vigil installs in ~/.codex run only once trusted (/hooks); a test has no one to trust them.
      const r = await run(process.execPath, [codex.bin!, 'exec', '--dangerously-bypass-approvals-and-sandbox', '--dangerously-bypass-hook-trust', '--skip-git-repo-check', prompt], {
        cwd: work,
        env: { PATH: process.env.PATH ?? '', HOME: home, CODEX_HOME: cxHome, E2E_OPENAI_KEY: 'sk-e2e' },
      });
      assert.equal(r.code, 0, `codex failed: ${r.stdout}\n${r.stderr}`);
      const session = /session id: ([0-9a-f-]{36})/.exec(r.stderr + r.stdout)?.[1];
      assert.ok(session, r.stderr);
      return { session, requests: fake.requests, stdout: r.stdout };
    } finally {
      await fake.close();
    }
  }

  test('a session is recorded complete and in order; a denied command does not run, the model is told why, the deny is audited', async () => {
    const pwned = join(dir, 'pwned');
    const { session, requests } = await codexRun(
      [
        [{ type: 'reasoning', text: 'Write the file first.' }, { type: 'message', text: 'Writing the file.' }, { type: 'function_call', name: 'exec_command', arguments: { cmd: "printf 'hello' > allowed.txt" } }],
        [{ type: 'function_call', name: 'exec_command', arguments: { cmd: `touch ${pwned}` } }],
        [{ type: 'custom_tool_call', name: 'apply_patch', input: '*** Begin Patch\n*** Add File: report.txt\n+all good\n*** End Patch\n' }],
        [{ type: 'message', text: 'Wrote allowed.txt and report.txt; the marker was refused.' }],
      ],
      'Write the files',
    );
    assert.equal(readFileSync(join(work, 'allowed.txt'), 'utf8'), 'hello');
    assert.equal(existsSync(pwned), false, 'the denied touch must not have run');
    assert.equal(readFileSync(join(work, 'report.txt'), 'utf8'), 'all good\n');
    assert.match(JSON.stringify(requests), /Command blocked by PreToolUse hook: Vigil denied this Bash call \(rule no-pwned\): marker files are not allowed/);

    const events = (await get<{ timeline: TimelineEvent[] }>(`/v1/sessions/${session}`)).timeline;
    assert.deepEqual(
      events.map((e) => `${e.kind}${e.tool ? `:${e.tool.name}/${e.tool.kind}` : ''}`),
      ['session_start', 'prompt', 'tool_call:Bash/shell', 'tool_result:Bash/shell', 'tool_call:Bash/shell', 'decision:Bash/shell', 'tool_call:apply_patch/file_write', 'tool_result:apply_patch/file_write', 'notification', 'session_end'],
    );
    assert.equal(events[1]!.text, 'Write the files');
    assert.equal(events[2]!.input?.command, "printf 'hello' > allowed.txt");
    assert.equal(events[4]!.input?.command, `touch ${pwned}`);
    assert.equal(events[5]!.verdict?.rule, 'no-pwned');
    assert.equal(events[8]!.text, 'Wrote allowed.txt and report.txt; the marker was refused.');
    // Every event of the turn carries Codex's turn id.
    assert.ok(events[1]!.turn_id && events.slice(1, 9).filter((e) => e.kind !== 'decision').every((e) => e.turn_id === events[1]!.turn_id));

    const s = (await get<{ session: { client: string; security: string; status: string; counters: { tool_calls: number } } }>(`/v1/sessions/${session}`)).session;
    assert.deepEqual([s.client, s.security, s.status, s.counters.tool_calls], ['codex', 'blocked', 'ended', 3]);
    const audit = (await get<{ entries: { action: string; resource: string }[] }>('/v1/audit?action=decision.block')).entries;
    assert.ok(audit.some((a) => a.resource === `event/${events[4]!.id}`), JSON.stringify(audit));
  });

  test('its OTLP export alone builds the session; with the hooks on too, nothing is stored twice', async () => {
    const otlpBefore = (await get<{ otlp: { log_records: number } }>('/v1/status')).otlp.log_records;
    const turn = (file: string): Item[][] => [
      [{ type: 'function_call', name: 'exec_command', arguments: { cmd: `printf 'x' > ${file}` } }],
      [{ type: 'message', text: `Wrote ${file}.` }],
    ];
    // No hooks in this CODEX_HOME: everything comes over OTLP.
    const alone = await codexRun(turn('otlp-only.txt'), 'Write the OTLP file', { otel: true, cxHome: join(dir, 'otlp-only', '.codex') });
    assert.equal(readFileSync(join(work, 'otlp-only.txt'), 'utf8'), 'x');
    let events: (TimelineEvent & { capture?: string })[] = [];
    for (let i = 0; i < 50 && events.length < 3; i++) {
      const r = await fetch(`${server.url}/v1/sessions/${alone.session}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      events = r.ok ? ((await r.json()) as { timeline: typeof events }).timeline : [];
      if (events.length < 3) await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(
      events.map((e) => `${e.kind}${e.tool ? `:${e.tool.name}/${e.tool.kind}` : ''}@${e.capture}`),
      ['session_start@otlp', 'prompt@otlp', 'tool_result:Bash/shell@otlp'],
    );
    assert.equal(events[1]!.text, 'Write the OTLP file');

    // Hooks and OTLP together: the hooks' events, each once (the OTLP tool result has the hook's id).
    const both = await codexRun(turn('both.txt'), 'Write the second file', { otel: true });
    const otlpAfter = (await get<{ otlp: { log_records: number } }>('/v1/status')).otlp.log_records;
    assert.ok(otlpAfter > otlpBefore, 'Codex exported its logs to Vigil');
    const timeline = (await get<{ timeline: (TimelineEvent & { capture?: string })[] }>(`/v1/sessions/${both.session}`)).timeline;
    assert.deepEqual(
      timeline.map((e) => `${e.kind}${e.tool ? `:${e.tool.name}` : ''}`),
      ['session_start', 'prompt', 'tool_call:Bash', 'tool_result:Bash', 'notification', 'session_end'],
    );
  });
});
