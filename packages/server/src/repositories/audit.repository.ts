import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { storable } from './text.js';

export interface AuditEntry {
  id: number;
  time_ms: number;
  actor: string;
  action: string;
  resource: string;
  details: unknown;
}

export interface AuditQuery {
  action?: string | undefined;
  actor?: string | undefined;
  resource?: string | undefined;
  from_ms?: number | undefined;
  to_ms?: number | undefined;
  /** Entries with a smaller id (newest first paging). */
  before?: number | undefined;
  limit: number;
}

/** Append-only: entries are added and read, never changed. */
export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async append(e: Omit<AuditEntry, 'id'>): Promise<number> {
    const row = { time_ms: e.time_ms, actor: storable(e.actor) ?? '', action: e.action, resource: storable(e.resource) ?? '', details: JSON.stringify(e.details ?? {}) };
    const r = await this.db.insertInto('audit_log').values(row).returning('id').executeTakeFirstOrThrow();
    return Number(r.id);
  }

  async list(q: AuditQuery): Promise<AuditEntry[]> {
    let s = this.db.selectFrom('audit_log').selectAll();
    if (q.action) s = s.where('action', '=', q.action);
    if (q.actor) s = s.where('actor', '=', q.actor);
    if (q.resource) s = s.where('resource', '=', q.resource);
    if (q.from_ms !== undefined) s = s.where('time_ms', '>=', q.from_ms);
    if (q.to_ms !== undefined) s = s.where('time_ms', '<', q.to_ms);
    if (q.before !== undefined) s = s.where('id', '<', q.before);
    const rows = await s.orderBy('id', 'desc').limit(q.limit).execute();
    return rows.map((r) => ({ id: Number(r.id), time_ms: Number(r.time_ms), actor: r.actor, action: r.action, resource: r.resource, details: JSON.parse(r.details) as unknown }));
  }
}
