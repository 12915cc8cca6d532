// An ingest worker thread: its own database connection and IngestService. It takes one request
// body at a time from the pool, parses, validates and stores it, and answers with the result, so
// parsing runs on several cores while SQLite's single writer is handed over by a shared lock.
import { parentPort, workerData } from 'node:worker_threads';
import { ALL_SCANNERS, ScanEngine, warmUp, type ScanSettings } from '@vigil/scanners';
import { openDatabase, type DatabaseOptions } from '../repositories/database.js';
import { createStore } from '../repositories/store.js';
import { ApiError } from './errors.js';
import { IngestService } from './ingest.service.js';
import { parseJsonBody } from './json-body.js';
import type { WorkerReply, WorkerRequest } from './ingest.pool.js';

const { database, maxBatch, lock, owner, scanSettings, disabledClients } = workerData as {
  database: DatabaseOptions;
  maxBatch: number;
  lock: SharedArrayBuffer;
  owner: number;
  scanSettings: ScanSettings;
  disabledClients: string[];
};
const handle = openDatabase(database);
const store = createStore(handle, { searchUpkeep: false, writeLock: { buffer: lock, owner, transactions: true } });
let engine = new ScanEngine(ALL_SCANNERS, scanSettings);
warmUp(engine);
let disabled: ReadonlySet<string> = new Set(disabledClients);
const service = new IngestService(store, { maxBatch, scanning: { engine: () => engine }, disabledClients: () => disabled });
const port = parentPort!;

port.on('message', (m: WorkerRequest | 'stop' | { settings: ScanSettings } | { disabledClients: string[] }) => {
  if (m === 'stop') {
    void store.close().finally(() => port.close());
    return;
  }
  if ('settings' in m) {
    engine = new ScanEngine(ALL_SCANNERS, m.settings);
    return;
  }
  if ('disabledClients' in m) {
    disabled = new Set(m.disabledClients);
    return;
  }
  const body = Buffer.from(m.body.buffer, m.body.byteOffset, m.body.byteLength);
  Promise.resolve()
    .then(() => service.ingest(parseJsonBody(body), m.nowMs, m.user ? { user: m.user } : {}))
    .then(
    (result) => port.postMessage({ id: m.id, result } satisfies WorkerReply),
    (err: unknown) => {
      const error =
        err instanceof ApiError
          ? { status: err.status, code: err.code, message: err.message, details: err.details }
          : { status: 500, code: 'internal', message: (err as Error)?.message ?? String(err) };
      port.postMessage({ id: m.id, error } satisfies WorkerReply);
    },
  );
});
port.postMessage({ ready: true });
