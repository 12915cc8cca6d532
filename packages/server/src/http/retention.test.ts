import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../repositories/database.js';
import { RetentionService } from '../services/retention.service.js';
import { TokenService } from '../services/token.service.js';
import { ENGINES, PG_SKIP, ev } from '../testing/databases.js';
import { apiClient, bearer, testServer, type TestServer } from '../testing/http.js';

// Retention through the real server: its settings over HTTP and from the config file, and a run
// beside the server's own search indexer (on SQLite a worker thread drops the index rows).

const ADMIN = 'retention-test-admin-token';
const DAY = 86_400_000;

for (const engine of ENGINES) {
  describe(`retention API (${engine})`, { skip: engine === 'postgres' ? (PG_SKIP ?? false) : false }, () => {
    let srv: TestServer;
    const { call } = apiClient(() => srv.url, ADMIN);

    before(async () => {
      srv = await testServer(engine, { adminToken: ADMIN, ingestThreads: 0 });
    });
    after(() => srv?.close());

    test('GET and PUT /v1/settings/retention: defaults, named mistakes, read-only for readers, audited', async () => {
      assert.deepEqual((await call('GET', '/v1/settings/retention')).body, { settings: { sessions_days: 30, audit_days: 365 }, updated_ms: null, updated_by: null });
      const bad = await call('PUT', '/v1/settings/retention', { sessions_days: 0, keep_audit: true });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.error.details, ['unknown key "keep_audit"; known: sessions_days, audit_days', 'sessions_days must be a whole number of days from 1 to 3650, got 0']);
      assert.equal((await call('PUT', '/v1/settings/retention', { sessions_days: 3651 })).status, 400);

      const reader = bearer((await new TokenService(srv.server.store).create({ name: 'reader', role: 'read' }, 'test')).token);
      assert.equal((await call('GET', '/v1/settings/retention', undefined, reader)).status, 200);
      assert.equal((await call('PUT', '/v1/settings/retention', { sessions_days: 7 }, reader)).status, 403);

      const ok = await call('PUT', '/v1/settings/retention', { sessions_days: 90 });
      assert.equal(ok.status, 200);
      assert.deepEqual(ok.body.settings, { sessions_days: 90, audit_days: 365 });
      assert.equal(ok.body.updated_by, 'token:admin (VIGIL_ADMIN_TOKEN)');
      const audit = (await call('GET', '/v1/audit?resource=settings/retention&limit=1')).body.entries[0];
      assert.deepEqual(audit.details, { before: { sessions_days: 30, audit_days: 365 }, after: { sessions_days: 90, audit_days: 365 } });
    });

    test('the config file sets retention at start, audited as config-file; an invalid one stops the start', async () => {
      await srv.server.close();
      srv.server = await srv.start({ retention: { sessions_days: 14 } });
      assert.deepEqual((await call('GET', '/v1/settings/retention')).body.settings, { sessions_days: 14, audit_days: 365 });
      assert.equal((await call('GET', '/v1/audit?resource=settings/retention&limit=1')).body.entries[0].actor, 'config-file');
      await srv.server.close();
      await assert.rejects(srv.start({ retention: { days: 14 } }), /retention settings are not valid: unknown key "days"/);
      srv.server = await srv.start();
      assert.deepEqual((await call('GET', '/v1/settings/retention')).body.settings, { sessions_days: 14, audit_days: 365 }, 'kept without a config file');
    });

    test('a run beside the running server deletes old sessions and their search rows', async () => {
      const now = Date.now();
      const events = [
        ev({ id: 'o1', session_id: 'old', kind: 'prompt', text: 'otterpurged one', time: now - 20 * DAY }),
        ev({ id: 'o2', session_id: 'old', kind: 'prompt', text: 'otterpurged two', time: now - 20 * DAY + 1 }),
        ev({ id: 'n1', session_id: 'new', kind: 'prompt', text: 'otterkept', time: now - DAY }),
      ];
      assert.equal((await call('POST', '/v1/events', { schema_version: 1, events })).status, 200);
      await srv.server.store.search.catchUp();
      assert.equal((await call('GET', '/v1/sessions?q=otterpurged')).body.sessions.length, 1);

      const retention = new RetentionService(srv.server.store, { pauseMs: 0 });
      await retention.load();
      const r = await retention.runOnce(now);
      assert.deepEqual(r, { cutoff_ms: now - 14 * DAY, sessions: 1, events: 2 });
      assert.equal((await call('GET', '/v1/sessions/old')).status, 404);
      assert.deepEqual((await call('GET', '/v1/sessions?q=otterkept')).body.sessions.map((s: { id: string }) => s.id), ['new']);
      const purge = (await call('GET', '/v1/audit?action=retention.purge')).body.entries;
      assert.deepEqual(purge.map((e: { details: unknown }) => e.details), [{ cutoff_ms: now - 14 * DAY, sessions: 1, events: 2 }]);

      if (engine === 'sqlite') {
        // The indexer thread drops the rows between its batches: wait for it.
        const probe = openDatabase({ sqlitePath: join(srv.db.dataDir, 'vigil.db') });
        try {
          const rows = async () => (await sql`select rowid from search.events_fts where events_fts match 'otterpurged'`.execute(probe.db)).rows.length;
          for (let i = 0; i < 100 && (await rows()) > 0; i++) await new Promise((res) => setTimeout(res, 20));
          assert.equal(await rows(), 0);
          assert.equal((await sql`select rowid from search.events_fts where events_fts match 'otterkept'`.execute(probe.db)).rows.length, 1);
        } finally {
          await probe.close();
        }
      }
    });
  });
}
