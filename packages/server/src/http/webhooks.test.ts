import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { ENGINES, PG_SKIP } from '../testing/databases.js';
import { apiClient, testServer, type TestServer } from '../testing/http.js';

const ADMIN = 'webhooks-test-admin-token';
const SECRET = 'whsec-3b9d0f5c2a7e4d18-test';
const SESSION = '20261122_101502_7c3e9a41';

/** A delivery as agent/outbound_webhooks.py builds it: the shell-hook payload plus delivery_id and timestamp. */
function delivery(hook: string, fields: Record<string, unknown>, at = new Date()) {
  const deliveryId = randomUUID().replace(/-/g, '');
  const body = JSON.stringify({
    hook_event_name: hook,
    profile: 'default',
    tool_name: null,
    tool_input: null,
    session_id: SESSION,
    cwd: '/home/dev/invoice-service',
    extra: {},
    ...fields,
    delivery_id: deliveryId,
    // Python's isoformat(): microseconds.
    timestamp: at.toISOString().replace(/Z$/, '417Z'),
  });
  const signature = 'sha256=' + createHmac('sha256', SECRET).update(body).digest('hex');
  return { body, deliveryId, headers: { 'content-type': 'application/json', 'user-agent': 'Hermes-Agent-Outbound-Webhook', 'x-hermes-event': hook, 'x-hermes-delivery': deliveryId, 'x-hermes-signature-256': signature } as Record<string, string> };
}

const preTool = { tool_name: 'terminal', tool_input: { command: 'python -m pytest tests/test_totals.py -q' }, extra: { task_id: SESSION, tool_call_id: 'toolu_01Wd6PzLc3YhNq8vB1tKxR5m', turn_id: 'b41f0c2d9e8a4c1e9f3b6a2d5c8e1f70' } };

for (const engine of ENGINES) describe(`POST /v1/webhooks/hermes (${engine})`, { skip: engine === 'postgres' ? PG_SKIP ?? false : false }, () => {
  let srv: TestServer;
  const api = apiClient(() => srv.url, ADMIN);
  // The signed body as it is, and no bearer token.
  const post = (body: string, headers: Record<string, string>) => fetch(`${srv.url}/v1/webhooks/hermes`, { method: 'POST', body, headers });
  const session = async () => (await api.get(`/v1/sessions/${SESSION}`)).body;
  const message = async (r: Response) => ((await r.json()) as { error: { message: string } }).error.message;

  before(async () => {
    srv = await testServer(engine, { adminToken: ADMIN, hermesWebhookSecret: SECRET });
  });
  after(() => srv.close());

  test('a signed delivery is stored in the session the shell hooks build; the same event from both paths is stored once', async () => {
    const start = delivery('on_session_start', { extra: { model: 'anthropic/claude-sonnet-4.6', platform: 'cli' } });
    const r = await post(start.body, start.headers);
    assert.equal(r.status, 202);
    assert.deepEqual(await r.json(), { event_id: `hermes:${SESSION}:on_session_start`, stored: true });

    // The shell hook reports the tool call (bearer token), then the webhook reports it again.
    const hook = await api.post('/v1/hooks/hermes', { hook_event_name: 'pre_tool_call', profile: 'default', session_id: SESSION, cwd: '/home/dev/invoice-service', ...preTool });
    assert.equal(hook.status, 200);
    assert.deepEqual(hook.body, {});
    const again = delivery('pre_tool_call', preTool);
    const w = await post(again.body, again.headers);
    assert.equal(w.status, 202);
    assert.deepEqual(await w.json(), { event_id: `hermes:${SESSION}:toolu_01Wd6PzLc3YhNq8vB1tKxR5m:pre_tool_call`, stored: false });

    const end = delivery('on_session_end', { extra: { turn_id: 't1', completed: true, interrupted: false, failed: false, model: 'anthropic/claude-sonnet-4.6', platform: 'cli' } });
    assert.equal((await post(end.body, end.headers)).status, 202);
    const d = await session();
    assert.deepEqual(d.timeline.map((e: { kind: string }) => e.kind), ['session_start', 'tool_call', 'notification']);
    assert.equal(d.session.client, 'hermes');
    assert.equal(d.timeline[0].capture, 'hook');
    assert.equal(d.timeline[2].text, 'turn completed');
  });

  test('a replayed delivery is refused with 409 and stores nothing', async () => {
    const d = delivery('post_llm_call', { extra: { turn_id: 't2', assistant_response: 'Done.', model: 'm', platform: 'cli' } });
    assert.equal((await post(d.body, d.headers)).status, 202);
    const events = (await session()).session.counters.events;
    const replay = await post(d.body, d.headers);
    assert.equal(replay.status, 409);
    assert.match(await message(replay), /already received/);
    assert.equal((await session()).session.counters.events, events);

    // Remembered in the store: still refused after a restart, and by a second server on the same store.
    await srv.server.close();
    srv.server = await srv.start();
    const second = await srv.start();
    try {
      assert.equal((await post(d.body, d.headers)).status, 409);
      const fresh = delivery('post_llm_call', { extra: { turn_id: 't3', assistant_response: 'Again.', model: 'm', platform: 'cli' } });
      const both = await Promise.all([post(fresh.body, fresh.headers), fetch(`${second.url}/v1/webhooks/hermes`, { method: 'POST', body: fresh.body, headers: fresh.headers })]);
      assert.deepEqual(both.map((r) => r.status).sort(), [202, 409]);
    } finally {
      await second.close();
    }
  });

  test('unsigned, wrongly signed, tampered and stale deliveries are 401; a bearer token does not stand in for the signature', async () => {
    const d = delivery('post_llm_call', { extra: { turn_id: 't3', assistant_response: 'ok', model: 'm', platform: 'cli' } });
    const { 'x-hermes-signature-256': _s, ...unsigned } = d.headers;
    const r1 = await post(d.body, unsigned);
    assert.equal(r1.status, 401);
    assert.match(await message(r1), /not signed/);
    const r2 = await post(d.body, { ...unsigned, authorization: `Bearer ${ADMIN}` });
    assert.equal(r2.status, 401);

    const wrong = await post(d.body, { ...d.headers, 'x-hermes-signature-256': 'sha256=' + createHmac('sha256', 'another-secret').update(d.body).digest('hex') });
    assert.equal(wrong.status, 401);
    assert.match(await message(wrong), /does not match/);

    const tampered = await post(d.body.replace('"assistant_response":"ok"', '"assistant_response":"rm -rf done"'), d.headers);
    assert.equal(tampered.status, 401);

    const old = delivery('post_llm_call', { extra: { turn_id: 't4', assistant_response: 'late', model: 'm', platform: 'cli' } }, new Date(Date.now() - 10 * 60_000));
    const stale = await post(old.body, old.headers);
    assert.equal(stale.status, 401);
    assert.match(await message(stale), /more than 5 minutes/);

    // Headers must agree with the signed body; an event Vigil does not know is a 400 saying so.
    const mismatch = await post(d.body, { ...d.headers, 'x-hermes-event': 'pre_tool_call' });
    assert.equal(mismatch.status, 400);
    const unknown = delivery('pre_api_request', { extra: {} });
    const u = await post(unknown.body, unknown.headers);
    assert.equal(u.status, 400);
    assert.match(await message(u), /"pre_api_request" is not a hermes hook event/);

    // None of them was stored: the good delivery still goes through once.
    assert.equal((await post(d.body, d.headers)).status, 202);
    assert.ok(!(await session()).timeline.some((e: { text?: string }) => e.text === 'rm -rf done' || e.text === 'late'));
  });
});
