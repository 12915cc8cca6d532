// The background search indexer's thread: its own connection, woken by the ingest path after
// each commit and by a timer, indexing in batches until it has caught up.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { attachSearch, SqliteSearchIndex } from './search-index.js';
import { WriteLock } from './write-lock.js';

const { mainPath, searchPath, lock } = workerData as { mainPath: string; searchPath: string; lock: { buffer: SharedArrayBuffer; owner: number } | null };
const writers = lock ? new WriteLock(lock.buffer, lock.owner) : null;
const sqlite = new SQLite(mainPath);
sqlite.pragma('busy_timeout = 5000');
attachSearch(sqlite, searchPath);
const index = new SqliteSearchIndex(sqlite);

const BATCH = 1000;
const IDLE_MS = 500;
let timer: NodeJS.Timeout | undefined;
let running = false;
let stopping = false;

// Copy the main database's WAL back into it from this thread, so commits on the request path
// never wait for a checkpoint's writes and fsync. PASSIVE: never blocks a writer or reader.
// Ingest workers never checkpoint (they would do it holding the writer lock), so this must keep
// up with them: at 20,000 events/s the WAL grows by ~130 MB a second.
const CHECKPOINT_MS = 200;
// SQLite rewinds the WAL only after a checkpoint reached its end, which one running beside busy
// writers never does. Past this many frames (~64 MiB), finish the copy holding the writers' lock:
// the unlocked pass already copied most of it, so writers wait only for the remainder.
const REWIND_FRAMES = 4000;
let lastCheckpoint = 0;
function checkpoint(): void {
  const now = Date.now();
  if (now - lastCheckpoint < CHECKPOINT_MS) return;
  lastCheckpoint = now;
  const [r] = sqlite.pragma('main.wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
  if (!writers || !r || r.log < REWIND_FRAMES) return;
  writers.acquire();
  try {
    sqlite.pragma('main.wal_checkpoint(PASSIVE)');
  } finally {
    writers.release();
  }
}

function run(): void {
  if (running || stopping) return;
  running = true;
  clearTimeout(timer);
  try {
    // Yield between batches so a 'stop' message is seen promptly.
    checkpoint();
    if (index.indexPending(BATCH) === BATCH) {
      running = false;
      setImmediate(run);
      return;
    }
    parentPort!.postMessage({ type: 'idle', status: index.status() });
    checkpoint();
  } catch (err) {
    parentPort!.postMessage({ type: 'error', message: (err as Error).message });
  }
  running = false;
  timer = setTimeout(run, IDLE_MS);
}

parentPort!.on('message', (m: { type: string; ords?: Float64Array }) => {
  if (m.type === 'poke') run();
  if (m.type === 'forget' && m.ords && !stopping) {
    try {
      index.forget(Array.from(m.ords));
    } catch (err) {
      parentPort!.postMessage({ type: 'error', message: `dropping deleted events from the index: ${(err as Error).message}` });
    }
  }
  if (m.type === 'stop') {
    stopping = true;
    clearTimeout(timer);
    sqlite.close();
    parentPort!.close();
  }
});
run();
