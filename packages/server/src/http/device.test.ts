import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, PG_SKIP, ev } from '../testing/databases.js';
import { apiClient, bearer, testServer, type TestServer } from '../testing/http.js';
import { openTestStore } from '../testing/store.js';
import { CODE_TTL_MS, DeviceGrantError, DeviceService, GRANT_TYPE, CODES_PER_MINUTE } from '../services/device.service.js';
import type { Principal } from '../services/access.js';

// Device enrolment over HTTP on both engines: the RFC 8628 device login (pending, slow_down,
// approval by a signed-in person, a single-use code, a token bound to person and device, denial)
// and organisation enrolment keys (create, enrol, rotate, revoke). Expiry with a fake clock.

const ADMIN = 'device-test-admin-token';
const PASSWORD = 'correct horse battery staple';
const CODE = /^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/;

for (const engine of ENGINES) {
  describe(`device enrolment (${engine})`, { skip: engine === 'postgres' ? (PG_SKIP ?? false) : false }, () => {
    let srv: TestServer;
    let user: { id: string; email: string };
    let person: Record<string, string>;
    const { call } = apiClient(() => srv.url, ADMIN);
    const start = async (over: Record<string, unknown> = {}) => {
      const r = await call('POST', '/v1/device/code', { client_id: 'vigil-cli', hostname: 'ana-laptop', os: 'linux', device_id: 'dev-ana-1', ...over }, {});
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body as { device_code: string; user_code: string; verification_uri: string; verification_uri_complete: string; expires_in: number; interval: number };
    };
    const poll = (deviceCode: string) => call('POST', '/v1/device/token', { grant_type: GRANT_TYPE, device_code: deviceCode }, {});
    const lastAudit = async (action: string) => (await call('GET', `/v1/audit?action=${action}&limit=1`)).body.entries[0];

    before(async () => {
      srv = await testServer(engine, { adminToken: ADMIN, ingestThreads: 0 });
      const u = await call('POST', '/v1/users', { email: 'ana@example.com', role: 'member', password: PASSWORD });
      assert.equal(u.status, 201, JSON.stringify(u.body));
      user = u.body;
      const login = await call('POST', '/v1/console/login', { email: 'ana@example.com', password: PASSWORD }, {});
      assert.equal(login.status, 200, JSON.stringify(login.body));
      person = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-vigil-csrf': login.body.csrf };
    });
    after(() => srv?.close());

    test('device login: pending, slow_down, approval by the person, one token bound to person and device', async () => {
      const c = await start();
      assert.match(c.user_code, CODE);
      assert.equal(c.verification_uri, `${srv.url}/device`);
      assert.equal(c.verification_uri_complete, `${srv.url}/device?user_code=${c.user_code}`);
      assert.deepEqual([c.expires_in, c.interval], [600, 5]);

      const pending = await poll(c.device_code);
      assert.deepEqual([pending.status, pending.body.error], [400, 'authorization_pending']);
      assert.equal(pending.headers.get('cache-control'), 'no-store');
      assert.equal((await poll(c.device_code)).body.error, 'slow_down');

      // The person sees the device, in any case and with or without the dash; an unbound token may not.
      const seen = await call('GET', `/v1/device/requests/${c.user_code.replace('-', '').toLowerCase()}`, undefined, person);
      assert.equal(seen.status, 200, JSON.stringify(seen.body));
      assert.deepEqual({ ...seen.body, created_ms: 0, expires_ms: 0 }, { user_code: c.user_code, hostname: 'ana-laptop', os: 'linux', device_id: 'dev-ana-1', scope: 'ingest', created_ms: 0, expires_ms: 0, status: 'pending' });
      assert.equal((await call('GET', `/v1/device/requests/${c.user_code}`)).status, 403);
      assert.equal((await call('POST', '/v1/device/approve', { user_code: c.user_code, approve: true })).status, 403);
      assert.equal((await call('GET', '/v1/device/requests/BBBB-BBBB', undefined, person)).status, 404);
      assert.equal((await call('POST', '/v1/device/approve', { user_code: c.user_code, approve: true }, { cookie: person.cookie! })).status, 403, 'CSRF header required');

      const ok = await call('POST', '/v1/device/approve', { user_code: c.user_code, approve: true }, person);
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.status, 'approved');
      assert.equal((await call('POST', '/v1/device/approve', { user_code: c.user_code, approve: false }, person)).status, 409);
      const approved = await lastAudit('device.approve');
      assert.deepEqual({ actor: approved.actor, resource: approved.resource }, { actor: 'user:ana@example.com', resource: `device_code/${c.user_code}` });

      const got = await poll(c.device_code);
      assert.equal(got.status, 200, JSON.stringify(got.body));
      assert.deepEqual({ ...got.body, access_token: 'x' }, { access_token: 'x', token_type: 'Bearer', scope: 'ingest' });
      assert.match(got.body.access_token, /^vgl_/);
      // Single use.
      const again = await poll(c.device_code);
      assert.deepEqual([again.status, again.body.error], [400, 'invalid_grant']);

      const token = got.body.access_token as string;
      assert.equal((await call('POST', '/v1/events', { schema_version: 1, events: [ev({ id: 'dev-e1', session_id: 'dev-s1', time: Date.now() })] }, bearer(token))).status, 200);
      assert.equal((await call('GET', '/v1/sessions', undefined, bearer(token))).status, 403);

      const listed = (await call('GET', '/v1/tokens')).body.tokens.filter((t: { name: string }) => t.name === 'device:ana-laptop');
      assert.equal(listed.length, 1);
      assert.deepEqual({ user_id: listed[0].user_id, role: listed[0].role, device: listed[0].device }, { user_id: user.id, role: 'ingest', device: { hostname: 'ana-laptop', os: 'linux', id: 'dev-ana-1' } });
      const created = await lastAudit('token.create');
      assert.deepEqual(
        { actor: created.actor, resource: created.resource, details: created.details },
        { actor: 'user:ana@example.com', resource: `token/${listed[0].id}`, details: { name: 'device:ana-laptop', role: 'ingest', user: 'ana@example.com', device: { hostname: 'ana-laptop', os: 'linux', id: 'dev-ana-1' }, via: 'device_login' } },
      );

      // A device's own token cannot approve more devices.
      const other = await start({ hostname: 'other' });
      assert.equal((await call('POST', '/v1/device/approve', { user_code: other.user_code, approve: true }, bearer(token))).status, 403);
    });

    test('deny gives access_denied; form bodies and wrong grants are answered the OAuth way', async () => {
      const c = await start({ hostname: 'mallory-box' });
      const denied = await call('POST', '/v1/device/approve', { user_code: c.user_code, approve: false }, person);
      assert.equal(denied.body.status, 'denied');
      assert.equal((await lastAudit('device.deny')).resource, `device_code/${c.user_code}`);
      // As an RFC 8628 client sends it: a form.
      const r = await fetch(`${srv.url}/v1/device/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: GRANT_TYPE, device_code: c.device_code }) });
      assert.deepEqual([r.status, ((await r.json()) as { error: string }).error], [400, 'access_denied']);
      assert.equal((await call('POST', '/v1/device/token', { grant_type: 'password', device_code: c.device_code }, {})).body.error, 'unsupported_grant_type');
      assert.equal((await poll('nope')).body.error, 'invalid_grant');
      assert.equal((await call('POST', '/v1/device/code', { hostname: 'x', scope: 'admin' }, {})).body.error, 'invalid_scope');
      assert.equal((await call('POST', '/v1/device/code', { hostname: '' }, {})).status, 400);
      assert.equal((await call('POST', '/v1/device/code', { hostname: 'x', extra: 1 }, {})).status, 400);
    });

    test('enrolment keys: admin-only, enrol a device (bound to a person when named), rotate, revoke; all audited', async () => {
      assert.equal((await call('POST', '/v1/enrolment-keys', { name: 'fleet' }, person)).status, 403);
      const made = await call('POST', '/v1/enrolment-keys', { name: 'fleet' });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.match(made.body.key, /^vek_[A-Za-z0-9_-]{43}$/);
      assert.equal((await lastAudit('enrolment_key.create')).resource, `enrolment_key/${made.body.id}`);
      const listed = (await call('GET', '/v1/enrolment-keys')).body.keys;
      assert.deepEqual(listed.map((k: { name: string; revoked_ms: unknown }) => [k.name, k.revoked_ms]), [['fleet', null]]);
      assert.ok(!JSON.stringify(listed).includes(made.body.key));

      const enrol = (key: string, body: Record<string, unknown>) => call('POST', '/v1/device/enrol', body, bearer(key));
      const e1 = await enrol(made.body.key, { hostname: 'build-01', os: 'darwin', device_id: 'mdm-1', user: 'ANA@example.com' });
      assert.equal(e1.status, 201, JSON.stringify(e1.body));
      assert.equal(e1.body.user, 'ana@example.com');
      assert.equal((await call('POST', '/v1/events', { schema_version: 1, events: [ev({ id: 'mdm-e1', session_id: 'mdm-s1', time: Date.now() })] }, bearer(e1.body.access_token))).status, 200);
      const e2 = await enrol(made.body.key, { hostname: 'kiosk-02', user: 'nobody@example.com' });
      assert.equal(e2.body.user, null);
      const tokens = (await call('GET', '/v1/tokens')).body.tokens;
      assert.equal(tokens.find((t: { id: string }) => t.id === e1.body.token_id).user_id, user.id);
      assert.deepEqual(tokens.find((t: { id: string }) => t.id === e2.body.token_id).device, { hostname: 'kiosk-02', os: null, id: null });
      const audit = await lastAudit('token.create');
      assert.deepEqual({ actor: audit.actor, via: audit.details.via, asked: audit.details.user_asked }, { actor: 'enrolment_key:fleet', via: 'enrolment_key', asked: 'nobody@example.com' });

      assert.equal((await call('POST', '/v1/device/enrol', { hostname: 'x' }, {})).status, 401);
      assert.equal((await enrol(ADMIN, { hostname: 'x' })).status, 401);

      const rotated = await call('POST', `/v1/enrolment-keys/${made.body.id}/rotate`);
      assert.equal(rotated.status, 201, JSON.stringify(rotated.body));
      assert.equal(rotated.body.replaces, made.body.id);
      assert.equal((await enrol(made.body.key, { hostname: 'x' })).status, 401);
      assert.equal((await enrol(rotated.body.key, { hostname: 'x' })).status, 201);
      assert.equal((await lastAudit('enrolment_key.rotate')).details.replaces, made.body.id);

      const revoked = await call('DELETE', `/v1/enrolment-keys/${rotated.body.id}`);
      assert.equal(revoked.status, 200);
      assert.equal(typeof revoked.body.revoked_ms, 'number');
      assert.equal((await enrol(rotated.body.key, { hostname: 'x' })).status, 401);
      assert.equal((await call('DELETE', `/v1/enrolment-keys/${rotated.body.id}`)).status, 409);
      assert.equal((await call('DELETE', '/v1/enrolment-keys/nope')).status, 404);
      assert.equal((await lastAudit('enrolment_key.revoke')).resource, `enrolment_key/${rotated.body.id}`);
      // Tokens already issued keep working: revoking a key stops new enrolments only.
      assert.equal((await call('POST', '/v1/events', { schema_version: 1, events: [ev({ id: 'mdm-e2', session_id: 'mdm-s1', time: Date.now() })] }, bearer(e1.body.access_token))).status, 200);
    });

    test('device codes are rate-limited per address', async () => {
      let status = 200;
      for (let i = 0; i < CODES_PER_MINUTE + 1 && status === 200; i++) status = (await call('POST', '/v1/device/code', { hostname: `h${i}` }, {})).status;
      assert.equal(status, 429);
    });
  });
}

describe('device codes expire (fake clock)', () => {
  test('an expired code answers expired_token and cannot be approved', async () => {
    const t = await openTestStore('sqlite');
    try {
      let now = 1_000_000;
      const svc = new DeviceService(t.store, () => now);
      const c = await svc.start({ hostname: 'h' }, '127.0.0.1', 'http://vigil');
      const person: Principal = { tokenId: null, name: 'a@example.com', role: 'member', user: { id: 'u1', email: 'a@example.com', role: 'member', canReveal: false } };
      now += 5_000;
      await assert.rejects(svc.poll({ grant_type: GRANT_TYPE, device_code: c.device_code }), (e: DeviceGrantError) => e.error === 'authorization_pending');
      now += 4_999;
      await assert.rejects(svc.poll({ grant_type: GRANT_TYPE, device_code: c.device_code }), (e: DeviceGrantError) => e.error === 'slow_down');
      now += 5_000;
      await assert.rejects(svc.poll({ grant_type: GRANT_TYPE, device_code: c.device_code }), (e: DeviceGrantError) => e.error === 'authorization_pending');
      now = 1_000_000 + CODE_TTL_MS;
      await assert.rejects(svc.poll({ grant_type: GRANT_TYPE, device_code: c.device_code }), (e: DeviceGrantError) => e.error === 'expired_token');
      assert.equal((await svc.request(c.user_code, person)).status, 'expired');
      await assert.rejects(svc.decide({ user_code: c.user_code, approve: true }, person), (e: { status: number }) => e.status === 410);
    } finally {
      await t.close();
    }
  });
});
