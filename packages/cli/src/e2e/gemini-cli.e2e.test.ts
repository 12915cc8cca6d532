// End to end with the real Gemini CLI: hooks installed by `vigil setup hooks --client gemini-cli`
// into a temporary HOME, a scripted local stand-in for the Gemini API, a real Vigil server with a
// deny rule. Checks the session is recorded in order and a denied command did not run.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULTS, startServer, type RunningServer } from '@vigil/server';
import { startFakeGemini, type GeminiPart } from './fake-gemini.js';
import { geminiEnv, installGemini } from './gemini.js';
import { run } from './harness.js';

const VIGIL = fileURLToPath(new URL('../main.js', import.meta.url));
const TOKEN = 'e2e-admin-token-0123456789';
const NO_RM_RF = { name: 'no-rm-rf', tool: 'run_shell_command', input_contains: ['rm -rf'], reason: 'recursive deletes are not allowed; remove specific files instead' };
const gemini = installGemini();
if (gemini.skip) {
  if (process.env.CI) throw new Error(gemini.skip);
  process.stderr.write(`note: skipping the Gemini CLI end-to-end tests: ${gemini.skip}\n`);
}

type TimelineEvent = { kind: string; text?: string; tool?: { name: string; kind: string }; input?: { command?: string }; output?: unknown; verdict?: { rule?: string } };

describe('Gemini CLI end to end (real gemini)', { skip: gemini.skip }, () => {
  let dir: string;
  let home: string;
  let work: string;
  let server: RunningServer;
  const get = async <T>(path: string): Promise<T> => (await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json() as Promise<T>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-e2e-gemini-'));
    home = join(dir, 'home');
    work = join(dir, 'work');
    mkdirSync(join(home, '.gemini'), { recursive: true });
    mkdirSync(join(work, 'victim'), { recursive: true });
    writeFileSync(join(work, 'victim', 'keep.txt'), 'this must survive');
    writeFileSync(join(work, 'notes.md'), '# Notes\nCity: Zurich\n');
    // The user's own settings, which install must keep.
    const settings = join(home, '.gemini', 'settings.json');
    writeFileSync(settings, JSON.stringify({ security: { auth: { selectedType: 'gemini-api-key' } }, general: { enableAutoUpdate: false } }));
    server = await startServer({ ...DEFAULTS, port: 0, dataDir: join(dir, 'data'), adminToken: TOKEN, logLevel: 'silent', denyRules: [NO_RM_RF] });
    const setup = await run(
      process.execPath,
      [VIGIL, 'setup', 'hooks', '--client', 'gemini-cli', '--install', '--event-hooks', '--mode', 'enforce', '--server', server.url, '--token', TOKEN, '--settings', settings, '--config', join(home, '.vigil', 'hook.json'), '--yes'],
      { env: { PATH: process.env.PATH ?? '', HOME: home } },
    );
    assert.equal(setup.code, 0, setup.stdout + setup.stderr);
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a session is recorded complete and in order; a denied command does not run and the model is told why', async () => {
    const script: GeminiPart[][] = [
      [{ text: 'Let me list the files.' }, { functionCall: { name: 'run_shell_command', args: { command: 'ls', description: 'List files' } } }],
      [{ functionCall: { name: 'run_shell_command', args: { command: 'rm -rf victim', description: 'Delete the victim folder' } } }],
      [{ text: 'Cleanup finished; victim was kept.' }],
    ];
    const fake = await startFakeGemini(script);
    let out;
    try {
      out = await run(process.execPath, [gemini.bin!, '-p', 'Clean up this folder', '--yolo', '-m', 'gemini-2.5-flash', '-o', 'json'], { cwd: work, env: geminiEnv(home, fake.url) });
    } finally {
      await fake.close();
    }
    assert.equal(out.code, 0, `gemini failed: ${out.stdout}\n${out.stderr}`);
    assert.equal(existsSync(join(work, 'victim', 'keep.txt')), true, 'the denied rm -rf must not have run');
    assert.match(JSON.stringify(fake.requests), /Tool execution blocked: Vigil denied this run_shell_command call \(rule no-rm-rf\): recursive deletes are not allowed/);

    const { session_id } = JSON.parse(out.stdout) as { session_id: string };
    const { timeline } = await get<{ timeline: TimelineEvent[] }>(`/v1/sessions/${session_id}`);
    assert.deepEqual(
      timeline.map((e) => `${e.kind}${e.input?.command ? `:${e.input.command}` : ''}`),
      ['session_start', 'prompt', 'tool_call:ls', 'tool_result:ls', 'tool_call:rm -rf victim', 'decision', 'response', 'session_end'],
    );
    assert.equal(timeline[1]!.text, 'Clean up this folder');
    assert.deepEqual(timeline[2]!.tool, { name: 'run_shell_command', kind: 'shell', call_id: (timeline[3]!.tool as { call_id?: string }).call_id });
    assert.match(JSON.stringify(timeline[3]!.output), /notes\.md/);
    assert.equal(timeline[5]!.verdict?.rule, 'no-rm-rf');
    assert.equal(timeline[6]!.text, 'Let me list the files.\nCleanup finished; victim was kept.');
    const { session } = await get<{ session: { client: string; security: string; status: string } }>(`/v1/sessions/${session_id}`);
    assert.deepEqual([session.client, session.security, session.status], ['gemini-cli', 'blocked', 'ended']);
  });
});
