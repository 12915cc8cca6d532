import { join } from 'node:path';
import { migrate, openDatabase } from '../repositories/database.js';
import { createStore, type Store } from '../repositories/store.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import type { Dialect } from '../repositories/schema.js';

/** A migrated store on a fresh database of the given engine. */
export async function openTestStore(engine: Dialect): Promise<{ store: Store; db: TestDatabase; close(): Promise<void> }> {
  const db = await createTestDatabase(engine);
  const handle = openDatabase({ url: db.url, sqlitePath: join(db.dataDir, 'vigil.db') });
  await migrate(handle);
  const store = createStore(handle);
  return {
    store,
    db,
    close: async () => {
      await store.close();
      await db.drop();
    },
  };
}
