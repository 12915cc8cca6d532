import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dataset } from '../testing/datasets.js';
import { apiClient, bearer, testServer, type TestServer } from '../testing/http.js';

const ADMIN = 'hooks-test-admin-token';
const { dir, skip } = dataset('claude-code');
const T0 = Date.UTC(2026, 10, 21, 10, 0, 0);

describe('POST /v1/hooks/claude-code', { skip }, () => {
  let srv: TestServer;
  const payloads = skip ? [] : readdirSync(`${dir}/hooks`).sort().map((f) => JSON.parse(readFileSync(`${dir}/hooks/${f}`, 'utf8')) as Record<string, unknown>);

  // Raw bodies too (a broken one must reach the server as it is), and no token at all.
  const hook = (body: unknown, headers: Record<string, string> = {}, token: string | null = ADMIN) =>
    fetch(`${srv.url}/v1/hooks/claude-code`, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(token ? bearer(token) : {}), ...headers },
    });
  const { get } = apiClient(() => srv.url, ADMIN);

  before(async () => {
    srv = await testServer('sqlite', {
      adminToken: ADMIN,
      denyRules: [{ name: 'no-rm-rf', tool: 'Bash', input_contains: ['rm -rf'], reason: 'recursive deletes are not allowed; delete specific files instead' }],
    });
  });
  after(() => srv.close());

  test('a captured session, hook by hook, builds one ordered session; allowed hooks answer {}', async () => {
    for (let i = 0; i < payloads.length; i++) {
      const r = await hook(payloads[i], { 'x-vigil-event-id': `cap-${i}`, 'x-vigil-time': String(T0 + i * 1000), 'x-vigil-user': 'dev@example.com', 'x-vigil-hostname': 'ws-17', 'x-vigil-client-version': '2.1.328' });
      assert.equal(r.status, 200, JSON.stringify(payloads[i]));
      assert.deepEqual(await r.json(), {});
    }
    const id = payloads[0]!.session_id as string;
    const d = (await get(`/v1/sessions/${id}`)).body;
    assert.deepEqual(
      d.timeline.map((e: { kind: string }) => e.kind),
      ['session_start', 'prompt', 'tool_call', 'tool_result', 'tool_call', 'tool_result', 'tool_call', 'tool_result', 'tool_call', 'tool_result', 'tool_call', 'tool_error', 'notification', 'session_end'],
    );
    assert.equal(d.session.client, 'claude-code');
    assert.equal(d.session.user, 'dev@example.com');
    assert.equal(d.session.device.hostname, 'ws-17');
    assert.equal(d.session.status, 'ended');
    assert.match(d.session.initial_prompt, /^Check the weather/);
    assert.equal(d.session.counters.failures, 1);
    assert.deepEqual(d.session.mcp_servers, ['weather']);

    // A relay resending a spooled event (same id) stores nothing twice.
    assert.equal((await hook(payloads[3], { 'x-vigil-event-id': 'cap-3' })).status, 200);
    assert.equal((await get(`/v1/sessions/${id}`)).body.session.counters.events, 14);
  });

  test('a PreToolUse matching a deny rule is denied in Claude Code’s format and recorded as a block', async () => {
    const pre = { ...payloads[10], session_id: 'deny-session', tool_use_id: 'toolu_rm', tool_input: { command: 'rm -rf /home/dev/weather-app' } };
    const r = await hook(pre);
    assert.equal(r.status, 200);
    const answer = (await r.json()) as { hookSpecificOutput: Record<string, string> };
    assert.equal(answer.hookSpecificOutput.hookEventName, 'PreToolUse');
    assert.equal(answer.hookSpecificOutput.permissionDecision, 'deny');
    assert.match(answer.hookSpecificOutput.permissionDecisionReason!, /rule no-rm-rf.*delete specific files instead/);

    const d = (await get('/v1/sessions/deny-session')).body;
    assert.equal(d.session.security, 'blocked');
    const decision = d.timeline.find((e: { kind: string }) => e.kind === 'decision');
    assert.equal(decision.verdict.action, 'block');
    assert.equal(decision.verdict.rule, 'no-rm-rf');
    assert.equal(decision.verdict.target_event_id, 'cc:deny-session:toolu_rm:PreToolUse');

    const ok = await hook({ ...pre, tool_use_id: 'toolu_ls', tool_input: { command: 'ls' } });
    assert.deepEqual(await ok.json(), {});
  });

  test('what is not a Claude Code hook event is a 400 that says why; no token is a 401', async () => {
    const bad = await hook({ hook_event_name: 'Teleport', session_id: 's' });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: { message: string } }).error.message, /"Teleport" is not a Claude Code hook event/);
    const badId = await hook(payloads[0], { 'x-vigil-event-id': 'has spaces' });
    assert.equal(badId.status, 400);
    assert.equal((await hook('{"hook_event_name":', {})).status, 400);
    assert.equal((await hook(payloads[0], {}, null)).status, 401);
  });
});

describe('POST /v1/hooks/:client', () => {
  let srv: TestServer;
  const api = apiClient(() => srv.url, ADMIN);
  const post = (client: string, body: unknown) => api.post(`/v1/hooks/${client}`, body);
  const base = { session_id: 'gm-route-1', transcript_path: '/tmp/t.json', cwd: '/work/app', timestamp: '2026-11-22T09:00:00.000Z' };

  before(async () => {
    srv = await testServer('sqlite', { adminToken: ADMIN });
  });
  after(() => srv.close());

  test("stores a client's event and answers in that client's format; an unknown client is a 404", async () => {
    const r = await post('gemini-cli', { ...base, hook_event_name: 'BeforeTool', tool_name: 'run_shell_command', tool_input: { command: 'ls' } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, {});
    const s = (await api.get('/v1/sessions/gm-route-1')).body;
    assert.deepEqual(s.timeline.map((e: { kind: string; client: string; tool?: { kind: string } }) => [e.kind, e.client, e.tool?.kind]), [['tool_call', 'gemini-cli', 'shell']]);
    const unknown = await post('no-such-client', { ...base, hook_event_name: 'BeforeTool' });
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.error.message, /no hook capture for client "no-such-client"/);
  });

  test('an event the client adapter ignores is allowed and stores nothing; one it does not know is a 400', async () => {
    const r = await post('gemini-cli', { ...base, session_id: 'gm-route-2', hook_event_name: 'AfterModel', llm_response: { candidates: [] } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, {});
    const s = await api.get('/v1/sessions/gm-route-2');
    assert.equal(s.status, 404);
    const bad = await post('gemini-cli', { ...base, hook_event_name: 'NoSuchEvent' });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /"NoSuchEvent" is not a gemini-cli hook event/);
  });
});
