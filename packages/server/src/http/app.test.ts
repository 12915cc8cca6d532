import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ev } from '../testing/databases.js';
import { testServer, type TestServer } from '../testing/http.js';
import { AuthService } from '../services/auth.service.js';

const ADMIN = 'http-test-admin-token';

describe('HTTP API', () => {
  let srv: TestServer;
  let readToken: string;
  let ingestToken: string;

  const req = (path: string, init: RequestInit & { token?: string | null } = {}) => {
    const { token = ADMIN, ...rest } = init;
    const headers: Record<string, string> = { ...(rest.headers as Record<string, string>) };
    if (token) headers.authorization = `Bearer ${token}`;
    return fetch(srv.url + path, { ...rest, headers });
  };
  const post = (body: string, token: string | null = ADMIN, type = 'application/json') =>
    req('/v1/events', { method: 'POST', body, token, headers: { 'content-type': type } });

  before(async () => {
    srv = await testServer('sqlite', { adminToken: ADMIN });
    const auth = new AuthService(srv.server.store);
    readToken = await auth.createToken('reader', 'read');
    ingestToken = await auth.createToken('hooks', 'ingest');
  });
  after(() => srv.close());

  test('health needs no token', async () => {
    const r = await req('/healthz', { token: null });
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), { status: 'ok' });
  });

  test('a batch appears in the list and in the session timeline in order; posting it again stores nothing twice', async () => {
    const events = [
      ev({ id: 'q3', session_id: 'quick', kind: 'tool_call', time: '2026-11-21T10:00:02Z', tool: { name: 'Bash', kind: 'shell' }, input: { command: 'ls' } }),
      ev({ id: 'q1', session_id: 'quick', kind: 'session_start', time: '2026-11-21T10:00:00Z', user: 'ana' }),
      ev({ id: 'q2', session_id: 'quick', kind: 'prompt', time: '2026-11-21T10:00:01Z', text: 'list the files', raw: { hook_event_name: 'UserPromptSubmit' } }),
    ];
    const body = JSON.stringify({ schema_version: 1, events });
    const first = await post(body);
    assert.equal(first.status, 200);
    assert.deepEqual(await first.json(), { accepted: ['q3', 'q1', 'q2'], duplicates: [], rejected: [] });
    const again = await post(body);
    assert.deepEqual(await again.json(), { accepted: [], duplicates: ['q3', 'q1', 'q2'], rejected: [] });

    const list = (await (await req('/v1/sessions')).json()) as { sessions: { id: string; counters: { events: number } }[] };
    const s = list.sessions.find((x) => x.id === 'quick');
    assert.equal(s?.counters.events, 3);
    const detail = (await (await req('/v1/sessions/quick', { token: readToken })).json()) as { timeline: { id: string; raw?: unknown }[] };
    assert.deepEqual(detail.timeline.map((e) => e.id), ['q1', 'q2', 'q3']);
    assert.equal(detail.timeline[1]!.raw, undefined);
    const withRaw = (await (await req('/v1/sessions/quick?raw=true')).json()) as { timeline: { raw?: unknown }[] };
    assert.deepEqual(withRaw.timeline[1]!.raw, { hook_event_name: 'UserPromptSubmit' });
  });

  test('the background indexer makes new events searchable, and /v1/status reports its lag', async () => {
    const events = Array.from({ length: 1500 }, (_, i) =>
      ev({ id: `fts-${i}`, session_id: `fts-${i % 3}`, kind: 'tool_result', time: Date.UTC(2026, 10, 21) + i, tool: { name: 'Read', kind: 'file_read' }, output: i === 1234 ? 'the quokka config' : `line ${i}` }),
    );
    assert.equal((await post(JSON.stringify({ events }))).status, 200);
    let status: { store: string; search: { lag: number } } | undefined;
    for (let i = 0; i < 100; i++) {
      status = (await (await req('/v1/status')).json()) as typeof status;
      if (status!.search.lag === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(status!.store, 'sqlite');
    assert.equal(status!.search.lag, 0);
    const found = (await (await req('/v1/sessions?q=QUOKKA')).json()) as { sessions: { id: string }[] };
    assert.deepEqual(found.sessions.map((s) => s.id), ['fts-1']);
    assert.equal((await req('/v1/status', { token: ingestToken })).status, 403);
  });

  test('equal times are ordered by the client seq, then by arrival', async () => {
    const t = '2026-11-21T11:00:00Z';
    await post(JSON.stringify({ events: [ev({ id: 'o-b', session_id: 'ties', time: t, seq: 2 }), ev({ id: 'o-a', session_id: 'ties', time: t, seq: 1 })] }));
    await post(JSON.stringify({ events: [ev({ id: 'o-c', session_id: 'ties', time: t, seq: 2 })] }));
    const d = (await (await req('/v1/sessions/ties')).json()) as { timeline: { id: string }[] };
    assert.deepEqual(d.timeline.map((e) => e.id), ['o-a', 'o-b', 'o-c']);
  });

  test('a missing or wrong token is a 401 on every API route, before the body is read', async () => {
    for (const token of [null, 'wrong-token', '']) {
      for (const [method, path] of [['GET', '/v1/sessions'], ['GET', '/v1/sessions/quick'], ['POST', '/v1/events'], ['GET', '/v1/nope']] as const) {
        const r = await req(path, { method, token, ...(method === 'POST' ? { body: '{}', headers: { 'content-type': 'application/json' } } : {}) });
        assert.equal(r.status, 401, `${method} ${path} with ${token}`);
        assert.equal(r.headers.get('www-authenticate'), 'Bearer realm="vigil"');
        const body = (await r.json()) as { error: { code: string; message: string } };
        assert.equal(body.error.code, 'unauthorized');
        assert.match(body.error.message, token ? /not valid/ : /missing bearer token/);
      }
    }
    const malformed = await req('/v1/sessions', { token: null, headers: { authorization: 'Basic abc' } });
    assert.equal(malformed.status, 401);
  });

  test('roles: an ingest token cannot read sessions; a read token cannot post events', async () => {
    assert.equal((await req('/v1/sessions', { token: ingestToken })).status, 403);
    assert.equal((await post(JSON.stringify({ events: [ev({ session_id: 'x' })] }), readToken)).status, 403);
    assert.equal((await post(JSON.stringify({ events: [ev({ id: 'ing-1', session_id: 'x' })] }), ingestToken)).status, 200);
  });

  test('malformed JSON, a wrong content type, a wrong schema and a 20 MB body each get the right 4xx, and the server keeps serving', async () => {
    const bad = await post('{"events": [');
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { code: string } }).error.code, 'invalid_json');

    const type = await post('events=1', ADMIN, 'application/x-www-form-urlencoded');
    assert.equal(type.status, 415);

    const schema = await post(JSON.stringify({ events: [{ session_id: 's', kind: 'prompt' }] }));
    assert.equal(schema.status, 400);
    const sb = (await schema.json()) as { error: { code: string; details: { errors: string[] }[] } };
    assert.equal(sb.error.code, 'invalid_events');
    assert.ok(sb.error.details[0]!.errors.some((e) => e.includes('events[0].client is required')));

    const mixed = await post(JSON.stringify({ events: [ev({ id: 'ok-1', session_id: 'm' }), { session_id: 'm' }] }));
    assert.equal(mixed.status, 207);

    const huge = await post(JSON.stringify({ events: [ev({ session_id: 'big', text: 'a'.repeat(20 * 1024 * 1024) })] }));
    assert.equal(huge.status, 413);
    assert.equal(((await huge.json()) as { error: { code: string } }).error.code, 'payload_too_large');

    const proto = await post('{"events":[{"__proto__":{"x":1},"session_id":"p"}]}');
    assert.equal(proto.status, 400);

    assert.equal((await req('/healthz')).status, 200);
    assert.equal((await req('/v1/sessions')).status, 200);
  });

  test('unknown routes and sessions are JSON 404s; bad parameters are 400s with a message', async () => {
    const r = await req('/v1/nothing-here');
    assert.equal(r.status, 404);
    assert.equal(((await r.json()) as { error: { code: string } }).error.code, 'not_found');
    const s = await req('/v1/sessions/unknown-session');
    assert.equal(s.status, 404);
    const p = await req('/v1/sessions?limit=100000');
    assert.equal(p.status, 400);
    assert.match(((await p.json()) as { error: { message: string } }).error.message, /limit must be/);
  });
});
