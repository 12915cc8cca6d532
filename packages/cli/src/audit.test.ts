// `vigil audit verify` as an operator runs it, against a store the real server wrote: an intact
// chain verifies; one byte changed in one entry, or one entry deleted, fails and names the entry.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { DEFAULTS, openDatabase, startServer } from '@vigil/server';
import { ENGINES, PG_SKIP, createTestDatabase, type TestDatabase } from '@vigil/server/testing';

const BIN = fileURLToPath(new URL('./main.js', import.meta.url));
const TOKEN = 'audit-test-admin-token';

for (const engine of ENGINES) {
  describe(`vigil audit verify (${engine})`, { skip: engine === 'postgres' ? PG_SKIP ?? false : false }, () => {
    let db: TestDatabase;
    const verify = () => {
      const args = [BIN, 'audit', 'verify', '--data', db.dataDir, ...(db.url ? ['--database-url', db.url] : [])];
      const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: db.dataDir } });
      return { code: r.status, out: r.stdout + r.stderr };
    };
    const exec = async (q: ReturnType<typeof sql>) => {
      const handle = openDatabase({ url: db.url, sqlitePath: `${db.dataDir}/vigil.db` });
      try {
        await q.execute(handle.db);
      } finally {
        await handle.close();
      }
    };

    before(async () => {
      db = await createTestDatabase(engine);
      const server = await startServer({ ...DEFAULTS, port: 0, dataDir: db.dataDir, databaseUrl: db.url, adminToken: TOKEN, logLevel: 'silent', ingestThreads: 0 });
      const call = (method: string, path: string, body: unknown) =>
        fetch(server.url + path, { method, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      // Many administrative acts at once: the chain must still be one line, not a fork.
      const acts = [];
      for (let i = 0; i < 30; i++) acts.push(call('PUT', '/v1/inventory/review', { kind: 'mcp_server', name: `server-${i}`, review: 'allowed' }));
      acts.push(call('PUT', '/v1/settings/agentguard', { mode: 'block' }), call('POST', '/v1/kills', { scope: 'user', user: 'mallory', reason: 'exfiltration seen' }));
      for (const r of await Promise.all(acts)) assert.ok(r.status < 300, String(r.status));
      await server.close();
    });

    after(async () => {
      await db?.drop();
    });

    test('an intact log verifies and prints its head', () => {
      const r = verify();
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, /audit log verified: 32 entries, chain intact; head: entry \d+, hash [0-9a-f]{64}/);
    });

    test('one byte changed in one entry fails and names that entry', async () => {
      // The kill's reason, "exfiltration seen" → "exfiltration seem": the kind of edit that hides an act.
      await exec(sql`update audit_log set details = replace(details, 'exfiltration seen', 'exfiltration seem') where action = 'kill.create'`);
      const id = await (async () => {
        const handle = openDatabase({ url: db.url, sqlitePath: `${db.dataDir}/vigil.db` });
        try {
          const r = await sql<{ id: number }>`select id from audit_log where action = 'kill.create'`.execute(handle.db);
          return Number(r.rows[0]!.id);
        } finally {
          await handle.close();
        }
      })();
      const r = verify();
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, new RegExp(`entry ${id} \\(kill\\.create on users/mallory at [^)]+\\) was altered`));
      assert.doesNotMatch(r.out, /does not link/, 'the next entry still links to the stored hash: only the edited entry is named');
      await exec(sql`update audit_log set details = replace(details, 'exfiltration seem', 'exfiltration seen') where action = 'kill.create'`);
      assert.equal(verify().code, 0);
    });

    test('a deleted entry fails and names the entry after the gap', async () => {
      const handle = openDatabase({ url: db.url, sqlitePath: `${db.dataDir}/vigil.db` });
      let next: number;
      try {
        const rows = (await sql<{ id: number }>`select id from audit_log order by id`.execute(handle.db)).rows.map((r) => Number(r.id));
        await sql`delete from audit_log where id = ${rows[10]!}`.execute(handle.db);
        next = rows[11]!;
      } finally {
        await handle.close();
      }
      const r = verify();
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, new RegExp(`entry ${next} does not link to entry \\d+: an entry between them was deleted`));
    });
  });
}
