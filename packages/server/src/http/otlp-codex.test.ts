import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { encodeOtlp } from '../otlp/proto.js';
import { apiClient, bearer, testServer, type TestServer } from '../testing/http.js';

// Codex CLI 0.169.0's OTLP log exports, captured (packages/core/fixtures/otlp/codex).
const ADMIN = 'otlp-codex-test-admin-token';
const DIR = fileURLToPath(new URL('../../../core/fixtures/otlp/codex/', import.meta.url));
const fixture = (f: string) => readFileSync(DIR + f);
const S1 = '01a2016e-b607-7e62-979a-b4b587f5bc3c';
const S2 = '01a2016e-8a92-7651-8861-15fb23c1c356';

describe('OTLP receiver: Codex', () => {
  let srv: TestServer;
  // Bodies as they are: protobuf, gzip.
  const post = (path: string, body: Buffer | Uint8Array | string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${srv.url}${path}`, { method: 'POST', body, headers: { ...bearer(ADMIN), ...headers } });
  const api = apiClient(() => srv.url, ADMIN);
  const get = async (path: string) => (await api.get(path)).body;

  before(async () => {
    srv = await testServer('sqlite', { adminToken: ADMIN });
  });
  after(() => srv.close());

  test('a captured codex exec builds its session: prompt, tool kinds, failures, MCP', async () => {
    const res = await post('/otlp/v1/logs', fixture('01-exec-logs.json'));
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { partialSuccess: {} });
    // The exporter's retry of the same batch adds nothing.
    assert.equal((await post('/otlp/v1/logs', gzipSync(fixture('01-exec-logs.json')), { 'content-type': 'application/json', 'content-encoding': 'gzip' })).status, 200);

    const d = await get(`/v1/sessions/${S1}`);
    assert.equal(d.session.client, 'codex');
    assert.equal(d.session.capture, 'otlp');
    assert.equal(d.session.initial_prompt, 'List the files here, add notes.txt, then show missing.txt.');
    assert.deepEqual([d.session.counters.events, d.session.counters.tool_calls, d.session.counters.failures], [7, 5, 1]);
    assert.deepEqual(d.session.mcp_servers, ['weather']);
    const line = (e: { kind: string; tool?: { name: string; kind: string; mcp_server?: string } }) => `${e.kind}${e.tool ? `:${e.tool.name}:${e.tool.kind}${e.tool.mcp_server ? `@${e.tool.mcp_server}` : ''}` : ''}`;
    assert.deepEqual(d.timeline.map(line), [
      'session_start',
      'prompt',
      'tool_result:Bash:shell',
      'tool_result:apply_patch:file_write',
      'tool_error:Bash:shell',
      'tool_result:tool_search:other',
      'tool_result:mcp__weather__get_forecast:mcp@weather',
    ]);
    assert.ok(d.timeline.every((e: { client: string; capture: string }) => e.client === 'codex' && e.capture === 'otlp'));
  });

  test('protobuf works the same, and a denied call is a notification', async () => {
    const pb = await post('/otlp/v1/logs', encodeOtlp('logs', JSON.parse(fixture('02-exec-denied-logs.json').toString())), { 'content-type': 'application/x-protobuf' });
    assert.equal(pb.status, 200);
    const d = await get(`/v1/sessions/${S2}`);
    assert.deepEqual([d.session.client, d.session.counters.tool_calls, d.session.counters.failures], ['codex', 5, 3]);
    const note = d.timeline.find((e: { kind: string }) => e.kind === 'notification');
    assert.equal(note.text, 'Codex denied mcp__weather__get_forecast (User)');
  });

  test('Claude Code and Codex records in one export each land in their own session', async () => {
    const cc = { resource: { attributes: [{ key: 'service.name', value: { stringValue: 'claude-code' } }] }, scopeLogs: [{ logRecords: [{ attributes: [
      { key: 'event.name', value: { stringValue: 'user_prompt' } },
      { key: 'session.id', value: { stringValue: 'cc-mixed-1' } },
      { key: 'event.timestamp', value: { stringValue: '2026-11-22T04:10:00.000Z' } },
      { key: 'prompt', value: { stringValue: 'hello from claude' } },
    ] }] }] };
    const cx = { resource: { attributes: [{ key: 'service.name', value: { stringValue: 'codex_cli_rs' } }] }, scopeLogs: [{ logRecords: [{ attributes: [
      { key: 'event.name', value: { stringValue: 'codex.user_prompt' } },
      { key: 'conversation.id', value: { stringValue: 'cx-mixed-1' } },
      { key: 'event.timestamp', value: { stringValue: '2026-11-22T04:10:00.000Z' } },
      { key: 'prompt', value: { stringValue: 'hello from codex' } },
    ] }] }] };
    const res = await post('/otlp/v1/logs', JSON.stringify({ resourceLogs: [cc, cx] }));
    assert.deepEqual(await res.json(), { partialSuccess: {} });
    const a = await get('/v1/sessions/cc-mixed-1');
    const b = await get('/v1/sessions/cx-mixed-1');
    assert.deepEqual([a.session.client, a.session.initial_prompt], ['claude-code', 'hello from claude']);
    assert.deepEqual([b.session.client, b.session.initial_prompt], ['codex', 'hello from codex']);
  });

  test('on a session the hooks built, OTLP adds tool events but not a second prompt or start', async () => {
    const S = '01a2016f-0000-7000-8000-00000000hook';
    const hookEvent = { id: `cx:${S}:SessionStart`, session_id: S, time: '2026-11-22T04:09:59.000Z', kind: 'session_start', client: 'codex', capture: 'hook' };
    const ev = await post('/v1/events', JSON.stringify({ events: [hookEvent] }));
    assert.equal(ev.status, 200);
    const attrs = (o: Record<string, string>) => Object.entries(o).map(([key, v]) => ({ key, value: { stringValue: v } }));
    const common = { 'conversation.id': S, 'event.timestamp': '2026-11-22T04:10:00.000Z', 'app.version': '0.169.0' };
    const logs = { resourceLogs: [{ resource: { attributes: attrs({ 'service.name': 'codex_cli_rs' }) }, scopeLogs: [{ logRecords: [
      { attributes: attrs({ ...common, 'event.name': 'codex.conversation_starts', provider_name: 'openai' }) },
      { attributes: attrs({ ...common, 'event.name': 'codex.user_prompt', prompt: 'again' }) },
      { attributes: attrs({ ...common, 'event.name': 'codex.tool_result', tool_name: 'exec_command', call_id: 'call_h1', success: 'true', arguments: '{"cmd":"pwd"}', output: 'Process exited with code 0\n' }) },
    ] }] }] };
    assert.equal((await post('/otlp/v1/logs', JSON.stringify(logs))).status, 200);
    const d = await get(`/v1/sessions/${S}`);
    assert.deepEqual(d.timeline.map((e: { kind: string; capture: string }) => `${e.kind}/${e.capture}`), ['session_start/hook', 'tool_result/otlp']);
    assert.equal(d.timeline[1].id, `cx:${S}:call_h1:PostToolUse`);
  });

  test('malformed Codex records are counted as rejected, never crash the receiver', async () => {
    const bad = { resourceLogs: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'codex_exec' } }] }, scopeLogs: [{ logRecords: [
      { attributes: [{ key: 'event.name', value: { stringValue: 'codex.tool_result' } }, { key: 'call_id', value: { stringValue: 'call_x' } }] },
      null,
      { attributes: 'nope', body: { stringValue: 'a plain log line' } },
      { attributes: [{ key: 'event.name', value: { stringValue: 'codex.user_prompt' } }, { key: 'conversation.id', value: { stringValue: 'not a valid id!' } }, { key: 'event.timestamp', value: { stringValue: '2026-11-22T04:10:00.000Z' } }] },
    ] }] }] };
    const res = await post('/otlp/v1/logs', JSON.stringify(bad));
    assert.equal(res.status, 200);
    const body = (await res.json()) as { partialSuccess: { rejectedLogRecords: string; errorMessage: string } };
    assert.equal(body.partialSuccess.rejectedLogRecords, '3');
    assert.match(body.partialSuccess.errorMessage, /2 Codex records without conversation.id or time/);
    assert.match(body.partialSuccess.errorMessage, /session_id/);
    assert.equal((await fetch(`${srv.url}/healthz`)).status, 200);
    const status = await get('/v1/status');
    assert.equal(status.otlp.requests.logs, 6);
  });
});
