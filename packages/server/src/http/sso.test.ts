import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { startServer, type RunningServer } from '../server.js';
import { DEFAULTS } from '../config.js';
import { parseSsoConfig } from '../services/sso.config.js';
import { safeNext } from '../services/sso.service.js';
import { ENGINES, PG_SKIP, createTestDatabase, type TestDatabase } from '../testing/databases.js';
import { startTestIssuer, type TestIssuer } from '../testing/oidc-issuer.js';

// OpenID Connect single sign-on against a real OpenID Provider (oidc-provider, in this process),
// the browser's redirects followed by hand with cookies carried by hand, on SQLite and PostgreSQL.

const ADMIN = 'sso-test-admin-token-0123';
const SECRET_ENV = 'VIGIL_TEST_SSO_SECRET';
const SECRET = 'test-client-secret-0123456789';
process.env[SECRET_ENV] = SECRET;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

function cookieOf(r: Response, name: string): string | undefined {
  const c = r.headers.getSetCookie().find((x) => x.startsWith(`${name}=`));
  return c?.split(';')[0]!.slice(name.length + 1);
}

for (const engine of ENGINES) {
  describe(`single sign-on (${engine})`, { skip: engine === 'postgres' ? PG_SKIP ?? false : false }, () => {
    let server: RunningServer;
    let issuer: TestIssuer;
    let db: TestDatabase;

    const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = { authorization: `Bearer ${ADMIN}` }) => {
      const r = await fetch(server.url + path, { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: r.status, body: (await r.json()) as any };
    };
    const user = async (email: string) => (await api('GET', '/v1/users')).body.users.find((u: { email: string }) => u.email === email);

    /** A browser signing in as `account` at the issuer; `tamper` may change the issuer's answer before it reaches Vigil. */
    async function signIn(account: string, opts: { next?: string; tamper?: (callback: URL) => void; flowCookie?: (c: string) => string | undefined } = {}) {
      const start = await fetch(`${server.url}/v1/console/sso/start?next=${encodeURIComponent(opts.next ?? '/sessions')}`, { redirect: 'manual' });
      assert.equal(start.status, 302);
      const flow = cookieOf(start, 'vigil_sso')!;
      const jar = new Map<string, string>();
      let location = start.headers.get('location')!;
      for (let i = 0; i < 10 && location.startsWith(issuer.url); i++) {
        const u = new URL(location);
        if (u.pathname.startsWith('/interaction/')) u.searchParams.set('login', account);
        const r = await fetch(u, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
        assert.ok(r.status >= 300 && r.status < 400, `issuer answered ${r.status} at ${u.pathname}: ${await r.text()}`);
        for (const c of r.headers.getSetCookie()) {
          const [pair] = c.split(';');
          const eq = pair!.indexOf('=');
          if (/expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(pair!.slice(0, eq));
          else jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
        }
        location = new URL(r.headers.get('location')!, u).href;
      }
      const callback = new URL(location);
      assert.equal(callback.origin + callback.pathname, `${server.url}/v1/console/sso/callback`);
      opts.tamper?.(callback);
      const cookie = opts.flowCookie ? opts.flowCookie(flow) : flow;
      const r = await fetch(callback, { redirect: 'manual', headers: cookie ? { cookie: `vigil_sso=${cookie}` } : {} });
      assert.equal(r.status, 302);
      const to = r.headers.get('location')!;
      return { location: to, error: to.startsWith('/signin?') ? new URL(to, server.url).searchParams.get('error') : null, session: cookieOf(r, 'vigil_session'), setCookies: r.headers.getSetCookie(), callback, flow };
    }

    before(async () => {
      db = await createTestDatabase(engine);
      const port = await freePort();
      const redirect = `http://127.0.0.1:${port}/v1/console/sso/callback`;
      issuer = await startTestIssuer({ client_id: 'vigil', client_secret: SECRET, redirect_uri: redirect });
      issuer.accounts.set('alice-sub', { email: 'Alice@Example.com', email_verified: true, name: 'Alice' });
      issuer.accounts.set('bob-sub', { email: 'bob@example.com', email_verified: true });
      issuer.accounts.set('bob-impostor', { email: 'bob@example.com', email_verified: true });
      issuer.accounts.set('carol-sub', { email: 'carol@example.com', email_verified: true });
      issuer.accounts.set('mallory-sub', { email: 'mallory@evil.test', email_verified: true });
      issuer.accounts.set('unverified-sub', { email: 'eve@example.com', email_verified: false });
      issuer.accounts.set('nomail-sub', {});
      server = await startServer({
        ...DEFAULTS,
        port,
        dataDir: db.dataDir,
        databaseUrl: db.url,
        adminToken: ADMIN,
        logLevel: 'silent',
        ingestThreads: 0,
        sso: { issuer: issuer.url, client_id: 'vigil', client_secret_env: SECRET_ENV, redirect_url: redirect, allowed_email_domains: ['example.com'], name: 'Okta' },
      });
    });

    after(async () => {
      await server?.close();
      await issuer?.close();
      await db?.drop();
    });

    test('GET /v1/console/sso says it is on, and start redirects to the issuer with PKCE, state and nonce', async () => {
      assert.deepEqual((await api('GET', '/v1/console/sso', undefined, {})).body, { enabled: true, name: 'Okta' });
      const r = await fetch(`${server.url}/v1/console/sso/start?next=/sessions`, { redirect: 'manual' });
      assert.equal(r.status, 302);
      const to = new URL(r.headers.get('location')!);
      assert.equal(to.origin + to.pathname, `${issuer.url}/auth`);
      const q = to.searchParams;
      assert.equal(q.get('client_id'), 'vigil');
      assert.equal(q.get('response_type'), 'code');
      assert.equal(q.get('code_challenge_method'), 'S256');
      assert.match(q.get('code_challenge')!, /^[\w-]{43}$/);
      assert.ok(q.get('state') && q.get('nonce'));
      assert.equal(q.get('redirect_uri'), `${server.url}/v1/console/sso/callback`);
      const setCookie = r.headers.getSetCookie().join('\n');
      assert.match(setCookie, /^vigil_sso=[\w-]{32}; Max-Age=600; Path=\/v1\/console\/sso; HttpOnly; SameSite=Lax$/);
      assert.doesNotMatch(r.headers.get('location')!, new RegExp(cookieOf(r, 'vigil_sso')!), 'the flow id never leaves this server');
    });

    test('first sign-in creates a member; the cookie signs in to the console; the second finds the same account', async () => {
      const first = await signIn('alice-sub', { next: '/sessions/s1?tab=timeline' });
      assert.equal(first.error, null);
      assert.equal(first.location, '/sessions/s1?tab=timeline');
      assert.ok(first.session);
      assert.ok(first.setCookies.some((c) => /^vigil_sso=; Max-Age=0/.test(c)), 'the flow cookie is cleared');
      const me = await api('GET', '/v1/console/session', undefined, { cookie: `vigil_session=${first.session}` });
      assert.equal(me.status, 200);
      assert.equal(me.body.principal.kind, 'user');
      assert.equal(me.body.principal.user.email, 'alice@example.com');
      assert.equal(me.body.principal.user.role, 'member');
      assert.equal((await api('GET', '/v1/sessions', undefined, { cookie: `vigil_session=${first.session}` })).status, 200);
      // A member may not manage users.
      assert.equal((await api('GET', '/v1/users', undefined, { cookie: `vigil_session=${first.session}` })).status, 403);

      const alice = await user('alice@example.com');
      assert.deepEqual({ role: alice.role, sso: alice.sso, password: alice.password, name: alice.name }, { role: 'member', sso: true, password: false, name: 'Alice' });
      const created = (await api('GET', `/v1/audit?resource=user/${alice.id}`)).body.entries;
      assert.deepEqual(created.map((e: { action: string; actor: string }) => [e.action, e.actor]).sort(), [['user.create', 'sso'], ['user.sso_login', 'user:alice@example.com']]);

      const second = await signIn('alice-sub');
      assert.equal(second.error, null);
      assert.equal(second.location, '/sessions');
      assert.notEqual(second.session, first.session);
      assert.equal((await api('GET', '/v1/users')).body.users.filter((u: { email: string }) => u.email === 'alice@example.com').length, 1);
      const me2 = await api('GET', '/v1/console/session', undefined, { cookie: `vigil_session=${second.session}` });
      assert.equal(me2.body.principal.user.id, alice.id);
    });

    test('an existing password account with the same email is linked, keeping its role', async () => {
      assert.equal((await api('POST', '/v1/users', { email: 'bob@example.com', role: 'reviewer', password: 'a long enough password' })).status, 201);
      const r = await signIn('bob-sub');
      assert.equal(r.error, null);
      const me = await api('GET', '/v1/console/session', undefined, { cookie: `vigil_session=${r.session}` });
      assert.equal(me.body.principal.user.role, 'reviewer');
      const bob = await user('bob@example.com');
      assert.deepEqual({ sso: bob.sso, password: bob.password }, { sso: true, password: true });
      const login = (await api('GET', `/v1/audit?resource=user/${bob.id}&action=user.sso_login`)).body.entries;
      assert.equal(login[0].details.linked, true);
      assert.equal(login[0].details.subject, 'bob-sub');
      // Another identity at the issuer claiming the same email does not take the account over.
      const other = await signIn('bob-impostor');
      assert.match(other.error!, /already linked to another single sign-on identity/);
      assert.equal(other.session, undefined);
    });

    test('a wrong state, a replayed or missing flow cookie, and a tampered code are refused', async () => {
      const wrong = await signIn('alice-sub', { tamper: (u) => u.searchParams.set('state', 'not-the-state') });
      assert.match(wrong.error!, /state/);
      assert.equal(wrong.session, undefined);

      const ok = await signIn('alice-sub');
      const replay = await fetch(ok.callback, { redirect: 'manual', headers: { cookie: `vigil_sso=${ok.flow}` } });
      assert.match(new URL(replay.headers.get('location')!, server.url).searchParams.get('error')!, /expired or was started in another browser/);
      assert.equal(cookieOf(replay, 'vigil_session'), undefined);

      const noCookie = await signIn('alice-sub', { flowCookie: () => undefined });
      assert.match(noCookie.error!, /expired or was started in another browser/);
      const code = await signIn('alice-sub', { tamper: (u) => u.searchParams.set('code', 'forged') });
      assert.ok(code.error);
      assert.equal(code.session, undefined);
    });

    test('a domain not allowed, an unverified email, no email: refused, audited, no account made', async () => {
      const mallory = await signIn('mallory-sub');
      assert.equal(mallory.error, 'email addresses at evil.test may not sign in here');
      assert.equal(mallory.session, undefined);
      assert.equal(await user('mallory@evil.test'), undefined);
      const eve = await signIn('unverified-sub');
      assert.match(eve.error!, /not verified/);
      assert.equal(await user('eve@example.com'), undefined);
      assert.match((await signIn('nomail-sub')).error!, /no email address/);
      const refused = (await api('GET', '/v1/audit?action=user.sso_refused')).body.entries;
      assert.ok(refused.some((e: { details: { email: string } }) => e.details.email === 'mallory@evil.test'));
    });

    test('a disabled account is refused, whether found by email or by its identity', async () => {
      const carol = (await api('POST', '/v1/users', { email: 'carol@example.com', role: 'member' })).body;
      assert.equal((await api('PATCH', `/v1/users/${carol.id}`, { disabled: true })).status, 200);
      const r = await signIn('carol-sub');
      assert.equal(r.error, 'this account is disabled');
      assert.equal(r.session, undefined);
      assert.equal((await user('carol@example.com')).sso, false, 'a disabled account is not linked');

      const alice = await user('alice@example.com');
      assert.equal((await api('PATCH', `/v1/users/${alice.id}`, { disabled: true })).status, 200);
      assert.equal((await signIn('alice-sub')).error, 'this account is disabled');
      assert.equal((await api('PATCH', `/v1/users/${alice.id}`, { disabled: false })).status, 200);
      assert.equal((await signIn('alice-sub')).error, null);
    });

    test('next: only paths on this server', async () => {
      for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '/signin?next=/x']) {
        const r = await signIn('alice-sub', { next });
        assert.equal(r.location, '/sessions', next);
      }
    });
  });
}

describe('single sign-on settings', () => {
  const ok = { issuer: 'https://example.okta.com', client_id: 'vigil', client_secret_env: 'SSO_SECRET', redirect_url: 'https://vigil.example.com/v1/console/sso/callback' };
  const env = { SSO_SECRET: 'x' };

  test('defaults, and every mistake named at once', () => {
    const c = parseSsoConfig(ok, env)!;
    assert.deepEqual([c.defaultRole, c.name, c.allowedDomains, c.insecure, c.clientSecret], ['member', 'single sign-on', null, false, 'x']);
    assert.equal(parseSsoConfig(undefined, env), undefined);
    assert.throws(
      () => parseSsoConfig({ issuer: 'http://idp.example.com', client_id: '', client_secret_env: 'NOPE', redirect_url: 'https://vigil.example.com/callback', default_role: 'root', allowed_email_domains: ['example.com', 'not a domain'], name: '', colour: 1 }, env),
      (err: Error) => {
        for (const part of ['unknown key "colour"', '"issuer" must use https', '"client_id"', 'NOPE', '"redirect_url" must end with /v1/console/sso/callback', '"default_role" must be one of: admin, reviewer, analyst, member', '"not a domain"', '"name"']) {
          assert.ok(err.message.includes(part), `${part} in ${err.message}`);
        }
        return true;
      },
    );
    assert.equal(parseSsoConfig({ ...ok, issuer: 'http://127.0.0.1:9000' }, env)!.insecure, true);
  });

  test('safeNext keeps relative paths only', () => {
    assert.equal(safeNext('/sessions/a?b=1#c'), '/sessions/a?b=1#c');
    for (const bad of [undefined, '', 'sessions', '//x.example', '/\\x.example', 'https://x.example/', '/\tx', '/signin']) assert.equal(safeNext(bad), '/sessions', String(bad));
  });

  test('an unreachable issuer does not stop the server; sign-in says so and tries again', async () => {
    const db = await createTestDatabase('sqlite');
    const port = await freePort();
    const dead = await freePort();
    const server = await startServer({
      ...DEFAULTS,
      port,
      dataDir: db.dataDir,
      logLevel: 'silent',
      ingestThreads: 0,
      sso: { issuer: `http://127.0.0.1:${dead}`, client_id: 'vigil', client_secret_env: SECRET_ENV, redirect_url: `http://127.0.0.1:${port}/v1/console/sso/callback` },
    });
    try {
      const r = await fetch(`${server.url}/v1/console/sso/start`, { redirect: 'manual' });
      assert.equal(r.status, 302);
      assert.match(decodeURIComponent(r.headers.get('location')!), /^\/signin\?error=the identity provider cannot be reached/);
    } finally {
      await server.close();
      await db.drop();
    }
  });
});
