import { sql, type Kysely, type Selectable } from 'kysely';
import type SQLite from 'better-sqlite3';
import { searchText, type VigilEvent } from '@vigil/core';
import type { Database, Dialect, EventsTable } from './schema.js';
import { storable } from './text.js';

/** An event ready to store: the table's columns, and the normalised event itself. */
export type EventRow = Omit<Selectable<EventsTable>, 'ord'> & {
  /** For the search text PostgreSQL indexes in the insert. */
  doc: VigilEvent;
};

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

const COLUMNS = ['id', 'session_id', 'seq', 'time_ms', 'kind', 'tool_name', 'tool_kind', 'mcp_server', 'call_id', 'parent_id', 'action', 'ingested_ms', 'body', 'raw'] as const;

function storableRow(r: EventRow) {
  return {
    id: r.id,
    session_id: r.session_id,
    seq: r.seq,
    time_ms: r.time_ms,
    kind: r.kind,
    tool_name: storable(r.tool_name),
    tool_kind: r.tool_kind,
    mcp_server: storable(r.mcp_server),
    call_id: storable(r.call_id),
    parent_id: storable(r.parent_id),
    action: r.action,
    ingested_ms: r.ingested_ms,
    body: r.body,
    raw: r.raw,
  };
}

export class EventRepository {
  /** SQLite: one prepared insert, reused for every row (the SQL still comes from Kysely). */
  private readonly sqliteInsert: SQLite.Statement<unknown[], { ord: number }> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
    sqlite?: SQLite.Database,
  ) {
    if (sqlite) {
      const sample = Object.fromEntries(COLUMNS.map((c) => [c, null])) as never;
      const { sql: text } = db.insertInto('events').values(sample).onConflict((oc) => oc.column('id').doNothing()).returning('ord').compile();
      this.sqliteInsert = sqlite.prepare(text);
    }
  }

  /** Inserts rows whose id is new; returns the ids actually inserted. Call inside a transaction. */
  async insert(rows: readonly EventRow[]): Promise<Set<string>> {
    const inserted = new Set<string>();
    const stmt = this.sqliteInsert;
    if (stmt) {
      for (const r of rows) {
        const s = storableRow(r);
        if (stmt.get(s.id, s.session_id, s.seq, s.time_ms, s.kind, s.tool_name, s.tool_kind, s.mcp_server, s.call_id, s.parent_id, s.action, s.ingested_ms, s.body, s.raw)) {
          inserted.add(r.id);
        }
      }
      return inserted;
    }
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const result = await this.db
        .insertInto('events')
        .values(chunk.map(storableRow))
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .execute();
      for (const r of result) inserted.add(r.id);
      if (this.dialect !== 'postgres') continue;
      const search = chunk
        .filter((r) => inserted.has(r.id))
        .map((r) => ({ session_id: r.session_id, text: storable(searchText(r.doc)) }))
        .filter((r) => r.text)
        .map((r) => ({ session_id: r.session_id, search: sql<string>`to_tsvector('simple', ${r.text})` }));
      if (search.length > 0) await this.db.insertInto('event_search').values(search).execute();
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

}
