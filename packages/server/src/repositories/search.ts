import { Worker } from 'node:worker_threads';
import type { DatabaseHandle } from './database.js';
import { SqliteSearchIndex, type SearchStatus } from './search-index.js';
import { INDEXER_OWNER, type SharedLock } from './write-lock.js';

/** The full-text index's upkeep, as the rest of the server sees it. */
export interface SearchControl {
  /** Called after events are committed: new work for the indexer. */
  poke(): void;
  status(): Promise<SearchStatus>;
  /** Resolves once every committed event is searchable. */
  catchUp(timeoutMs?: number): Promise<void>;
  /** Events deleted (retention), by ord: their index rows go too (SQLite; PostgreSQL deletes them itself). */
  forget(ords: readonly number[]): void;
  close(): Promise<void>;
}

/** PostgreSQL indexes inside the insert: always caught up. */
const inline: SearchControl = {
  poke() {},
  status: async () => ({ indexed_through: 0, lag: 0 }),
  catchUp: async () => {},
  forget() {},
  close: async () => {},
};

/** For a second store on a database whose index another store keeps (ingest workers). */
export const noSearchUpkeep: SearchControl = inline;

/**
 * SQLite: with `background`, a worker thread indexes (the server); without, catchUp() indexes on
 * the caller's connection (tests, tools).
 */
export function createSearchControl(handle: DatabaseHandle, background: boolean, writeLock: SharedLock | null = null): SearchControl {
  if (handle.dialect !== 'sqlite' || !handle.sqlite) return inline;
  const index = new SqliteSearchIndex(handle.sqlite);
  index.resetIfAhead(handle.sqlite);
  if (!background || handle.sqlitePath === ':memory:') {
    return {
      poke() {},
      status: async () => index.status(),
      catchUp: async () => {
        while (index.indexPending(1000) > 0);
      },
      forget: (ords) => index.forget(ords),
      close: async () => {},
    };
  }
  const worker = new Worker(new URL('./search.worker.js', import.meta.url), {
    workerData: { mainPath: handle.sqlitePath, searchPath: handle.searchPath, lock: writeLock ? { buffer: writeLock.buffer, owner: INDEXER_OWNER } : null },
    // It parses thousands of event bodies a second: fewer, larger young-generation collections.
    resourceLimits: { maxYoungGenerationSizeMb: 48 },
  });
  worker.unref();
  let lastError: string | null = null;
  worker.on('message', (m: { type: string; message?: string }) => {
    if (m.type === 'error') lastError = m.message ?? 'unknown';
  });
  worker.on('error', (err) => {
    lastError = err.message;
  });
  let poked = false;
  return {
    // At most one message per tick, however many batches commit in it.
    poke() {
      if (poked) return;
      poked = true;
      queueMicrotask(() => {
        poked = false;
        worker.postMessage({ type: 'poke' });
      });
    },
    status: async () => index.status(),
    async catchUp(timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        if (index.status().lag === 0) return;
        if (lastError) throw new Error(`search indexer failed: ${lastError}`);
        if (Date.now() > until) throw new Error('search index did not catch up in time');
        worker.postMessage({ type: 'poke' });
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    // The indexer is the index's only writer, so it deletes the rows too (between its batches).
    forget(ords) {
      if (ords.length > 0) worker.postMessage({ type: 'forget', ords: Float64Array.from(ords) });
    },
    async close() {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ type: 'stop' });
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      await worker.terminate();
    },
  };
}
