import { Worker } from 'node:worker_threads';
import type { ScanSettings } from '@vigil/scanners';
import type { DatabaseOptions } from '../repositories/database.js';
import { FIRST_WORKER_OWNER, WriteLock } from '../repositories/write-lock.js';
import { ApiError } from './errors.js';
import type { IngestResult, IngestService } from './ingest.service.js';
import { parseJsonBody } from './json-body.js';

/** Takes POST /v1/events bodies: parses, validates and stores them, answering once committed. */
export interface Ingestor {
  /** `user`: the person a device token belongs to; it names the user of every event in the body. */
  ingestBody(body: Buffer, user?: string): Promise<IngestResult>;
  /** New scanning settings for the threads that scan (inline ingest reads them itself). */
  configure(settings: ScanSettings): void;
  /** Clients whose events are not stored (settings/clients), for the threads that ingest. */
  configureClients(disabled: readonly string[]): void;
  close(): Promise<void>;
}

/** On the calling thread: tests, in-memory stores, `--ingest-threads 0`. */
export function inlineIngestor(service: IngestService): Ingestor {
  return {
    ingestBody: async (body, user) => service.ingest(parseJsonBody(body), Date.now(), user ? { user } : {}),
    configure: () => {},
    configureClients: () => {},
    close: async () => {},
  };
}

export interface WorkerRequest {
  id: number;
  body: Uint8Array;
  nowMs: number;
  user?: string;
}

export type WorkerReply =
  | { id: number; result: IngestResult; error?: undefined }
  | { id: number; error: { status: number; code: string; message: string; details?: unknown }; result?: undefined };

export interface IngestPoolOptions {
  threads: number;
  /** The SQLite writers' lock the server's store and indexer share (ignored for PostgreSQL). */
  writeLock: SharedArrayBuffer;
  /** How the workers open the database the server already migrated. */
  database: DatabaseOptions;
  maxBatch: number;
  /** Scanning settings at start; later ones arrive through configure(). */
  scanSettings: ScanSettings;
  /** Clients disabled at start; later changes arrive through configureClients(). */
  disabledClients?: readonly string[];
  /** After a batch stored new events (the search indexer's cue). */
  onStored(): void;
  onError(message: string): void;
}

interface Job {
  id: number;
  user: string | undefined;
  body: Buffer;
  nowMs: number;
  resolve(r: IngestResult): void;
  reject(e: Error): void;
}

interface Slot {
  owner: number;
  worker: Worker;
  job: Job | null;
  exited: boolean;
}

// A worker that dies before it ever answered this many times in a row means it cannot start
// (say, the database cannot be opened): stop restarting it and fail requests instead.
const MAX_START_FAILURES = 3;

const unavailable = (why: string) => new ApiError(503, 'unavailable', `${why}; the batch was not acknowledged, send it again`);

/**
 * Worker threads that each run the whole ingest of one request (decode, parse, validate, store),
 * one request per worker at a time. The request thread only moves bytes: bodies go to the next
 * free worker, extra requests wait here in arrival order.
 */
export class IngestPool implements Ingestor {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private startFailures = 0;
  private broken: string | null = null;
  private closing = false;

  private scanSettings: ScanSettings;
  private disabledClients: readonly string[];

  constructor(private readonly opts: IngestPoolOptions) {
    this.scanSettings = opts.scanSettings;
    this.disabledClients = opts.disabledClients ?? [];
    for (let i = 0; i < Math.max(1, opts.threads); i++) this.slots.push(this.spawn(FIRST_WORKER_OWNER + i));
  }

  ingestBody(body: Buffer, user?: string): Promise<IngestResult> {
    if (this.broken) return Promise.reject(unavailable(this.broken));
    if (this.closing) return Promise.reject(unavailable('the server is shutting down'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, body, nowMs: Date.now(), user, resolve, reject });
      this.pump();
    });
  }

  configure(settings: ScanSettings): void {
    this.scanSettings = settings;
    // Messages to a worker arrive in order: every request sent after this is scanned with these settings.
    for (const slot of this.slots) if (!slot.exited) slot.worker.postMessage({ settings });
  }

  configureClients(disabled: readonly string[]): void {
    this.disabledClients = disabled;
    for (const slot of this.slots) if (!slot.exited) slot.worker.postMessage({ disabledClients: disabled });
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const job of this.queue.splice(0)) job.reject(unavailable('the server is shutting down'));
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.exited) return;
        const exited = new Promise<void>((resolve) => slot.worker.once('exit', () => resolve()));
        slot.worker.postMessage('stop');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
        await slot.worker.terminate();
      }),
    );
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.job) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      const b = job.body;
      // A body that owns its whole ArrayBuffer moves to the worker without a copy.
      const own = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer;
      const msg: WorkerRequest = { id: job.id, body: b, nowMs: job.nowMs, ...(job.user ? { user: job.user } : {}) };
      slot.worker.postMessage(msg, own ? [b.buffer as ArrayBuffer] : []);
    }
  }

  private spawn(owner: number): Slot {
    const worker = new Worker(new URL('./ingest.worker.js', import.meta.url), {
      workerData: { database: this.opts.database, maxBatch: this.opts.maxBatch, lock: this.opts.writeLock, owner, scanSettings: this.scanSettings, disabledClients: this.disabledClients },
      // A batch is megabytes of short-lived strings: a larger young generation scavenges less often.
      resourceLimits: { maxYoungGenerationSizeMb: 48 },
    });
    const slot: Slot = { owner, worker, job: null, exited: false };
    worker.on('message', (m: WorkerReply | { ready: true }) => {
      if ('ready' in m) {
        this.startFailures = 0;
        return;
      }
      const job = slot.job;
      slot.job = null;
      if (job && job.id === m.id) {
        if (m.error) job.reject(new ApiError(m.error.status, m.error.code, m.error.message, m.error.details));
        else {
          if (m.result.accepted.length > 0) this.opts.onStored();
          job.resolve(m.result);
        }
      }
      this.pump();
    });
    worker.on('error', (err) => this.opts.onError(`ingest worker ${owner} failed: ${err.message}`));
    worker.on('exit', (code) => {
      slot.exited = true;
      // A worker that died holding SQLite's writer lock must not leave the others waiting.
      WriteLock.releaseFor(this.opts.writeLock, owner);
      const job = slot.job;
      slot.job = null;
      job?.reject(unavailable(`ingest worker ${owner} stopped (exit code ${code})`));
      if (this.closing) return;
      if (++this.startFailures >= MAX_START_FAILURES) {
        this.broken = `ingest workers keep failing to start (exit code ${code}); see the server log`;
        this.opts.onError(this.broken);
        for (const j of this.queue.splice(0)) j.reject(unavailable(this.broken));
        return;
      }
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots[i] = this.spawn(owner);
      this.pump();
    });
    return slot;
  }
}
