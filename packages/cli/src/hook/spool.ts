// Events the server could not take, on disk until it can: one file per event, named so that
// lexical order is capture order. A file is removed only after the server acknowledged it, and
// the server recognises a resent event by its id, so each is stored exactly once.
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SpooledEvent {
  client: string;
  id: string;
  time_ms: number;
  payload: unknown;
}

export class Spool {
  constructor(private readonly dir: string) {}

  /** Writes atomically (temp file, then rename), so a killed relay never leaves half an event. */
  add(e: SpooledEvent): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const name = `${String(e.time_ms).padStart(15, '0')}-${e.id}.json`;
    const tmp = join(this.dir, `.${name}.tmp`);
    writeFileSync(tmp, JSON.stringify(e), { mode: 0o600 });
    renameSync(tmp, join(this.dir, name));
  }

  /** Spooled event files, oldest first. */
  pending(): string[] {
    try {
      return readdirSync(this.dir).filter((f) => f.endsWith('.json') && !f.startsWith('.')).sort();
    } catch {
      return [];
    }
  }

  read(file: string): SpooledEvent | null {
    try {
      return JSON.parse(readFileSync(join(this.dir, file), 'utf8')) as SpooledEvent;
    } catch {
      return null;
    }
  }

  remove(file: string): void {
    rmSync(join(this.dir, file), { force: true });
  }

  /**
   * Runs `fn` if no other relay is delivering the spool right now (an exclusive lock file; one
   * older than `staleMs` is taken over, its holder having died). Returns whether it ran.
   */
  async exclusive(staleMs: number, fn: () => Promise<void>): Promise<boolean> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const lock = join(this.dir, '.deliver.lock');
    let fd: number;
    try {
      fd = openSync(lock, 'wx');
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs < staleMs) return false;
        rmSync(lock, { force: true });
        fd = openSync(lock, 'wx');
      } catch {
        return false;
      }
    }
    try {
      await fn();
      return true;
    } finally {
      closeSync(fd);
      rmSync(lock, { force: true });
    }
  }
}
