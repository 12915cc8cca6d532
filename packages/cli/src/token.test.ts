// `vigil token create|list|revoke` as an operator runs them, on the store directly, on both engines.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createStore, migrate, openDatabase } from '@vigil/server';
import { ENGINES, PG_SKIP, createTestDatabase, type TestDatabase } from '@vigil/server/testing';

const BIN = fileURLToPath(new URL('./main.js', import.meta.url));

for (const engine of ENGINES) {
  describe(`vigil token (${engine})`, { skip: engine === 'postgres' ? (PG_SKIP ?? false) : false }, () => {
    let db: TestDatabase;
    const vigil = (...args: string[]) => {
      const r = spawnSync(process.execPath, [BIN, 'token', ...args, '--data', db.dataDir, ...(db.url ? ['--database-url', db.url] : [])], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: db.dataDir } });
      return { code: r.status, out: r.stdout, err: r.stderr };
    };
    const list = () => JSON.parse(vigil('list', '--json').out) as { tokens: { id: string; name: string; role: string; created_ms: number; revoked_ms: number | null }[] };

    before(async () => {
      db = await createTestDatabase(engine);
    });
    after(async () => {
      await db?.drop();
    });

    test('create, list, revoke; each change audited as the CLI', async () => {
      assert.equal(vigil('list').out, 'no tokens\n');
      const created = vigil('create', '--name', 'ci hooks', '--role', 'ingest');
      assert.equal(created.code, 0, created.err);
      assert.match(created.out, /^vgl_[A-Za-z0-9_-]{43}\n$/);
      assert.equal(vigil('create', '--name', 'ops').code, 0);

      const [hooks, ops] = list().tokens;
      assert.deepEqual({ name: hooks!.name, role: hooks!.role, revoked_ms: hooks!.revoked_ms }, { name: 'ci hooks', role: 'ingest', revoked_ms: null });
      assert.equal(ops!.role, 'admin', 'admin by default');
      assert.ok(!vigil('list', '--json').out.includes(created.out.trim()), 'never the token');
      const table = vigil('list').out.split('\n');
      assert.match(table[0]!, /^ID\s+ROLE\s+CREATED\s+REVOKED\s+NAME$/);
      assert.match(table[1]!, new RegExp(`^${hooks!.id}\\s+ingest\\s+\\d{4}-\\d\\d-\\d\\dT\\S+Z\\s+-\\s+ci hooks$`));

      const revoked = vigil('revoke', hooks!.id);
      assert.equal(revoked.code, 0, revoked.err);
      assert.match(revoked.out, /^revoked .* \("ci hooks", ingest\)/);
      assert.equal(typeof list().tokens[0]!.revoked_ms, 'number');
      const again = vigil('revoke', hooks!.id);
      assert.equal(again.code, 1);
      assert.match(again.err, /already revoked at/);
      assert.match(vigil('revoke', 'nope').err, /no token with id "nope"/);

      const handle = openDatabase({ url: db.url, sqlitePath: `${db.dataDir}/vigil.db` });
      try {
        await migrate(handle);
        const entries = await createStore(handle).audit.list({ actor: 'cli', limit: 10 });
        assert.deepEqual(entries.map((e) => [e.action, e.resource]).reverse(), [['token.create', `token/${hooks!.id}`], ['token.create', `token/${ops!.id}`], ['token.revoke', `token/${hooks!.id}`]]);
      } finally {
        await handle.close();
      }
    });

    test('usage mistakes are named', () => {
      assert.match(vigil('revoke').err, /takes one token id/);
      assert.match(vigil('list', '--name', 'x').err, /--name and --role are for "vigil token create"/);
      assert.match(vigil('rotate').err, /usage: vigil token create .*\n.*vigil token list/);
      assert.match(vigil('create', '--name', 'x'.repeat(101)).err, /name must be 1-100 printable characters/);
      assert.match(vigil('create', '--name', 'x', '--role', 'root').err, /--role must be one of: admin, ingest, read/);
    });
  });
}
