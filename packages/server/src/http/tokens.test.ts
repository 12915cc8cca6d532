import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, PG_SKIP, ev } from '../testing/databases.js';
import { apiClient, bearer, testServer, type TestServer } from '../testing/http.js';

// Token management over HTTP on both engines: list, create (shown once), revoke (refused on the
// very next request, bearer and console cookie alike), validation, and the audit trail.

const ADMIN = 'tokens-test-admin-token';
const ADMIN_NAME = 'admin (VIGIL_ADMIN_TOKEN)';

for (const engine of ENGINES) {
  describe(`tokens API (${engine})`, { skip: engine === 'postgres' ? (PG_SKIP ?? false) : false }, () => {
    let srv: TestServer;
    const { call } = apiClient(() => srv.url, ADMIN);
    const create = async (name: string, role: string, as = bearer(ADMIN)) => {
      const r = await call('POST', '/v1/tokens', { name, role }, as);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body as { id: string; name: string; role: string; token: string };
    };
    const lastAudit = async (action: string) => (await call('GET', `/v1/audit?action=${action}&limit=1`)).body.entries[0];

    before(async () => {
      srv = await testServer(engine, { adminToken: ADMIN, ingestThreads: 0 });
    });
    after(() => srv?.close());

    test('create shows the token once; list never shows a token or its hash; both audited or admin-only', async () => {
      const t = await create('laptop hooks', 'ingest');
      assert.match(t.token, /^vgl_[A-Za-z0-9_-]{43}$/);
      assert.deepEqual({ name: t.name, role: t.role }, { name: 'laptop hooks', role: 'ingest' });
      const posted = await call('POST', '/v1/events', { schema_version: 1, events: [ev({ id: 'e1', session_id: 's1', time: Date.now() })] }, bearer(t.token));
      assert.equal(posted.status, 200);

      const list = await call('GET', '/v1/tokens');
      assert.equal(list.status, 200);
      const mine = list.body.tokens.find((x: { id: string }) => x.id === t.id);
      assert.deepEqual(Object.keys(mine).sort(), ['created_ms', 'id', 'name', 'revoked_ms', 'role']);
      assert.equal(mine.revoked_ms, null);
      assert.ok(list.body.tokens.some((x: { name: string; role: string }) => x.name === ADMIN_NAME && x.role === 'admin'));
      assert.ok(!JSON.stringify(list.body).includes(t.token));

      const audit = await lastAudit('token.create');
      assert.deepEqual({ actor: audit.actor, resource: audit.resource, details: audit.details }, { actor: `token:${ADMIN_NAME}`, resource: `token/${t.id}`, details: { name: 'laptop hooks', role: 'ingest' } });

      const reader = await create('reviewer', 'read');
      for (const [method, path] of [['GET', '/v1/tokens'], ['POST', '/v1/tokens'], ['DELETE', `/v1/tokens/${t.id}`]] as const) {
        const r = await call(method, path, method === 'POST' ? { name: 'x', role: 'admin' } : undefined, bearer(reader.token));
        assert.equal(r.status, 403, `${method} ${path}`);
      }
      assert.equal((await call('GET', '/v1/tokens', undefined, bearer(t.token))).status, 403);
    });

    test('invalid requests are refused with every mistake named', async () => {
      const r = await call('POST', '/v1/tokens', { name: 'x', role: 'root', scope: 'all', expires: 1 });
      assert.equal(r.status, 400);
      assert.match(r.body.error.message, /unknown fields "scope", "expires"; known: name, role/);
      assert.match(r.body.error.message, /role must be one of admin, ingest, read, got "root"/);
      for (const name of ['', '   ', 'x'.repeat(101), 'two\nlines', 7]) {
        const bad = await call('POST', '/v1/tokens', { name, role: 'read' });
        assert.equal(bad.status, 400, JSON.stringify(name));
        assert.match(bad.body.error.message, /name must be 1-100 printable characters/);
      }
      assert.equal((await call('POST', '/v1/tokens', { role: 'read' })).status, 400);
      assert.equal((await call('POST', '/v1/tokens', ['name'])).status, 400);
      assert.equal((await create('y'.repeat(100), 'read')).name.length, 100);
    });

    test('a revoked token is refused on the very next request: bearer calls and its console sign-ins', async () => {
      const t = await create('ci reader', 'read');
      assert.equal((await call('GET', '/v1/sessions', undefined, bearer(t.token))).status, 200);
      const signIn = await call('POST', '/v1/console/session', { token: t.token }, {});
      assert.equal(signIn.status, 200);
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
      assert.equal((await call('GET', '/v1/sessions', undefined, { cookie })).status, 200);

      const r = await call('DELETE', `/v1/tokens/${t.id}`);
      assert.equal(r.status, 200);
      assert.equal(r.body.id, t.id);
      assert.equal(typeof r.body.revoked_ms, 'number');

      const byBearer = await call('GET', '/v1/sessions', undefined, bearer(t.token));
      assert.equal(byBearer.status, 401);
      const byCookie = await call('GET', '/v1/sessions', undefined, { cookie });
      assert.equal(byCookie.status, 401);
      assert.match(byCookie.body.error.message, /revoked; sign in again/);
      assert.equal((await call('GET', '/v1/console/session', undefined, { cookie })).status, 401);
      assert.equal((await call('POST', '/v1/console/session', { token: t.token }, {})).status, 401);

      const audit = await lastAudit('token.revoke');
      assert.deepEqual({ actor: audit.actor, resource: audit.resource, details: audit.details }, { actor: `token:${ADMIN_NAME}`, resource: `token/${t.id}`, details: { name: 'ci reader', role: 'read' } });
      const listed = (await call('GET', '/v1/tokens')).body.tokens.find((x: { id: string }) => x.id === t.id);
      assert.equal(listed.revoked_ms, r.body.revoked_ms);

      const again = await call('DELETE', `/v1/tokens/${t.id}`);
      assert.equal(again.status, 409);
      assert.match(again.body.error.message, /already revoked at \d{4}-/);
      const unknown = await call('DELETE', '/v1/tokens/no-such-token');
      assert.equal(unknown.status, 404);
      assert.match(unknown.body.error.message, /no token with id "no-such-token"/);
      assert.equal((await call('DELETE', `/v1/tokens/${t.id}?force=1`)).status, 400);
    });

    test('an admin revokes the token it calls with only with ?self=true', async () => {
      const own = (await call('GET', '/v1/tokens')).body.tokens.find((x: { name: string }) => x.name === ADMIN_NAME);
      const refused = await call('DELETE', `/v1/tokens/${own.id}`);
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.code, 'self_revoke');
      assert.match(refused.body.error.message, /the token this request is made with.*\?self=true/);
      assert.equal((await call('GET', '/v1/tokens')).status, 200, 'still signed in');

      const second = await create('second admin', 'admin');
      // Another admin's token needs no flag; its own does.
      assert.equal((await call('DELETE', `/v1/tokens/${second.id}?self=false`, undefined, bearer(second.token))).status, 409);
      const self = await call('DELETE', `/v1/tokens/${second.id}?self=true`, undefined, bearer(second.token));
      assert.equal(self.status, 200);
      assert.deepEqual((await lastAudit('token.revoke')).details, { name: 'second admin', role: 'admin', self: true });
      assert.equal((await call('GET', '/v1/tokens', undefined, bearer(second.token))).status, 401);
    });
  });
}
