import { sql, type Kysely } from 'kysely';
import type { Database, Dialect } from './schema.js';
import { storable } from './text.js';

/** An event ready to store: the indexed columns, the body JSON and the text to index. */
export interface EventRow {
  id: string;
  session_id: string;
  seq: number;
  time_ms: number;
  kind: string;
  tool_name: string | null;
  tool_kind: string | null;
  mcp_server: string | null;
  call_id: string | null;
  parent_id: string | null;
  action: string | null;
  ingested_ms: number;
  body: string;
  raw: string | null;
  search_text: string;
}

/** Position in a session's timeline, for keyset pagination. */
export interface TimelinePosition {
  time_ms: number;
  seq: number;
  ord: number;
}

export interface TimelineRow extends TimelinePosition {
  body: string;
  raw?: string | null;
}

// Well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters per statement.
const CHUNK = 1000;

export class EventRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {}

  /** Inserts rows whose id is new; returns the ids actually inserted. */
  async insert(rows: readonly EventRow[]): Promise<Set<string>> {
    const inserted = new Set<string>();
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const values = chunk.map((r) => {
        const { search_text, ...cols } = r;
        cols.tool_name = storable(cols.tool_name);
        cols.mcp_server = storable(cols.mcp_server);
        cols.call_id = storable(cols.call_id);
        cols.parent_id = storable(cols.parent_id);
        return this.dialect === 'postgres' ? { ...cols, search: sql<string>`to_tsvector('simple', ${storable(search_text)})` } : cols;
      });
      const result = await this.db
        .insertInto('events')
        .values(values)
        .onConflict((oc) => oc.column('id').doNothing())
        .returning(['id', 'ord'])
        .execute();
      if (result.length === 0) continue;
      if (this.dialect === 'sqlite') {
        const text = new Map(chunk.map((r) => [r.id, storable(r.search_text)]));
        await this.db
          .insertInto('events_fts')
          .values(result.map((r) => ({ rowid: r.ord, content: text.get(r.id) ?? '' })))
          .execute();
      }
      for (const r of result) inserted.add(r.id);
    }
    return inserted;
  }

  async timeline(sessionId: string, after: TimelinePosition | null, limit: number, withRaw: boolean): Promise<TimelineRow[]> {
    let q = this.db
      .selectFrom('events')
      .select(['time_ms', 'seq', 'ord', 'body'])
      .where('session_id', '=', sessionId);
    if (withRaw) q = q.select('raw');
    if (after) {
      q = q.where((eb) => eb(eb.refTuple('time_ms', 'seq', 'ord'), '>', eb.tuple(after.time_ms, after.seq, after.ord)));
    }
    return q.orderBy('time_ms').orderBy('seq').orderBy('ord').limit(limit).execute();
  }

  async count(): Promise<number> {
    const r = await this.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
