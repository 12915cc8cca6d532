import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { entryHash } from '../repositories/audit.repository.js';
import { csvCell } from '../services/audit.service.js';
import { ENGINES, PG_SKIP } from '../testing/databases.js';
import { apiClient, testServer, type TestServer } from '../testing/http.js';

// The audit log over HTTP: entries are chained (each commits to the one before), the chain
// verifies, and exports as JSON Lines and CSV are complete, filtered, spreadsheet-safe and audited.

const ADMIN = 'audit-http-admin-token';

for (const engine of ENGINES) {
  describe(`audit log (${engine})`, { skip: engine === 'postgres' ? PG_SKIP ?? false : false }, () => {
    let srv: TestServer;
    const { call, get } = apiClient(() => srv.url, ADMIN);

    before(async () => {
      srv = await testServer(engine, { adminToken: ADMIN, ingestThreads: 0 });
      await call('PUT', '/v1/inventory/review', { kind: 'client', name: 'cursor', review: 'allowed' });
      // A name a spreadsheet would run as a formula.
      await call('PUT', '/v1/inventory/review', { kind: 'mcp_server', name: '=HYPERLINK("http://evil.example","x")', review: 'allowed' });
      await call('POST', '/v1/kills', { scope: 'all', reason: 'incident 42' });
    });

    after(() => srv?.close());

    test('each entry stores the hash of the one before and its own over both', async () => {
      const rows = await srv.server.store.audit.chain(0, 100);
      assert.equal(rows.length, 3);
      assert.equal(rows[0]!.prev_hash, '');
      for (let i = 0; i < rows.length; i++) {
        assert.equal(rows[i]!.hash, entryHash(rows[i]!));
        if (i > 0) assert.equal(rows[i]!.prev_hash, rows[i - 1]!.hash);
      }
      const v = (await get('/v1/audit/verify')).body;
      assert.deepEqual([v.ok, v.entries, v.head.id, v.problems], [true, 3, rows[2]!.id, []]);
    });

    test('export: JSON Lines and CSV, oldest first, filtered, formula-safe, and itself audited', async () => {
      const jsonl = await get('/v1/audit/export?format=jsonl');
      assert.equal(jsonl.status, 200);
      assert.match(jsonl.headers.get('content-type') ?? '', /ndjson/);
      const lines = (jsonl.body as string).trim().split('\n').map((l) => JSON.parse(l));
      assert.deepEqual(lines.map((e) => e.action), ['inventory.review', 'inventory.review', 'kill.create']);

      const csv = await get('/v1/audit/export?format=csv&action=inventory.review');
      assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
      const rows = (csv.body as string).trim().split('\r\n');
      assert.equal(rows[0], '"id","time","actor","action","resource","details"');
      assert.equal(rows.length, 3);
      assert.ok(rows[2]!.includes('"mcp_server/=HYPERLINK(""http://evil.example"",""x"")"'), rows[2]);
      // Today no cell starts with text a caller chose; should one ever, it cannot become a formula.
      assert.deepEqual(['=1+1', '+1', '-1', '@SUM(A1)', 'plain', 'a"b'].map(csvCell), [`"'=1+1"`, `"'+1"`, `"'-1"`, `"'@SUM(A1)"`, '"plain"', '"a""b"']);

      const exports = (await get('/v1/audit?action=audit.export')).body.entries;
      assert.equal(exports.length, 2);
      assert.deepEqual(exports[0].details, { format: 'csv', filters: { action: 'inventory.review' }, entries: 2 });
      assert.equal((await get('/v1/audit/export?format=xml')).status, 400);
      assert.equal((await get('/v1/audit/verify')).body.ok, true);
    });
  });
}
