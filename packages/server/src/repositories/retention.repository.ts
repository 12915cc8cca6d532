import { sql, type Kysely } from 'kysely';
import type { Database, Dialect } from './schema.js';

/**
 * Deleting sessions past their retention with all their rows, in bounded pieces (the service
 * batches them). A session counts as expired while its last_seen_ms is before the cutoff: every
 * delete re-checks that, so a session that came back to life since it was picked stays.
 */
export class RetentionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {}

  /**
   * Up to `limit` expired sessions, least recently seen first. On SQLite the session holding the
   * newest event waits for a later run: SQLite gives a new row the largest rowid + 1, so deleting
   * that event would hand its ord to the next event, and the search index keys rows by ord.
   */
  async expired(cutoffMs: number, limit: number): Promise<{ id: string; events: number }[]> {
    let q = this.db.selectFrom('sessions').select(['id', 'events']).where('last_seen_ms', '<', cutoffMs);
    if (this.dialect === 'sqlite') q = q.where('id', 'not in', this.db.selectFrom('events').select('session_id').where('ord', '=', this.db.selectFrom('events').select((eb) => eb.fn.max('ord').as('m'))));
    const rows = await q.orderBy('last_seen_ms').orderBy('id').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, events: Number(r.events) }));
  }

  /**
   * Deletes up to `limit` events of these sessions (and on PostgreSQL up to `limit` of their
   * search rows); returns the ords of the events deleted and how many search rows went.
   */
  async deleteEvents(ids: readonly string[], cutoffMs: number, limit: number): Promise<{ ords: number[]; searchRows: number }> {
    if (ids.length === 0) return { ords: [], searchRows: 0 };
    const still = this.stillExpired(ids, cutoffMs);
    let pick = this.db.selectFrom('events').select('ord').where('session_id', 'in', still);
    if (this.dialect === 'sqlite') pick = pick.where('ord', '<', this.db.selectFrom('events').select((eb) => eb.fn.max('ord').as('m')));
    const deleted = await this.db.deleteFrom('events').where('ord', 'in', pick.limit(limit)).returning('ord').execute();
    let searchRows = 0;
    if (this.dialect === 'postgres') {
      // event_search has no key of its own: its physical row ids bound the batch.
      const r = await sql`delete from event_search where ctid = any(array(select ctid from event_search where session_id in ${still} limit ${limit}))`.execute(this.db);
      searchRows = Number(r.numAffectedRows ?? 0);
    }
    return { ords: deleted.map((r) => Number(r.ord)), searchRows };
  }

  /**
   * Deletes the sessions that are still expired and have no events left, with their tools, MCP
   * servers, usage points and (PostgreSQL) search rows; returns the ids deleted.
   */
  async deleteSessions(ids: readonly string[], cutoffMs: number): Promise<string[]> {
    if (ids.length === 0) return [];
    const gone = await this.db
      .deleteFrom('sessions')
      .where('id', 'in', ids)
      .where('last_seen_ms', '<', cutoffMs)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('events').select('events.ord').whereRef('events.session_id', '=', 'sessions.id'))))
      .returning('id')
      .execute();
    const done = gone.map((r) => r.id);
    if (done.length === 0) return done;
    await this.db.deleteFrom('session_tools').where('session_id', 'in', done).execute();
    await this.db.deleteFrom('session_mcp').where('session_id', 'in', done).execute();
    await this.db.deleteFrom('session_usage').where('session_id', 'in', done).execute();
    if (this.dialect === 'postgres') await this.db.deleteFrom('event_search').where('session_id', 'in', done).execute();
    return done;
  }

  /** Usage points older than the cutoff of sessions that have no row (OTLP metrics without events). */
  async deleteOrphanUsage(cutoffMs: number): Promise<number> {
    const r = await this.db
      .deleteFrom('session_usage')
      .where('time_ms', '<', cutoffMs)
      .where('session_id', 'not in', this.db.selectFrom('sessions').select('id'))
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  private stillExpired(ids: readonly string[], cutoffMs: number) {
    return this.db.selectFrom('sessions').select('id').where('id', 'in', ids).where('last_seen_ms', '<', cutoffMs);
  }
}
