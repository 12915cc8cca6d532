// SQLite has one writer at a time. Ingest workers (each with its own connection) take this lock
// around a write transaction, so they hand over at once instead of polling SQLite's busy handler,
// which sleeps in steps of milliseconds.

/** The lock's cell, and who is asking: what a thread needs to share it. */
export interface SharedLock {
  buffer: SharedArrayBuffer;
  /** ≥ 1, distinct per thread. */
  owner: number;
}

// Owner ids: the server's main thread, the search indexer (for its WAL rewinds), then ingest workers.
export const MAIN_OWNER = 1;
export const INDEXER_OWNER = 2;
export const FIRST_WORKER_OWNER = 3;

/** A mutex shared by threads through a SharedArrayBuffer: 0 when free, else the holder's id. */
export class WriteLock {
  private readonly cell: Int32Array;

  constructor(
    readonly buffer: SharedArrayBuffer,
    /** This thread's id, ≥ 1. */
    private readonly owner: number,
  ) {
    this.cell = new Int32Array(buffer, 0, 1);
  }

  static allocate(): SharedArrayBuffer {
    return new SharedArrayBuffer(4);
  }

  /** Blocks the calling thread until it holds the lock. */
  acquire(): void {
    for (;;) {
      const holder = Atomics.compareExchange(this.cell, 0, 0, this.owner);
      if (holder === 0) return;
      if (holder === this.owner) throw new Error('write lock is not re-entrant');
      Atomics.wait(this.cell, 0, holder, 1000);
    }
  }

  release(): void {
    if (Atomics.compareExchange(this.cell, 0, this.owner, 0) === this.owner) Atomics.notify(this.cell, 0, 1);
  }

  /** Frees the lock if `owner` holds it: for a thread that died holding it. */
  static releaseFor(buffer: SharedArrayBuffer, owner: number): boolean {
    const cell = new Int32Array(buffer, 0, 1);
    if (Atomics.compareExchange(cell, 0, owner, 0) !== owner) return false;
    Atomics.notify(cell, 0, 1);
    return true;
  }
}
