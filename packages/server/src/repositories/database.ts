import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { migrations } from './migrations/index.js';
import { attachSearch } from './search-index.js';
import type { Database, Dialect } from './schema.js';

export interface DatabaseOptions {
  /** postgres://… selects PostgreSQL; otherwise `sqlitePath` is used. */
  url?: string | undefined;
  sqlitePath?: string | undefined;
  /** Connections in the PostgreSQL pool. */
  poolSize?: number | undefined;
  /**
   * SQLite: false for connections that write on the hot path (ingest workers), so a commit never
   * runs a checkpoint while holding the writer lock; the search indexer's thread checkpoints.
   */
  autoCheckpoint?: boolean | undefined;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** SQLite only: the connection itself, for the statements prepared once on the hot path. */
  sqlite?: SQLite.Database;
  /** SQLite only: the main and the search database files. */
  sqlitePath?: string;
  searchPath?: string;
  /** Where the data lives, for logs (credentials removed). */
  location: string;
  close(): Promise<void>;
}

const INT8_OID = 20;

export function openDatabase(opts: DatabaseOptions): DatabaseHandle {
  if (opts.url && /^postgres(ql)?:\/\//.test(opts.url)) {
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      // bigint columns hold epoch milliseconds and counters: safe as JS numbers.
      types: {
        getTypeParser: (oid: number, format?: any) =>
          oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format),
      },
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const u = new URL(opts.url);
    u.password = '';
    return { db, dialect: 'postgres', location: u.toString(), close: () => db.destroy() };
  }
  if (opts.url) throw new Error(`unsupported database URL (expected postgres:// or postgresql://): ${opts.url.split(':')[0]}:…`);
  const path = opts.sqlitePath ?? ':memory:';
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  // 16 KiB pages suit rows of a few KB (tool output): fewer overflow pages per insert. Only
  // takes effect on a new file, before WAL is switched on.
  sqlite.pragma('page_size = 16384');
  // WAL + NORMAL: a commit is in the OS once the statement returns, so a killed process loses
  // nothing it acknowledged; only a power cut can lose the last commits (see docs/storage.md).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  // Checkpoints (and their fsync) are the indexer thread's job, off the request path; this is
  // only the safety net, should that thread fall behind or not run (~64 MiB of WAL).
  sqlite.pragma(`wal_autocheckpoint = ${opts.autoCheckpoint === false ? 0 : 4000}`);
  const searchPath = path === ':memory:' ? ':memory:' : join(dirname(path), 'search.db');
  attachSearch(sqlite, searchPath);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', sqlite, sqlitePath: path, searchPath, location: path, close: () => db.destroy() };
}

/** Brings the schema to the newest version. Safe to run on every start, from several processes. */
export async function migrate(handle: DatabaseHandle): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in every schema unless told which one; pin it to the
  // connection's own, so several Vigil schemas can share one PostgreSQL database.
  let migrationTableSchema: string | undefined;
  if (handle.dialect === 'postgres') {
    const r = await sql<{ schema: string }>`select current_schema() as schema`.execute(handle.db);
    migrationTableSchema = r.rows[0]?.schema;
  }
  const migrator = new Migrator({ db: handle.db, provider: migrations(handle.dialect), ...(migrationTableSchema ? { migrationTableSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
