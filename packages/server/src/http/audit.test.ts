import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../server.js';
import { DEFAULTS } from '../config.js';
import { entryHash } from '../repositories/audit.repository.js';
import { csvCell } from '../services/audit.service.js';
import { ENGINES, PG_SKIP, createTestDatabase, type TestDatabase } from '../testing/databases.js';

// The audit log over HTTP: entries are chained (each commits to the one before), the chain
// verifies, and exports as JSON Lines and CSV are complete, filtered, spreadsheet-safe and audited.

const ADMIN = 'audit-http-admin-token';

for (const engine of ENGINES) {
  describe(`audit log (${engine})`, { skip: engine === 'postgres' ? PG_SKIP ?? false : false }, () => {
    let server: RunningServer;
    let db: TestDatabase;
    const call = async (path: string, method = 'GET', body?: unknown) => {
      const r = await fetch(server.url + path, {
        method,
        headers: { authorization: `Bearer ${ADMIN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() };
    };

    before(async () => {
      db = await createTestDatabase(engine);
      server = await startServer({ ...DEFAULTS, port: 0, dataDir: db.dataDir, databaseUrl: db.url, adminToken: ADMIN, logLevel: 'silent', ingestThreads: 0 });
      await call('/v1/inventory/review', 'PUT', { kind: 'client', name: 'cursor', review: 'allowed' });
      // A name a spreadsheet would run as a formula.
      await call('/v1/inventory/review', 'PUT', { kind: 'mcp_server', name: '=HYPERLINK("http://evil.example","x")', review: 'allowed' });
      await call('/v1/kills', 'POST', { scope: 'all', reason: 'incident 42' });
    });

    after(async () => {
      await server?.close();
      await db?.drop();
    });

    test('each entry stores the hash of the one before and its own over both', async () => {
      const rows = await server.store.audit.chain(0, 100);
      assert.equal(rows.length, 3);
      assert.equal(rows[0]!.prev_hash, '');
      for (let i = 0; i < rows.length; i++) {
        assert.equal(rows[i]!.hash, entryHash(rows[i]!));
        if (i > 0) assert.equal(rows[i]!.prev_hash, rows[i - 1]!.hash);
      }
      const v = JSON.parse((await call('/v1/audit/verify')).text);
      assert.deepEqual([v.ok, v.entries, v.head.id, v.problems], [true, 3, rows[2]!.id, []]);
    });

    test('export: JSON Lines and CSV, oldest first, filtered, formula-safe, and itself audited', async () => {
      const jsonl = await call('/v1/audit/export?format=jsonl');
      assert.equal(jsonl.status, 200);
      assert.match(jsonl.type, /ndjson/);
      const lines = jsonl.text.trim().split('\n').map((l) => JSON.parse(l));
      assert.deepEqual(lines.map((e) => e.action), ['inventory.review', 'inventory.review', 'kill.create']);

      const csv = await call('/v1/audit/export?format=csv&action=inventory.review');
      assert.match(csv.type, /text\/csv/);
      const rows = csv.text.trim().split('\r\n');
      assert.equal(rows[0], '"id","time","actor","action","resource","details"');
      assert.equal(rows.length, 3);
      assert.ok(rows[2]!.includes('"mcp_server/=HYPERLINK(""http://evil.example"",""x"")"'), rows[2]);
      // Today no cell starts with text a caller chose; should one ever, it cannot become a formula.
      assert.deepEqual(['=1+1', '+1', '-1', '@SUM(A1)', 'plain', 'a"b'].map(csvCell), [`"'=1+1"`, `"'+1"`, `"'-1"`, `"'@SUM(A1)"`, '"plain"', '"a""b"']);

      const exports = JSON.parse((await call('/v1/audit?action=audit.export')).text).entries;
      assert.equal(exports.length, 2);
      assert.deepEqual(exports[0].details, { format: 'csv', filters: { action: 'inventory.review' }, entries: 2 });
      assert.equal((await call('/v1/audit/export?format=xml')).status, 400);
      assert.equal(JSON.parse((await call('/v1/audit/verify')).text).ok, true);
    });
  });
}
