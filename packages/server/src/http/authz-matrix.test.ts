import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startServer, type RunningServer } from '../server.js';
import { DEFAULTS } from '../config.js';
import { AuthService, generateToken, hashToken } from '../services/auth.service.js';
import { UserService } from '../services/user.service.js';
import type { Permission } from '../services/access.js';
import { ENGINES, PG_SKIP, createTestDatabase, ev, type TestDatabase } from '../testing/databases.js';

// The authorisation matrix: every route the server has × every kind of caller. The expected
// access of each route and what each caller may do are written here, independently of
// services/access.ts, so a route given the wrong permission, or a role given too much, fails.
// A route missing from ROUTES fails too. Then privacy: what each reader sees of whose session.

const ADMIN = 'authz-matrix-admin-token';

/** What each route should require ('person': declared events:write, and the service admits people only). */
/** 'signed': authenticated by its own signature, never by a token (here no secret is set: every caller is refused). */
const ROUTES: Record<string, Permission | 'public' | 'person' | 'signed'> = {
  'POST /v1/webhooks/hermes': 'signed',
  'GET /healthz': 'public',
  'GET /v1/status': 'sessions:read',
  'POST /v1/events': 'events:write',
  'POST /v1/decide': 'events:write',
  'POST /v1/hooks/:client': 'events:write',
  'POST /v1/hooks/claude-code/transcript': 'events:write',
  'POST /otlp/v1/logs': 'events:write',
  'POST /otlp/v1/metrics': 'events:write',
  'POST /otlp/v1/traces': 'events:write',
  'POST /v1/mcp/catalogue': 'events:write',
  'GET /v1/sessions': 'sessions:read',
  'GET /v1/sessions/counts': 'sessions:read',
  'GET /v1/sessions/:id': 'sessions:read',
  'GET /v1/sessions/:id/live': 'sessions:read',
  'POST /v1/sessions/:id/reveal': 'sessions:reveal',
  'GET /v1/inventory': 'analytics:read',
  'PUT /v1/inventory/review': 'settings:write',
  'GET /v1/analytics': 'analytics:read',
  'GET /v1/settings/scanning': 'settings:read',
  'PUT /v1/settings/scanning': 'settings:write',
  'GET /v1/settings/agentguard': 'settings:read',
  'PUT /v1/settings/agentguard': 'settings:write',
  'GET /v1/settings/clients': 'settings:read',
  'PUT /v1/settings/clients': 'settings:write',
  'GET /v1/settings/privacy': 'settings:read',
  'PUT /v1/settings/privacy': 'settings:write',
  'GET /v1/settings/retention': 'settings:read',
  'PUT /v1/settings/retention': 'settings:write',
  'GET /v1/kills': 'settings:read',
  'POST /v1/kills': 'kills:write',
  'DELETE /v1/kills/:id': 'kills:write',
  'GET /v1/audit': 'audit:read',
  'GET /v1/audit/export': 'audit:read',
  'GET /v1/audit/verify': 'audit:read',
  'GET /v1/tokens': 'tokens:manage',
  'POST /v1/tokens': 'tokens:manage',
  'DELETE /v1/tokens/:id': 'tokens:manage',
  'GET /v1/users': 'users:manage',
  'POST /v1/users': 'users:manage',
  'PATCH /v1/users/:id': 'users:manage',
  'GET /v1/console/install': 'settings:read',
  'POST /v1/console/session': 'public',
  'GET /v1/console/session': 'public',
  'DELETE /v1/console/session': 'public',
  'POST /v1/console/login': 'public',
  'GET /v1/console/sso': 'public',
  'GET /v1/console/sso/start': 'public',
  'GET /v1/console/sso/callback': 'public',
  'POST /v1/device/code': 'public',
  'POST /v1/device/token': 'public',
  'POST /v1/device/enrol': 'public',
  'GET /v1/device/requests/:user_code': 'person',
  'POST /v1/device/approve': 'person',
  'GET /v1/enrolment-keys': 'tokens:manage',
  'POST /v1/enrolment-keys': 'tokens:manage',
  'DELETE /v1/enrolment-keys/:id': 'tokens:manage',
  'POST /v1/enrolment-keys/:id/rotate': 'tokens:manage',
  'GET /device': 'public',
  'GET /assets/*': 'public',
  'GET /': 'public',
  'GET /signin': 'public',
  'GET /sessions': 'public',
  'GET /sessions/*': 'public',
  'GET /inventory': 'public',
  'GET /analytics': 'public',
  'GET /settings': 'public',
  'GET /audit': 'public',
  'GET /people': 'public',
};

type Caller = 'admin' | 'read' | 'ingest' | 'adminUser' | 'reviewer' | 'revealer' | 'analyst' | 'ana' | 'bo' | 'anaDevice';
const CALLERS: Caller[] = ['admin', 'read', 'ingest', 'adminUser', 'reviewer', 'revealer', 'analyst', 'ana', 'bo', 'anaDevice'];

/** Who may do what: tokens by scope, people by role (ana and bo are members; anaDevice is ana's device token, scope ingest). */
const MAY: Record<Permission | 'person', Caller[]> = {
  person: ['adminUser', 'reviewer', 'revealer', 'analyst', 'ana', 'bo'],
  'events:write': ['admin', 'ingest', 'adminUser', 'reviewer', 'revealer', 'analyst', 'ana', 'bo', 'anaDevice'],
  'sessions:read': ['admin', 'read', 'adminUser', 'reviewer', 'revealer', 'ana', 'bo'],
  'sessions:reveal': ['admin', 'adminUser', 'revealer'],
  'analytics:read': ['admin', 'read', 'adminUser', 'reviewer', 'revealer', 'analyst'],
  'settings:read': ['admin', 'read', 'adminUser', 'reviewer', 'revealer'],
  'settings:write': ['admin', 'adminUser'],
  'kills:write': ['admin', 'adminUser', 'reviewer', 'revealer'],
  'audit:read': ['admin', 'adminUser', 'reviewer', 'revealer'],
  'tokens:manage': ['admin', 'adminUser'],
  'users:manage': ['admin', 'adminUser'],
};

interface Credentials {
  headers: Record<string, string>;
  /** Cookie sign-ins send the CSRF token on changes. */
  csrf?: string;
}

for (const engine of ENGINES) {
  describe(`authorisation matrix (${engine})`, { skip: engine === 'postgres' ? PG_SKIP ?? false : false }, () => {
    let server: RunningServer;
    let db: TestDatabase;
    const creds = new Map<Caller | 'revoked' | 'none', Credentials>();
    const request = async (who: Caller | 'revoked' | 'none', method: string, path: string, body?: unknown) => {
      const c = creds.get(who)!;
      const headers: Record<string, string> = { ...c.headers };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (c.csrf && method !== 'GET') headers['x-vigil-csrf'] = c.csrf;
      const r = await fetch(server.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
      const text = await r.text();
      let json: any = null;
      try {
        json = JSON.parse(text);
      } catch {
        // not JSON (pages, exports)
      }
      return { status: r.status, body: json, text };
    };
    const path = (url: string) => url.replace(':user_code', 'ABCDEFGH').replace(':client', 'claude-code').replace(':id', 's-ana').replace('*', 'none.js').replace('/sessions/none.js', '/sessions/s-ana');

    before(async () => {
      db = await createTestDatabase(engine);
      server = await startServer({ ...DEFAULTS, port: 0, dataDir: db.dataDir, databaseUrl: db.url, adminToken: ADMIN, logLevel: 'silent', ingestThreads: 0 });
      const auth = new AuthService(server.store);
      const users = new UserService(server.store);
      creds.set('none', { headers: {} });
      creds.set('admin', { headers: { authorization: `Bearer ${ADMIN}` } });
      creds.set('read', { headers: { authorization: `Bearer ${await auth.createToken('reader', 'read')}` } });
      creds.set('ingest', { headers: { authorization: `Bearer ${await auth.createToken('hooks', 'ingest')}` } });
      const revoked = await auth.createToken('old', 'admin');
      const revokedRow = (await server.store.tokens.list()).find((t) => t.name === 'old')!;
      await server.store.tokens.revoke(revokedRow.id, Date.now());
      creds.set('revoked', { headers: { authorization: `Bearer ${revoked}` } });

      const people: [Caller, string, string, boolean][] = [
        ['adminUser', 'root@example.com', 'admin', false],
        ['reviewer', 'rita@example.com', 'reviewer', false],
        ['revealer', 'rex@example.com', 'reviewer', true],
        ['analyst', 'al@example.com', 'analyst', false],
        ['ana', 'ana@example.com', 'member', false],
        ['bo', 'bo@example.com', 'member', false],
      ];
      for (const [who, email, role, canReveal] of people) {
        await users.create({ email, role, password: 'a long enough password', can_reveal: canReveal }, 'test');
        const r = await fetch(`${server.url}/v1/console/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'a long enough password' }) });
        assert.equal(r.status, 200, `${who} signs in`);
        const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
        creds.set(who, { headers: { cookie }, csrf: ((await r.json()) as { csrf: string }).csrf });
      }
      // Ana's device: an ingest token bound to her.
      const anaId = (await server.store.users.byEmail('ana@example.com'))!.id;
      const deviceToken = generateToken();
      await server.store.tokens.insert({ id: randomUUID(), name: 'device:ana-laptop', role: 'ingest', hash: hashToken(deviceToken), created_ms: Date.now(), revoked_ms: null, user_id: anaId, device_id: 'd-ana', device_hostname: 'ana-laptop', device_os: 'darwin' });
      creds.set('anaDevice', { headers: { authorization: `Bearer ${deviceToken}` } });

      const r = await request('admin', 'POST', '/v1/events', {
        schema_version: 1,
        events: [
          ev({ id: 'a1', session_id: 's-ana', kind: 'prompt', text: 'rotate the billing keys', user: 'ana@example.com' }),
          ev({ id: 'a2', session_id: 's-ana', kind: 'tool_call', tool: { name: 'Bash', kind: 'shell' }, input: { command: 'cat ~/.aws/credentials' }, user: 'ana@example.com' }),
          ev({ id: 'b1', session_id: 's-bo', kind: 'prompt', text: 'draft the layoffs memo', user: 'bo@example.com' }),
        ],
      });
      assert.equal(r.status, 200);
    });

    after(async () => {
      await server?.close();
      await db?.drop();
    });

    test('every route is in the matrix and declares the access the matrix expects', () => {
      const declared = server.app.routeList.map((r) => `${r.method} ${r.url}`);
      const missing = declared.filter((k) => !(k in ROUTES));
      assert.deepEqual(missing, [], 'routes without an expectation: add them to ROUTES');
      for (const r of server.app.routeList) {
        const want = ROUTES[`${r.method} ${r.url}`];
        assert.equal(r.public ? 'public' : r.signed ? 'signed' : r.permission, want === 'person' ? 'events:write' : want, `${r.method} ${r.url}`);
      }
      assert.ok(declared.length >= 50, `${declared.length} routes`);
    });

    test('each route × each caller: allowed, or refused with 401/403', async () => {
      const failures: string[] = [];
      for (const route of server.app.routeList) {
        const want = ROUTES[`${route.method} ${route.url}`]!;
        const url = path(route.url);
        const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
        if (want === 'signed') {
          // No token opens it, not even an admin's; the route itself answers (404: no secret configured).
          for (const who of ['none', 'revoked', ...CALLERS] as const) {
            const r = await request(who, route.method, url, body);
            if (r.status !== 404 && r.status !== 401) failures.push(`${who} ${route.method} ${url}: ${r.status}, want 401/404 from the route`);
            if (/bearer token/.test(r.body?.error?.message ?? '')) failures.push(`${who} ${route.method} ${url}: stopped at the token gate`);
          }
          continue;
        }
        if (want === 'public') {
          if (route.method === 'DELETE') continue; // signing out: its own test
          // Reached without credentials (a public route may still refuse on its own terms: a wrong password, no key).
          const r = await request('none', route.method, url, body);
          if (r.status === 401 && /^missing bearer token/.test(r.body?.error?.message ?? '')) failures.push(`none ${route.method} ${url}: stopped at the gate`);
          continue;
        }
        for (const who of ['none', 'revoked'] as const) {
          const r = await request(who, route.method, url, body);
          if (r.status !== 401) failures.push(`${who} ${route.method} ${url}: ${r.status}, want 401`);
        }
        for (const who of CALLERS) {
          const r = await request(who, route.method, url, body);
          const allowed = MAY[want].includes(who);
          const refused = r.status === 401 || r.status === 403;
          if (allowed === refused) failures.push(`${who} ${route.method} ${url}: ${r.status}, want ${allowed ? 'allowed' : '403'} (${r.text.slice(0, 120)})`);
        }
      }
      assert.deepEqual(failures, []);
    });

    test('privacy: members see only their own sessions; with privacy on others see them redacted until revealed', async () => {
      // Members, privacy off: their own only; another member's session does not exist for them.
      assert.deepEqual((await request('ana', 'GET', '/v1/sessions')).body.sessions.map((s: { id: string }) => s.id), ['s-ana']);
      assert.equal((await request('ana', 'GET', '/v1/sessions/s-bo')).status, 404);
      assert.equal((await request('ana', 'GET', '/v1/sessions/s-bo/live')).status, 404);
      assert.deepEqual((await request('ana', 'GET', '/v1/sessions?user=bo@example.com')).body.sessions, []);
      assert.equal((await request('bo', 'GET', '/v1/sessions/counts')).body.all, 1);
      // Privacy off: a reviewer reads content.
      assert.match((await request('reviewer', 'GET', '/v1/sessions/s-ana')).text, /cat ~\/\.aws\/credentials/);

      assert.equal((await request('admin', 'PUT', '/v1/settings/privacy', { enabled: true })).status, 200);
      const redacted = await request('reviewer', 'GET', '/v1/sessions/s-ana');
      assert.equal(redacted.status, 200);
      assert.doesNotMatch(redacted.text, /cat ~\/\.aws|rotate the billing/);
      assert.equal(redacted.body.session.redacted, true);
      assert.match(redacted.body.session.initial_prompt, /^\[redacted: \d+ characters\]$/);
      const call = redacted.body.timeline.find((e: { id: string }) => e.id === 'a2');
      assert.deepEqual([call.tool.name, call.scan.action, call.scan.findings[0].rule], ['Bash', 'alert', 'cloud-credentials-read'], 'metadata and findings stay');
      assert.match(call.input, /^\[redacted: \d+ characters\]$/);
      assert.match((await request('reviewer', 'GET', '/v1/sessions')).text, /\[redacted: 23 characters\]/);
      assert.doesNotMatch((await request('reviewer', 'GET', '/v1/sessions/s-ana/live?since=0')).text, /cat ~\/\.aws/);
      const search = await request('reviewer', 'GET', '/v1/sessions?q=credentials');
      assert.equal(search.status, 403, 'search would reveal content');
      // The owner still reads their own in full, and may search it.
      assert.match((await request('ana', 'GET', '/v1/sessions/s-ana')).text, /cat ~\/\.aws\/credentials/);
      assert.equal((await request('ana', 'GET', '/v1/sessions?q=billing')).status, 200);

      // Reveal: a reason is required; then the revealer reads that session, and only that one.
      assert.equal((await request('revealer', 'POST', '/v1/sessions/s-ana/reveal', { reason: 'why' })).status, 400);
      assert.equal((await request('reviewer', 'POST', '/v1/sessions/s-ana/reveal', { reason: 'incident 42: credential read' })).status, 403);
      assert.equal((await request('revealer', 'POST', '/v1/sessions/s-ana/reveal', { reason: 'incident 42: credential read' })).status, 201);
      assert.match((await request('revealer', 'GET', '/v1/sessions/s-ana')).text, /cat ~\/\.aws\/credentials/);
      assert.doesNotMatch((await request('revealer', 'GET', '/v1/sessions/s-bo')).text, /layoffs/);
      assert.doesNotMatch((await request('reviewer', 'GET', '/v1/sessions/s-ana')).text, /cat ~\/\.aws/, 'a reveal is the revealer\u2019s own');
      const audit = (await request('admin', 'GET', '/v1/audit?action=session.reveal')).body.entries;
      assert.deepEqual([audit.length, audit[0].resource, audit[0].actor, audit[0].details.reason], [1, 'session/s-ana', 'user:rex@example.com', 'incident 42: credential read']);
      assert.equal((await request('admin', 'PUT', '/v1/settings/privacy', { enabled: false })).status, 200);
    });

    test('privacy on: every caller allowed on each session-content route gets content only where it may', async () => {
      assert.equal((await request('admin', 'PUT', '/v1/settings/privacy', { enabled: true })).status, 200);
      const content = /cat ~\/\.aws|rotate the billing/;
      // Ana owns s-ana: she reads it in full; every other reader gets it redacted (no reveals yet
      // for them: the revealer's reveal above was for their own key and has not been renewed here).
      const full = new Set<Caller>(['ana']);
      for (const url of ['/v1/sessions', '/v1/sessions/s-ana', '/v1/sessions/s-ana/live?since=0']) {
        for (const who of MAY['sessions:read']) {
          if (who === 'revealer') continue; // revealed s-ana in the test above: full for an hour
          const r = await request(who, 'GET', url);
          if (who === 'bo') {
            assert.ok(url === '/v1/sessions' ? !r.text.includes('s-ana') : r.status === 404, `bo ${url}`);
            continue;
          }
          assert.equal(r.status, 200, `${who} ${url}`);
          assert.equal(content.test(r.text), full.has(who), `${who} ${url}: content ${full.has(who) ? 'shown' : 'redacted'}`);
        }
      }
      assert.equal((await request('admin', 'PUT', '/v1/settings/privacy', { enabled: false })).status, 200);
    });

    test('a device token names its person as the user of what it sends', async () => {
      const r = await request('anaDevice', 'POST', '/v1/events', { schema_version: 1, events: [ev({ id: 'd1', session_id: 's-dev', kind: 'prompt', text: 'hi', user: 'bo@example.com' })] });
      assert.equal(r.status, 200);
      assert.equal((await request('admin', 'GET', '/v1/sessions/s-dev')).body.session.user, 'ana@example.com');
    });
  });
}
