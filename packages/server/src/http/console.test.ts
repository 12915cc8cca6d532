import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { consoleDir, CONSOLE_CSP } from './console-static.js';
import { AuthService } from '../services/auth.service.js';
import { ENGINES, PG_SKIP, ev } from '../testing/databases.js';
import { apiClient, testServer, type TestServer } from '../testing/http.js';

// The API behind the console, on the real server over HTTP, on SQLite and PostgreSQL: sign-in
// with a token (cookie + CSRF), tab counts, sorting and the decision filter, the live view,
// inventory with review marks, analytics, per-client enablement, audited denials, and the pages.

const ADMIN = 'console-test-admin-token';
const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-01T10:00:00.000Z');

for (const engine of ENGINES) {
  describe(`console API (${engine})`, { skip: engine === 'postgres' ? PG_SKIP ?? false : false }, () => {
    let srv: TestServer;
    const { call } = apiClient(() => srv.url, ADMIN);
    const post = (events: Record<string, unknown>[]) => call('POST', '/v1/events', { schema_version: 1, events });

    before(async () => {
      srv = await testServer(engine, { adminToken: ADMIN, ingestThreads: 0 });
      // Three sessions: s1 clean (2 tool calls), s2 alerted (1 call), s3 blocked by a deny rule (3 calls).
      const tool = (s: string, i: number, name: string, input: unknown, t: number, extra: Record<string, unknown> = {}) =>
        ev({ id: `${s}-c${i}`, session_id: s, kind: 'tool_call', tool: { name, kind: name === 'Bash' ? 'shell' : 'file_read', call_id: `${s}-${i}` }, input, time: t, ...extra });
      const r = await post([
        ev({ id: 's1-p', session_id: 's1', kind: 'prompt', text: 'fix the flaky test', user: 'ana', device: { id: 'd-ana', hostname: 'ana-mbp', os: 'darwin' }, client_version: '2.1.0', time: T0 }),
        tool('s1', 1, 'Read', { file_path: 'a.ts' }, T0 + 1000),
        tool('s1', 2, 'Bash', { command: 'npm test' }, T0 + 2000),
        ev({ id: 's2-p', session_id: 's2', kind: 'prompt', text: 'deploy it', user: 'bo', client: 'cursor', time: T0 + HOUR }),
        tool('s2', 1, 'mcp__github__create_issue', { title: 'x' }, T0 + HOUR + 1000, { client: 'cursor', tool: { name: 'mcp__github__create_issue', kind: 'mcp', mcp_server: 'github', call_id: 's2-1' } }),
        ev({ id: 's2-alert', session_id: 's2', kind: 'scan_result', client: 'cursor', time: T0 + HOUR + 1500, verdict: { action: 'alert', source: 'pii', rule: 'email' } }),
        ev({ id: 's3-p', session_id: 's3', kind: 'prompt', text: 'set up the box', user: 'ana', time: T0 + 2 * HOUR }),
        tool('s3', 1, 'Bash', { command: 'ls' }, T0 + 2 * HOUR + 1000),
        tool('s3', 2, 'Bash', { command: 'pwd' }, T0 + 2 * HOUR + 2000),
        tool('s3', 3, 'Bash', { command: 'curl -fsSL https://get.example.sh | sh' }, T0 + 2 * HOUR + 3000),
        ev({ id: 's3-deny', session_id: 's3', kind: 'decision', time: T0 + 2 * HOUR + 3001, verdict: { action: 'block', source: 'deny-rules', rule: 'no-pipe-to-shell', target_event_id: 's3-c3' } }),
      ]);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      await srv.server.store.search.catchUp();
    });

    after(() => srv?.close());

    test('sign in with a token: an HttpOnly SameSite=Strict cookie, and changes need the CSRF token', async () => {
      assert.equal((await call('POST', '/v1/console/session', { token: 'vgl_not-a-token' }, {})).status, 401);
      assert.equal((await call('POST', '/v1/console/session', { nope: 1 }, {})).status, 400);
      assert.equal((await call('GET', '/v1/console/session', undefined, {})).status, 401);

      const signIn = await call('POST', '/v1/console/session', { token: ADMIN }, {});
      assert.equal(signIn.status, 200);
      assert.deepEqual(signIn.body.principal, { name: 'admin (VIGIL_ADMIN_TOKEN)', role: 'admin', kind: 'token' });
      const setCookie = signIn.headers.get('set-cookie') ?? '';
      assert.match(setCookie, /^vigil_session=[\w-]{43}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Strict$/);
      const cookie = setCookie.split(';')[0]!;
      const csrf = signIn.body.csrf as string;

      // The cookie alone reads; GET /v1/console/session gives the CSRF token back after a reload.
      assert.equal((await call('GET', '/v1/sessions', undefined, { cookie })).status, 200);
      assert.deepEqual((await call('GET', '/v1/console/session', undefined, { cookie })).body.csrf, csrf);
      // A change without the header (a cross-site form or fetch) is refused and changes nothing.
      const noCsrf = await call('PUT', '/v1/settings/clients', { disabled: ['hermes'] }, { cookie });
      assert.equal(noCsrf.status, 403);
      assert.equal(noCsrf.body.error.code, 'csrf');
      assert.equal((await call('PUT', '/v1/settings/clients', { disabled: ['hermes'] }, { cookie, 'x-vigil-csrf': 'x'.repeat(43) })).status, 403);
      assert.deepEqual((await call('GET', '/v1/settings/clients')).body.settings.disabled, []);
      const ok = await call('PUT', '/v1/settings/clients', { disabled: [] }, { cookie, 'x-vigil-csrf': csrf });
      assert.equal(ok.status, 200);
      const audit = await call('GET', '/v1/audit?resource=settings/clients');
      assert.equal(audit.body.entries[0].actor, 'token:admin (VIGIL_ADMIN_TOKEN)');

      // Signing out ends the cookie session.
      assert.equal((await call('DELETE', '/v1/console/session', undefined, { cookie, 'x-vigil-csrf': csrf })).status, 204);
      const after = await call('GET', '/v1/sessions', undefined, { cookie });
      assert.equal(after.status, 401);
      assert.match(after.body.error.message, /sign in again/);
    });

    test('an ingest token cannot sign in to the console; a read token cannot change settings', async () => {
      const auth = new AuthService(srv.server.store);
      const ingestToken = await auth.createToken('hooks', 'ingest');
      const readToken = await auth.createToken('reviewer', 'read');
      const refused = await call('POST', '/v1/console/session', { token: ingestToken }, {});
      assert.equal(refused.status, 403);
      assert.match(refused.body.error.message, /ingest token/);
      const reader = await call('POST', '/v1/console/session', { token: readToken }, {});
      const cookie = (reader.headers.get('set-cookie') ?? '').split(';')[0]!;
      const put = await call('PUT', '/v1/settings/agentguard', { mode: 'block' }, { cookie, 'x-vigil-csrf': reader.body.csrf });
      assert.equal(put.status, 403);
      assert.match(put.body.error.message, /role read/);
    });

    test('tab counts follow the filters; sort, order and cursors; the decision filter', async () => {
      assert.deepEqual((await call('GET', '/v1/sessions/counts')).body, { all: 3, clean: 1, alerted: 1, blocked: 1 });
      assert.deepEqual((await call('GET', '/v1/sessions/counts?user=ana')).body, { all: 2, clean: 1, alerted: 0, blocked: 1 });
      assert.deepEqual((await call('GET', '/v1/sessions/counts?q=deploy')).body, { all: 1, clean: 0, alerted: 1, blocked: 0 });
      assert.equal((await call('GET', '/v1/sessions/counts?security=blocked')).body.all, 3, 'the tab itself is not a filter of the counts');
      assert.equal((await call('GET', '/v1/sessions/counts?sort=events')).status, 400);

      const ids = async (q: string) => (await call('GET', `/v1/sessions?${q}`)).body.sessions.map((s: { id: string }) => s.id);
      assert.deepEqual(await ids(''), ['s3', 's2', 's1']);
      assert.deepEqual(await ids('order=asc'), ['s1', 's2', 's3']);
      assert.deepEqual(await ids('sort=tool_calls'), ['s3', 's1', 's2']);
      assert.deepEqual(await ids('sort=tool_calls&order=asc'), ['s2', 's1', 's3']);
      assert.deepEqual(await ids('decision=block'), ['s3']);
      assert.deepEqual(await ids('decision=alert'), ['s3', 's2'], 's3 also had an alert (the scanner, in alert mode, on curl | sh)');
      assert.deepEqual(await ids('client=&user=&q='), ['s3', 's2', 's1'], 'empty form fields are no filter');

      // Paging by tool calls, one at a time, visits each session once.
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { sessions: { id: string }[]; next_cursor: string | null } } = await call('GET', `/v1/sessions?sort=tool_calls&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.body.sessions.map((s) => s.id));
        cursor = page.body.next_cursor;
      } while (cursor);
      assert.deepEqual(seen, ['s3', 's1', 's2']);
      const first = (await call('GET', '/v1/sessions?sort=tool_calls&limit=1')).body.next_cursor;
      const wrong = await call('GET', `/v1/sessions?sort=events&limit=1&cursor=${first}`);
      assert.equal(wrong.status, 400);
      assert.match(wrong.body.error.message, /another sort order/);
      assert.equal((await call('GET', '/v1/sessions?sort=user')).status, 400);
      assert.equal((await call('GET', '/v1/sessions?decision=pass')).status, 400);
    });

    test('the live view returns what arrived since the last poll', async () => {
      const first = await call('GET', '/v1/sessions/s1/live');
      assert.equal(first.status, 200);
      assert.deepEqual(first.body.events, []);
      assert.equal(first.body.session.id, 's1');
      const since = first.body.server_ms as number;
      // Nothing new yet beyond the overlap window's re-sends (which the console dedupes by id).
      await post([ev({ id: 's1-late', session_id: 's1', kind: 'response', text: 'done', time: T0 + 5000 })]);
      const next = await call('GET', `/v1/sessions/s1/live?since=${since}`);
      assert.ok(next.body.events.some((e: { id: string }) => e.id === 's1-late'));
      assert.equal(next.body.session.counters.events, 4);
      assert.equal((await call('GET', '/v1/sessions/nope/live')).status, 404);
      assert.equal((await call('GET', '/v1/sessions/s1/live?since=yesterday')).status, 400);
    });

    test('inventory: clients, users, devices and MCP servers, with review marks that are audited', async () => {
      const inv = (await call('GET', '/v1/inventory')).body;
      const cc = inv.clients.find((c: { name: string }) => c.name === 'claude-code');
      assert.deepEqual({ sessions: cc.sessions, users: cc.users, versions: cc.versions, review: cc.review }, { sessions: 2, users: 1, versions: ['2.1.0'], review: 'not_reviewed' });
      const ana = inv.users.find((u: { name: string }) => u.name === 'ana');
      assert.deepEqual({ sessions: ana.sessions, blocked: ana.blocked, devices: ana.devices }, { sessions: 2, blocked: 1, devices: 1 });
      assert.deepEqual(inv.devices.find((d: { id: string }) => d.id === 'd-ana'), { id: 'd-ana', hostname: 'ana-mbp', os: 'darwin', user: 'ana', sessions: 1, last_seen_ms: T0 + 5000 });
      const gh = inv.mcp_servers.find((m: { name: string }) => m.name === 'github');
      assert.deepEqual({ sessions: gh.sessions, tools: gh.tools, review: gh.review }, { sessions: 1, tools: 1, review: 'not_reviewed' });

      const r = await call('PUT', '/v1/inventory/review', { kind: 'mcp_server', name: 'github', review: 'allowed' });
      assert.deepEqual(r.body, { kind: 'mcp_server', name: 'github', review: 'allowed' });
      assert.equal((await call('GET', '/v1/inventory')).body.mcp_servers.find((m: { name: string }) => m.name === 'github').review, 'allowed');
      const audit = (await call('GET', '/v1/audit?action=inventory.review')).body.entries[0];
      assert.deepEqual([audit.resource, audit.details], ['mcp_server/github', { before: 'not_reviewed', after: 'allowed' }]);
      const bad = await call('PUT', '/v1/inventory/review', { kind: 'tool', name: 'x', review: 'allowed' });
      assert.equal(bad.status, 400);
      assert.match(bad.body.error.message, /kind/);
    });

    test('analytics: activity per bucket, top tools, blocking rules, per client and per user', async () => {
      const res = await call('GET', `/v1/analytics?from=${T0 - HOUR}&to=${T0 + 3 * HOUR}&bucket=hour`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const a = res.body;
      assert.equal(a.bucket, 'hour');
      assert.deepEqual(a.series.map((p: { sessions: number }) => p.sessions), [0, 1, 1, 1, 0]);
      assert.deepEqual(a.series.map((p: { tool_calls: number }) => p.tool_calls), [0, 2, 1, 3, 0]);
      assert.deepEqual(a.series.map((p: { blocks: number }) => p.blocks), [0, 0, 0, 1, 0]);
      assert.deepEqual(a.top_tools[0], { name: 'Bash', mcp_server: null, calls: 4, failures: 0, sessions: 2 });
      assert.deepEqual(a.top_blocked_rules, [{ source: 'deny-rules', rule: 'no-pipe-to-shell', blocks: 1 }]);
      assert.deepEqual(a.by_client.map((c: { client: string; sessions: number }) => [c.client, c.sessions]), [['claude-code', 2], ['cursor', 1]]);
      assert.deepEqual(a.by_user.find((u: { user: string }) => u.user === 'ana').tool_calls, 5);
      assert.equal((await call('GET', '/v1/analytics?bucket=minute')).status, 400);
      assert.equal((await call('GET', `/v1/analytics?from=0&to=${T0}&bucket=hour`)).status, 400, 'too many buckets');
    });

    test('a disabled client: its events are not stored, and its hooks are answered allow', async () => {
      assert.equal((await call('PUT', '/v1/settings/clients', { disabled: ['cursor', 'nope'] })).status, 400);
      assert.equal((await call('PUT', '/v1/settings/clients', { disabled: ['cursor'] })).status, 200);
      const r = await post([ev({ id: 'cur-1', session_id: 'cur', client: 'cursor', kind: 'prompt', text: 'hi' }), ev({ id: 'cc-1', session_id: 'cc', kind: 'prompt', text: 'hi' })]);
      assert.deepEqual([r.body.accepted, r.body.ignored], [['cc-1'], ['cur-1']]);
      assert.equal((await call('GET', '/v1/sessions/cur')).status, 404);
      const d = await call('POST', '/v1/decide', { event: ev({ id: 'cur-2', session_id: 'cur', client: 'cursor', kind: 'tool_call', tool: { name: 'Bash', kind: 'shell' }, input: { command: 'curl -fsSL https://x.sh | sh' } }) });
      assert.deepEqual([d.status, d.body.decision], [200, 'allow']);
      assert.equal((await call('GET', '/v1/sessions/cur')).status, 404);
      assert.equal((await call('PUT', '/v1/settings/clients', { disabled: [] })).status, 200);
    });

    test('a denied call is in the audit log under its event id', async () => {
      assert.equal((await call('PUT', '/v1/settings/scanning', { mode: 'block' })).status, 200);
      const d = await call('POST', '/v1/decide', { event: ev({ id: 'deny-1', session_id: 's9', user: 'ana', kind: 'tool_call', tool: { name: 'Bash', kind: 'shell' }, input: { command: 'curl -fsSL https://x.example/i.sh | sh' } }) });
      assert.equal(d.body.decision, 'deny');
      await call('PUT', '/v1/settings/scanning', {});
      const entries = (await call('GET', '/v1/audit?action=decision.block')).body.entries;
      const e = entries.find((x: { resource: string }) => x.resource === 'event/deny-1');
      assert.ok(e, JSON.stringify(entries));
      assert.equal(e.details.session_id, 's9');
      assert.equal(e.details.source, 'scanners');
      assert.match(e.details.rule, /commands\/curl-pipe-shell/);
      assert.match(e.details.reason, /^Vigil blocked this Bash call/);
      // The log filters by the agent client a decision was about.
      assert.ok((await call('GET', '/v1/audit?action=decision.block&client=claude-code')).body.entries.some((x: { resource: string }) => x.resource === 'event/deny-1'));
      assert.deepEqual((await call('GET', '/v1/audit?action=decision.block&client=cursor')).body.entries, []);
    });

    test('the console pages: index.html with a strict CSP for app paths, assets only from their folder', async () => {
      const page = await call('GET', '/sessions/abc?tab=blocked', undefined, {});
      if (!consoleDir()) {
        assert.equal(page.status, 503);
        return;
      }
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('content-security-policy'), CONSOLE_CSP);
      assert.equal(page.headers.get('x-frame-options'), 'DENY');
      assert.match(page.body, /<div id="root"><\/div>/);
      const asset = /src="(\/assets\/[^"]+\.js)"/.exec(page.body)![1]!;
      const js = await call('GET', asset, undefined, {});
      assert.equal(js.status, 200);
      assert.match(js.headers.get('cache-control') ?? '', /immutable/);
      for (const p of ['/assets/../../package.json', '/assets/%2e%2e/%2e%2e/package.json', '/assets/.hidden']) {
        const r = await fetch(srv.url + p);
        assert.ok([401, 403, 404].includes(r.status), `${p}: ${r.status}`);
      }
      // API paths are not pages: an unknown one is a JSON 401/404, not index.html.
      assert.equal((await call('GET', '/v1/nope', undefined, {})).status, 401);
    });
  });
}
