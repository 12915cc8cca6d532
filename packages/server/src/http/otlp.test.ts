import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { encodeOtlp } from '../otlp/proto.js';
import { dataset } from '../testing/datasets.js';
import { apiClient, bearer, testServer, type TestServer } from '../testing/http.js';

const ADMIN = 'otlp-test-admin-token';
const { dir, skip } = dataset('claude-code');
const SESSION = '0a1aad4f-1d99-4a12-8e39-ac9deff4c7a9';

describe('OTLP receiver', { skip }, () => {
  let srv: TestServer;
  const file = (f: string) => readFileSync(`${dir}/${f}`);
  // Bodies as they are: protobuf, gzip, broken JSON.
  const post = (path: string, body: Buffer | Uint8Array | string, headers: Record<string, string>, token: string | null = ADMIN) =>
    fetch(`${srv.url}${path}`, { method: 'POST', body, headers: { ...(token ? bearer(token) : {}), ...headers } });
  const api = apiClient(() => srv.url, ADMIN);
  const get = async (path: string) => (await api.get(path)).body;

  before(async () => {
    srv = await testServer('sqlite', { adminToken: ADMIN });
  });
  after(() => srv.close());

  test('Claude Code logs in JSON, gzip JSON and protobuf build the session; metrics and traces are acknowledged', async () => {
    const json = await post('/otlp/v1/logs', file('otlp/2-logs.json'), { 'content-type': 'application/json' });
    assert.equal(json.status, 200);
    assert.deepEqual(await json.json(), { partialSuccess: {} });
    const gz = await post('/otlp/v1/logs', gzipSync(file('otlp/4-logs.json')), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    assert.equal(gz.status, 200);
    const pb = await post('/otlp/v1/logs', encodeOtlp('logs', JSON.parse(file('otlp/5-logs.json').toString())), { 'content-type': 'application/x-protobuf' });
    assert.equal(pb.status, 200);
    assert.equal(pb.headers.get('content-type'), 'application/x-protobuf');
    assert.equal((await pb.arrayBuffer()).byteLength, 0);
    // Metrics in both encodings, one export sent twice (an exporter's retry): counted once.
    for (const f of ['otlp/1-metrics.json', 'otlp/3-metrics.json', 'otlp/1-metrics.json']) assert.equal((await post('/otlp/v1/metrics', file(f), { 'content-type': 'application/json' })).status, 200);
    const m6 = await post('/otlp/v1/metrics', gzipSync(encodeOtlp('metrics', JSON.parse(file('otlp/6-metrics.json').toString()))), { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' });
    assert.equal(m6.status, 200);
    assert.equal((await post('/otlp/v1/traces', '{"resourceSpans":[]}', { 'content-type': 'application/json' })).status, 200);

    const d = await get(`/v1/sessions/${SESSION}`);
    assert.equal(d.session.client, 'claude-code');
    assert.equal(d.session.capture, 'otlp');
    assert.match(d.session.initial_prompt, /^Check the weather/);
    assert.deepEqual([d.session.counters.tool_calls, d.session.counters.failures], [5, 1]);
    assert.deepEqual(d.session.mcp_servers, ['weather']);
    assert.deepEqual(d.session.usage, { input_tokens: 80, output_tokens: 40, cache_read_tokens: 0, cache_creation_tokens: 0, cost_usd: 0.00084, active_time_s: 2.248, lines_added: 4, lines_removed: 1 });
    const status = await get('/v1/status');
    assert.deepEqual([status.otlp.requests.logs, status.otlp.requests.metrics, status.otlp.requests.traces], [3, 4, 1]);
    assert.deepEqual(
      d.timeline.map((e: { kind: string }) => e.kind),
      ['notification', 'prompt', 'tool_result', 'tool_result', 'tool_result', 'tool_result', 'tool_error', 'response'],
    );
  });

  test('hooks for the same session add to it, and what both report is stored once', async () => {
    const before = (await get(`/v1/sessions/${SESSION}`)).session.counters.events as number;
    const hooks = ['02-PreToolUse.json', '03-PostToolUse.json', '11-PostToolUseFailure.json', '01-UserPromptSubmit.json'];
    for (const h of hooks) {
      const r = await post('/v1/hooks/claude-code', file(`hooks/${h}`), { 'content-type': 'application/json', 'x-vigil-event-id': `relay-${h}` });
      assert.equal(r.status, 200);
    }
    const list = await get('/v1/sessions');
    assert.equal(list.sessions.filter((s: { id: string }) => s.id === SESSION).length, 1);
    // Only the PreToolUse is new: the tool result, the failure and the prompt came through OTLP already.
    assert.equal((await get(`/v1/sessions/${SESSION}`)).session.counters.events, before + 1);
  });

  test('bad bodies, encodings and tokens get clear 4xx answers', async () => {
    const badPb = await post('/otlp/v1/logs', Buffer.from([0x0a, 0xff, 0xff, 0xff]), { 'content-type': 'application/x-protobuf' });
    assert.equal(badPb.status, 400);
    assert.equal(((await badPb.json()) as { error: { code: string } }).error.code, 'invalid_protobuf');
    assert.equal((await post('/otlp/v1/logs', '{"resourceLogs": [', { 'content-type': 'application/json' })).status, 400);
    assert.equal((await post('/otlp/v1/logs', gzipSync('{}'), { 'content-type': 'application/json', 'content-encoding': 'br' })).status, 415);
    assert.equal((await post('/otlp/v1/logs', Buffer.from('not gzip'), { 'content-type': 'application/json', 'content-encoding': 'gzip' })).status, 400);
    const bomb = await post('/otlp/v1/logs', gzipSync(Buffer.alloc(70 * 1024 * 1024)), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    assert.equal(bomb.status, 413);
    assert.equal((await post('/otlp/v1/logs', '{}', { 'content-type': 'application/json' }, null)).status, 401);
    const partial = await post('/otlp/v1/logs', JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ body: { stringValue: 'claude_code.user_prompt' } }] }] }] }), { 'content-type': 'application/json' });
    assert.equal(partial.status, 200);
    assert.deepEqual(await partial.json(), { partialSuccess: { rejectedLogRecords: '1', errorMessage: '1 records without session.id or time' } });
    assert.equal((await fetch(`${srv.url}/healthz`)).status, 200);
  });
});
