import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, ev } from '../testing/databases.js';
import { migrate, openDatabase } from './database.js';
import { createStore } from './store.js';
import { IngestService } from '../services/ingest.service.js';
import { SessionService } from '../services/session.service.js';

async function open(dataDir: string) {
  const handle = openDatabase({ sqlitePath: join(dataDir, 'vigil.db') });
  await migrate(handle);
  const store = createStore(handle);
  return { store, ingest: new IngestService(store, { maxBatch: 100 }), sessions: new SessionService(store) };
}

const found = async (s: SessionService, q: string) => (await s.list({ q })).sessions.map((x) => x.id);

test('search.db is derived: deleted, it is rebuilt; left behind by a replaced store, it is reset', async () => {
  const db = await createTestDatabase('sqlite');
  try {
    let v = await open(db.dataDir);
    await v.ingest.ingest({ events: [ev({ id: 'a', session_id: 's-old', kind: 'prompt', text: 'alpha words' }), ev({ id: 'b', session_id: 's-old', kind: 'prompt', text: 'beta words' })] });
    await v.store.search.catchUp();
    assert.deepEqual(await found(v.sessions, 'alpha'), ['s-old']);
    await v.store.close();

    // The index file deleted: rebuilt from the events.
    for (const f of ['search.db', 'search.db-wal', 'search.db-shm']) rmSync(join(db.dataDir, f), { force: true });
    v = await open(db.dataDir);
    assert.equal((await v.store.search.status()).lag, 2);
    await v.store.search.catchUp();
    assert.deepEqual(await found(v.sessions, 'beta'), ['s-old']);
    await v.store.close();

    // The store replaced, the index kept: the index is emptied, and new events are found.
    for (const f of ['vigil.db', 'vigil.db-wal', 'vigil.db-shm']) rmSync(join(db.dataDir, f), { force: true });
    v = await open(db.dataDir);
    await v.ingest.ingest({ events: [ev({ id: 'c', session_id: 's-new', kind: 'prompt', text: 'gamma words' })] });
    await v.store.search.catchUp();
    assert.deepEqual(await found(v.sessions, 'gamma'), ['s-new']);
    assert.deepEqual(await found(v.sessions, 'alpha'), []);
    await v.store.close();
  } finally {
    await db.drop();
  }
});
