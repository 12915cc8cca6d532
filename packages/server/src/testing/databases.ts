// Test support: each suite gets a fresh store on every engine this machine has. SQLite always;
// PostgreSQL at VIGIL_TEST_DATABASE_URL (default: the local server's `test` database), in a
// schema of its own that is dropped afterwards. Under CI a missing PostgreSQL is a failure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Dialect } from '../repositories/schema.js';

export const PG_URL = process.env.VIGIL_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  engine: Dialect;
  /** For openDatabase / --database-url: undefined for SQLite. */
  url: string | undefined;
  /** For SQLite: the data directory. */
  dataDir: string;
  drop(): Promise<void>;
}

async function pgReachable(): Promise<string | null> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('select 1');
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await c.end().catch(() => {});
  }
}

const pgError = await pgReachable();
if (pgError && process.env.CI) throw new Error(`PostgreSQL at ${PG_URL} is required in CI: ${pgError}`);
/** Why PostgreSQL tests are skipped here, or null when they run. */
export const PG_SKIP: string | null = pgError ? `PostgreSQL not reachable at ${PG_URL} (${pgError}); set VIGIL_TEST_DATABASE_URL` : null;
if (PG_SKIP) process.stderr.write(`note: skipping PostgreSQL tests: ${PG_SKIP}\n`);

export const ENGINES: Dialect[] = ['sqlite', 'postgres'];

export async function createTestDatabase(engine: Dialect): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-test-'));
  if (engine === 'sqlite') {
    return { engine, url: undefined, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const schema = `vigil_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const u = new URL(PG_URL);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    engine,
    url: u.toString(),
    dataDir,
    drop: async () => {
      rmSync(dataDir, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

/** Canonical events for tests, with sensible defaults. */
export function ev(over: Record<string, unknown>): Record<string, unknown> {
  return { client: 'claude-code', capture: 'hook', kind: 'notification', ...over };
}
