import { sql, type Kysely, type Selectable } from 'kysely';
import { searchTerms, type SessionDelta } from '@vigil/core';
import type SQLite from 'better-sqlite3';
import type { Database, Dialect, SessionsTable, SessionToolsTable } from './schema.js';
import { storable } from './text.js';

export type SessionRow = Selectable<SessionsTable>;
export type SessionToolRow = Selectable<SessionToolsTable>;

export interface SessionFilter {
  security?: string | undefined;
  status?: string | undefined;
  client?: string | undefined;
  user?: string | undefined;
  /** Device id or hostname. */
  device?: string | undefined;
  topic?: string | undefined;
  /** Sessions that called this tool. */
  tool?: string | undefined;
  /** Sessions active at some point in [from, to] (epoch ms). */
  from?: number | undefined;
  to?: number | undefined;
  /** Full-text terms, all of which must appear in one event of the session. */
  q?: string | undefined;
  /** Sessions with an event of this verdict: alert, mask or block. */
  decision?: string | undefined;
}

/** A search term the full-text index cannot look up as one word. */
export class UnsearchableTermError extends Error {
  constructor(readonly terms: string[]) {
    super(`one of the terms ${terms.map((t) => JSON.stringify(t)).join(', ')} has characters the full-text index splits words at; search for its parts separately`);
  }
}

export interface SessionCursor {
  /** The sort column's value of the last row of the previous page. */
  value: number;
  id: string;
}

export const SORTS = ['started', 'last_seen', 'events', 'tool_calls'] as const;
export interface SessionSort {
  by: (typeof SORTS)[number];
  order: 'asc' | 'desc';
}
export const DEFAULT_SORT: SessionSort = { by: 'started', order: 'desc' };
export const SORT_COLUMNS = { started: 'started_ms', last_seen: 'last_seen_ms', events: 'events', tool_calls: 'tool_calls' } as const;

/** Runs a query that may use the full-text index, naming the term it cannot look up. */
async function searching<T>(terms: string[] | undefined, run: Promise<T>): Promise<T> {
  if (!terms) return run;
  try {
    return await run;
  } catch (err) {
    // FTS5 without positions (detail=none) refuses a term its tokenizer splits in two: letters
    // of a Unicode version newer than SQLite's tables, which searchTerms() keeps whole.
    if (err instanceof Error && /phrase queries are not supported/.test(err.message)) throw new UnsearchableTermError(terms);
    throw err;
  }
}

// Merge rules for an upsert of a delta into an existing session row; identical SQL on SQLite
// and PostgreSQL. Identity is first-seen, the model is last-seen, counters add up.
const MERGE = {
  client_version: sql<any>`coalesce(sessions.client_version, excluded.client_version)`,
  user_name: sql<any>`coalesce(sessions.user_name, excluded.user_name)`,
  device_id: sql<any>`coalesce(sessions.device_id, excluded.device_id)`,
  device_hostname: sql<any>`coalesce(sessions.device_hostname, excluded.device_hostname)`,
  device_os: sql<any>`coalesce(sessions.device_os, excluded.device_os)`,
  cwd: sql<any>`coalesce(sessions.cwd, excluded.cwd)`,
  model: sql<any>`coalesce(excluded.model, sessions.model)`,
  started_ms: sql<any>`case when excluded.started_ms < sessions.started_ms then excluded.started_ms else sessions.started_ms end`,
  last_seen_ms: sql<any>`case when excluded.last_seen_ms > sessions.last_seen_ms then excluded.last_seen_ms else sessions.last_seen_ms end`,
  ended_ms: sql<any>`case when sessions.ended_ms is null or excluded.ended_ms > sessions.ended_ms then coalesce(excluded.ended_ms, sessions.ended_ms) else sessions.ended_ms end`,
  status: sql<any>`case when excluded.status = 'ended' or sessions.status = 'ended' then 'ended' else 'active' end`,
  security: sql<any>`case when excluded.security = 'blocked' or sessions.security = 'blocked' then 'blocked' when excluded.security = 'alerted' or sessions.security = 'alerted' then 'alerted' else 'clean' end`,
  initial_prompt: sql<any>`case when excluded.prompt_ms is not null and (sessions.prompt_ms is null or excluded.prompt_ms < sessions.prompt_ms) then excluded.initial_prompt else sessions.initial_prompt end`,
  topic: sql<any>`case when excluded.prompt_ms is not null and (sessions.prompt_ms is null or excluded.prompt_ms < sessions.prompt_ms) then coalesce(excluded.topic, sessions.topic) else coalesce(sessions.topic, excluded.topic) end`,
  prompt_ms: sql<any>`case when excluded.prompt_ms is not null and (sessions.prompt_ms is null or excluded.prompt_ms < sessions.prompt_ms) then excluded.prompt_ms else sessions.prompt_ms end`,
  events: sql<any>`sessions.events + excluded.events`,
  tool_calls: sql<any>`sessions.tool_calls + excluded.tool_calls`,
  failures: sql<any>`sessions.failures + excluded.failures`,
  alerts: sql<any>`sessions.alerts + excluded.alerts`,
  blocks: sql<any>`sessions.blocks + excluded.blocks`,
  updated_ms: sql<any>`excluded.updated_ms`,
} as const;

type SessionInsert = SessionRow;
type McpRow = { session_id: string; server: string };

function sessionRow(d: SessionDelta, nowMs: number): SessionInsert {
  return {
    id: d.session_id,
    client: d.client,
    capture: d.capture,
    client_version: storable(d.client_version),
    user_name: storable(d.user),
    device_id: storable(d.device.id),
    device_hostname: storable(d.device.hostname),
    device_os: storable(d.device.os),
    cwd: storable(d.cwd),
    model: storable(d.model),
    started_ms: d.first_ms,
    last_seen_ms: d.last_ms,
    ended_ms: d.ended_ms,
    status: d.ended_ms === null ? 'active' : 'ended',
    security: d.security,
    initial_prompt: storable(d.prompt),
    prompt_ms: d.prompt_ms,
    topic: storable(d.topic),
    events: d.counters.events,
    tool_calls: d.counters.tool_calls,
    failures: d.counters.failures,
    alerts: d.counters.alerts,
    blocks: d.counters.blocks,
    updated_ms: nowMs,
  };
}

function childRows(sorted: readonly SessionDelta[]): { tools: SessionToolRow[]; mcp: McpRow[] } {
  const tools: SessionToolRow[] = [];
  const mcp: McpRow[] = [];
  for (const d of sorted) {
    for (const t of d.tools.values()) {
      tools.push({ session_id: d.session_id, mcp_server: storable(t.mcp_server ?? ''), name: storable(t.name), kind: t.kind, calls: t.calls, failures: t.failures });
    }
    for (const server of d.mcp_servers) mcp.push({ session_id: d.session_id, server: storable(server) });
  }
  return { tools, mcp };
}

/** The session row's keys, in the order sessionRow() writes them (and so binds them). */
const SESSION_KEYS = [
  'id', 'client', 'capture', 'client_version', 'user_name', 'device_id', 'device_hostname', 'device_os', 'cwd', 'model',
  'started_ms', 'last_seen_ms', 'ended_ms', 'status', 'security', 'initial_prompt', 'prompt_ms', 'topic',
  'events', 'tool_calls', 'failures', 'alerts', 'blocks', 'updated_ms',
];

/** SQLite: the three merge statements for one row each, prepared once. */
interface PreparedMerge {
  session: SQLite.Statement<unknown[]>;
  tool: SQLite.Statement<unknown[]>;
  mcp: SQLite.Statement<unknown[]>;
}

export class SessionRepository {
  private readonly prepared: PreparedMerge | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
    sqlite?: SQLite.Database,
  ) {
    if (sqlite) {
      // The update clauses bind no parameters, so a row's values, in key order, are the whole
      // parameter list of the single-row statement.
      const nulls = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, null])) as never;
      this.prepared = {
        session: sqlite.prepare(this.upsertSessions([nulls(SESSION_KEYS)]).compile().sql),
        tool: sqlite.prepare(this.upsertTools([nulls(['session_id', 'mcp_server', 'name', 'kind', 'calls', 'failures'])]).compile().sql),
        mcp: sqlite.prepare(this.insertMcp([nulls(['session_id', 'server'])]).compile().sql),
      };
    }
  }

  private upsertSessions(rows: SessionInsert[]) {
    return this.db.insertInto('sessions').values(rows).onConflict((oc) => oc.column('id').doUpdateSet(MERGE));
  }

  private upsertTools(rows: SessionToolRow[]) {
    return this.db
      .insertInto('session_tools')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['session_id', 'mcp_server', 'name']).doUpdateSet({
          calls: sql<number>`session_tools.calls + excluded.calls`,
          failures: sql<number>`session_tools.failures + excluded.failures`,
        }),
      );
  }

  private insertMcp(rows: McpRow[]) {
    return this.db.insertInto('session_mcp').values(rows).onConflict((oc) => oc.columns(['session_id', 'server']).doNothing());
  }

  /** Folds deltas into their sessions, creating sessions seen for the first time. */
  async merge(deltas: readonly SessionDelta[], nowMs: number): Promise<void> {
    if (deltas.length === 0) return;
    // A fixed order keeps concurrent PostgreSQL transactions from deadlocking on each other.
    const sorted = [...deltas].sort((a, b) => (a.session_id < b.session_id ? -1 : a.session_id > b.session_id ? 1 : 0));
    const rows = sorted.map((d) => sessionRow(d, nowMs));
    const { tools, mcp } = childRows(sorted);
    const p = this.prepared;
    if (p) {
      for (const r of rows) p.session.run(Object.values(r));
      for (const r of tools) p.tool.run(Object.values(r));
      for (const r of mcp) p.mcp.run(Object.values(r));
      return;
    }
    await this.upsertSessions(rows).execute();
    if (tools.length > 0) await this.upsertTools(tools).execute();
    if (mcp.length > 0) await this.insertMcp(mcp).execute();
  }

  /** The sessions matching a filter, unordered; null when the full-text terms can match nothing. */
  private filtered(f: SessionFilter) {
    let q = this.db.selectFrom('sessions');
    if (f.security) q = q.where('security', '=', f.security);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.client) q = q.where('client', '=', f.client);
    if (f.user) q = q.where('user_name', '=', f.user);
    if (f.topic) q = q.where('topic', '=', f.topic);
    if (f.device) {
      const device = f.device;
      q = q.where((eb) => eb.or([eb('device_id', '=', device), eb('device_hostname', '=', device)]));
    }
    if (f.from !== undefined) q = q.where('last_seen_ms', '>=', f.from);
    if (f.to !== undefined) q = q.where('started_ms', '<=', f.to);
    if (f.tool) {
      const tool = f.tool;
      q = q.where((eb) =>
        eb.exists(
          eb.selectFrom('session_tools').select(sql`1`.as('one')).whereRef('session_tools.session_id', '=', 'sessions.id').where('session_tools.name', '=', tool),
        ),
      );
    }
    // Sessions with an event of this verdict (indexed by action, so this reads only flagged events).
    if (f.decision) q = q.where('sessions.id', 'in', this.db.selectFrom('events').select('events.session_id').where('events.action', '=', f.decision));
    let terms: string[] | undefined;
    if (f.q !== undefined) {
      terms = searchTerms(f.q);
      if (terms.length === 0) return null;
      // PostgreSQL: resolve the matches first (GIN index, milliseconds) and probe sessions by id;
      // as `in (subquery)` the planner walks sessions newest first and tests every event of each.
      q =
        this.dialect === 'postgres'
          ? q.where(sql<boolean>`sessions.id = any(array(${this.matchingSessions(terms)}))`)
          : q.where('sessions.id', 'in', this.matchingSessions(terms));
    }
    return { q, terms };
  }

  /** Sessions in the order asked (newest first by default), `limit` of them after `cursor`. */
  async list(f: SessionFilter, cursor: SessionCursor | null, limit: number, sort: SessionSort = DEFAULT_SORT): Promise<SessionRow[]> {
    const base = this.filtered(f);
    if (!base) return [];
    let q = base.q.selectAll('sessions');
    const col = SORT_COLUMNS[sort.by];
    const cmp = sort.order === 'desc' ? '<' : '>';
    if (cursor) {
      q = q.where((eb) => eb.or([eb(col, cmp, cursor.value), eb.and([eb(col, '=', cursor.value), eb('id', cmp, cursor.id)])]));
    }
    return searching(base.terms, q.orderBy(col, sort.order).orderBy('id', sort.order).limit(limit).execute());
  }

  /** How many sessions match the filter (its `security` ignored), per security outcome. */
  async counts(f: SessionFilter): Promise<Record<'clean' | 'alerted' | 'blocked', number>> {
    const out = { clean: 0, alerted: 0, blocked: 0 };
    const base = this.filtered({ ...f, security: undefined });
    if (!base) return out;
    const rows = await searching(base.terms, base.q.select(['security', sql<number>`count(*)`.as('n')]).groupBy('security').execute());
    for (const r of rows) if (r.security in out) out[r.security as keyof typeof out] = Number(r.n);
    return out;
  }

  private matchingSessions(terms: string[]) {
    if (this.dialect === 'postgres') {
      return this.db
        .selectFrom('event_search')
        .select('event_search.session_id')
        .where(sql<boolean>`search @@ plainto_tsquery('simple', ${terms.join(' ')})`);
    }
    // Each term quoted, so FTS5 operators typed by a user are plain words.
    const match = terms.map((t) => `"${t}"`).join(' ');
    return this.db
      .selectFrom('events')
      .select('events.session_id')
      .where(sql<boolean>`events.ord in (select rowid from search.events_fts where events_fts match ${match})`);
  }

  async get(id: string): Promise<{ row: SessionRow; tools: SessionToolRow[]; mcp: string[] } | undefined> {
    const row = await this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const [tools, mcp] = await Promise.all([
      this.db.selectFrom('session_tools').selectAll().where('session_id', '=', id).orderBy('calls', 'desc').orderBy('name').execute(),
      this.db.selectFrom('session_mcp').select('server').where('session_id', '=', id).orderBy('server').execute(),
    ]);
    return { row, tools, mcp: mcp.map((m) => m.server) };
  }
}
