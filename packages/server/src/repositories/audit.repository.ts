import { createHash } from 'node:crypto';
import type { AuditEntry } from '@vigil/core';
import { sql, type Kysely } from 'kysely';
import type { AuditLogTable, Database, Dialect } from './schema.js';
import { storable } from './text.js';

/**
 * The content an entry's hash commits to: its fields as stored (`details` the stored JSON text,
 * exactly), and the previous entry's hash.
 */
export type ChainedRow = Pick<AuditLogTable, 'time_ms' | 'actor' | 'action' | 'resource' | 'details' | 'prev_hash'>;

/**
 * SHA-256 over the previous hash and the entry's fields, each length-prefixed so no two
 * different entries encode alike. Changing any byte of an entry changes its hash, and so breaks
 * the next entry's link.
 */
export function entryHash(r: ChainedRow): string {
  const h = createHash('sha256');
  for (const part of [r.prev_hash, String(r.time_ms), r.actor, r.action, r.resource, r.details]) {
    h.update(`${Buffer.byteLength(part)}:`);
    h.update(part);
  }
  return h.digest('hex');
}

export interface AuditQuery {
  action?: string | undefined;
  actor?: string | undefined;
  resource?: string | undefined;
  /** The agent client a decision was about (details.client). */
  client?: string | undefined;
  from_ms?: number | undefined;
  to_ms?: number | undefined;
  /** Entries with a smaller id (newest first paging). */
  before?: number | undefined;
  limit: number;
}

/** A stored entry with its chain fields, in id order (for verification and export). */
export interface StoredAuditRow extends ChainedRow {
  id: number;
  hash: string;
}

/**
 * Append-only and hash-chained: each entry stores the hash of the one before it and its own
 * hash over both (entryHash), so an edited or deleted entry is found by `vigil audit verify`.
 */
export class AuditRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {}

  async append(e: Omit<AuditEntry, 'id'>): Promise<number> {
    const add = async (db: Kysely<Database>) => {
      // One appender at a time, so two entries never link to the same predecessor: PostgreSQL
      // takes a lock held to the end of the transaction; SQLite's transactions are serial already.
      if (this.dialect === 'postgres') await sql`select pg_advisory_xact_lock(7411001)`.execute(db);
      const last = await db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
      const row: ChainedRow = { time_ms: e.time_ms, actor: storable(e.actor) ?? '', action: e.action, resource: storable(e.resource) ?? '', details: JSON.stringify(e.details ?? {}), prev_hash: last?.hash ?? '' };
      const client = (e.details as { client?: unknown } | null)?.client;
      const r = await db
        .insertInto('audit_log')
        .values({ ...row, hash: entryHash(row), client: typeof client === 'string' ? storable(client) : null })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(r.id);
    };
    return this.db.isTransaction ? add(this.db) : this.db.transaction().execute(add);
  }

  /**
   * Deletes the entries older than `cutoffMs` (retention) and returns the last one deleted: the
   * chain's new anchor, which the verifier starts from. Call inside a transaction.
   */
  async purgeBefore(cutoffMs: number): Promise<{ anchor: { id: number; hash: string } | null; deleted: number }> {
    if (this.dialect === 'postgres') await sql`select pg_advisory_xact_lock(7411001)`.execute(this.db);
    // Whole prefix only: the first entry at or after the cutoff ends it, so the chain stays one line.
    const first = await this.db.selectFrom('audit_log').select('id').where('time_ms', '>=', cutoffMs).orderBy('id').limit(1).executeTakeFirst();
    let q = this.db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1);
    if (first) q = q.where('id', '<', first.id);
    const last = await q.executeTakeFirst();
    if (!last) return { anchor: null, deleted: 0 };
    const r = await this.db.deleteFrom('audit_log').where('id', '<=', last.id).executeTakeFirst();
    return { anchor: { id: Number(last.id), hash: last.hash }, deleted: Number(r.numDeletedRows) };
  }

  /** Entries in id order after `afterId`, with their chain fields. */
  async chain(afterId: number, limit: number): Promise<StoredAuditRow[]> {
    const rows = await this.db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
    return rows.map(({ client: _client, ...r }) => ({ ...r, id: Number(r.id), time_ms: Number(r.time_ms) }));
  }

  async list(q: AuditQuery): Promise<AuditEntry[]> {
    let s = this.db.selectFrom('audit_log').selectAll();
    if (q.action) s = s.where('action', '=', q.action);
    if (q.actor) s = s.where('actor', '=', q.actor);
    if (q.resource) s = s.where('resource', '=', q.resource);
    if (q.client) s = s.where('client', '=', q.client);
    if (q.from_ms !== undefined) s = s.where('time_ms', '>=', q.from_ms);
    if (q.to_ms !== undefined) s = s.where('time_ms', '<', q.to_ms);
    if (q.before !== undefined) s = s.where('id', '<', q.before);
    const rows = await s.orderBy('id', 'desc').limit(q.limit).execute();
    return rows.map((r) => ({ id: Number(r.id), time_ms: Number(r.time_ms), actor: r.actor, action: r.action, resource: r.resource, details: JSON.parse(r.details) as unknown }));
  }
}
