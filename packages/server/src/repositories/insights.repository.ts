import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

// Aggregates for the console's inventory and analytics pages. They read the session rows (one
// per session, with counters kept at ingest) rather than events, so they stay fast on a large
// store; only blocked events, which are few, are read to name the rules that blocked.

export interface ClientRow { name: string; sessions: number; users: number; last_seen_ms: number }
export interface VersionRow { client: string; version: string; sessions: number }
export interface UserRow { name: string; sessions: number; devices: number; alerted: number; blocked: number; last_seen_ms: number }
export interface DeviceRow { id: string; hostname: string | null; os: string | null; user: string | null; sessions: number; last_seen_ms: number }
export interface McpServerRow { name: string; sessions: number; tools: number; last_seen_ms: number }
export interface SeriesRow { t_ms: number; sessions: number; tool_calls: number; alerts: number; blocks: number }
export interface ToolRow { name: string; mcp_server: string; calls: number; failures: number; sessions: number }
export interface BreakdownRow { key: string | null; sessions: number; tool_calls: number; alerts: number; blocks: number }

const n = (v: unknown): number => Number(v ?? 0);
const LIST_MAX = 1000;

export class InsightsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async clients(): Promise<{ clients: ClientRow[]; versions: VersionRow[] }> {
    const [clients, versions] = await Promise.all([
      this.db
        .selectFrom('sessions')
        .select(['client', sql<number>`count(*)`.as('sessions'), sql<number>`count(distinct user_name)`.as('users'), sql<number>`max(last_seen_ms)`.as('last_seen_ms')])
        .groupBy('client')
        .orderBy('client')
        .execute(),
      this.db
        .selectFrom('sessions')
        .select(['client', 'client_version', sql<number>`count(*)`.as('sessions')])
        .where('client_version', 'is not', null)
        .groupBy(['client', 'client_version'])
        .execute(),
    ]);
    return {
      clients: clients.map((r) => ({ name: r.client, sessions: n(r.sessions), users: n(r.users), last_seen_ms: n(r.last_seen_ms) })),
      versions: versions.map((r) => ({ client: r.client, version: r.client_version!, sessions: n(r.sessions) })),
    };
  }

  async users(): Promise<UserRow[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .select([
        'user_name',
        sql<number>`count(*)`.as('sessions'),
        sql<number>`count(distinct coalesce(device_id, device_hostname))`.as('devices'),
        sql<number>`sum(case when security = 'alerted' then 1 else 0 end)`.as('alerted'),
        sql<number>`sum(case when security = 'blocked' then 1 else 0 end)`.as('blocked'),
        sql<number>`max(last_seen_ms)`.as('last_seen_ms'),
      ])
      .where('user_name', 'is not', null)
      .groupBy('user_name')
      .orderBy(sql`max(last_seen_ms)`, 'desc')
      .limit(LIST_MAX)
      .execute();
    return rows.map((r) => ({ name: r.user_name!, sessions: n(r.sessions), devices: n(r.devices), alerted: n(r.alerted), blocked: n(r.blocked), last_seen_ms: n(r.last_seen_ms) }));
  }

  async devices(): Promise<DeviceRow[]> {
    const key = sql<string>`coalesce(device_id, device_hostname)`;
    const rows = await this.db
      .selectFrom('sessions')
      .select([
        key.as('id'),
        sql<string | null>`max(device_hostname)`.as('hostname'),
        sql<string | null>`max(device_os)`.as('os'),
        sql<string | null>`max(user_name)`.as('user'),
        sql<number>`count(*)`.as('sessions'),
        sql<number>`max(last_seen_ms)`.as('last_seen_ms'),
      ])
      .where(key, 'is not', null)
      .groupBy(key)
      .orderBy(sql`max(last_seen_ms)`, 'desc')
      .limit(LIST_MAX)
      .execute();
    return rows.map((r) => ({ id: r.id, hostname: r.hostname, os: r.os, user: r.user, sessions: n(r.sessions), last_seen_ms: n(r.last_seen_ms) }));
  }

  /** MCP servers a client reported as connected or whose tools were called, with the tools known for each. */
  async mcpServers(): Promise<McpServerRow[]> {
    const [connected, used, catalogue] = await Promise.all([
      this.db
        .selectFrom('session_mcp')
        .innerJoin('sessions', 'sessions.id', 'session_mcp.session_id')
        .select(['session_mcp.server as name', sql<number>`count(*)`.as('sessions'), sql<number>`max(sessions.last_seen_ms)`.as('last_seen_ms')])
        .groupBy('session_mcp.server')
        .execute(),
      this.db
        .selectFrom('session_tools')
        .innerJoin('sessions', 'sessions.id', 'session_tools.session_id')
        .select([
          'session_tools.mcp_server as name',
          sql<number>`count(distinct session_tools.session_id)`.as('sessions'),
          sql<number>`count(distinct session_tools.name)`.as('tools'),
          sql<number>`max(sessions.last_seen_ms)`.as('last_seen_ms'),
        ])
        .where('session_tools.mcp_server', '!=', '')
        .groupBy('session_tools.mcp_server')
        .execute(),
      this.db.selectFrom('mcp_tools').select(['server as name', sql<number>`count(*)`.as('tools'), sql<number>`max(last_seen_ms)`.as('last_seen_ms')]).groupBy('server').execute(),
    ]);
    const out = new Map<string, McpServerRow>();
    const row = (name: string) => {
      let r = out.get(name);
      if (!r) out.set(name, (r = { name, sessions: 0, tools: 0, last_seen_ms: 0 }));
      return r;
    };
    for (const c of connected) {
      const r = row(c.name);
      r.sessions = n(c.sessions);
      r.last_seen_ms = Math.max(r.last_seen_ms, n(c.last_seen_ms));
    }
    for (const u of used) {
      const r = row(u.name);
      r.sessions = Math.max(r.sessions, n(u.sessions));
      r.tools = Math.max(r.tools, n(u.tools));
      r.last_seen_ms = Math.max(r.last_seen_ms, n(u.last_seen_ms));
    }
    for (const c of catalogue) {
      const r = row(c.name);
      r.tools = Math.max(r.tools, n(c.tools));
      r.last_seen_ms = Math.max(r.last_seen_ms, n(c.last_seen_ms));
    }
    return [...out.values()].sort((a, b) => b.last_seen_ms - a.last_seen_ms || a.name.localeCompare(b.name));
  }

  /** Sessions started in [from, to], bucketed by start time (UTC buckets of `bucketMs`). */
  async series(fromMs: number, toMs: number, bucketMs: number): Promise<SeriesRow[]> {
    // A literal, not a parameter: PostgreSQL must see the same expression in select and group by.
    const t = sql<number>`(started_ms / ${sql.lit(Math.trunc(bucketMs))}) * ${sql.lit(Math.trunc(bucketMs))}`;
    const rows = await this.db
      .selectFrom('sessions')
      .select([t.as('t_ms'), sql<number>`count(*)`.as('sessions'), sql<number>`sum(tool_calls)`.as('tool_calls'), sql<number>`sum(alerts)`.as('alerts'), sql<number>`sum(blocks)`.as('blocks')])
      .where('started_ms', '>=', fromMs)
      .where('started_ms', '<=', toMs)
      .groupBy(t)
      .orderBy(t)
      .execute();
    return rows.map((r) => ({ t_ms: n(r.t_ms), sessions: n(r.sessions), tool_calls: n(r.tool_calls), alerts: n(r.alerts), blocks: n(r.blocks) }));
  }

  async topTools(fromMs: number, toMs: number, limit: number): Promise<ToolRow[]> {
    const rows = await this.db
      .selectFrom('session_tools')
      .innerJoin('sessions', 'sessions.id', 'session_tools.session_id')
      .select([
        'session_tools.name',
        'session_tools.mcp_server',
        sql<number>`sum(session_tools.calls)`.as('calls'),
        sql<number>`sum(session_tools.failures)`.as('failures'),
        sql<number>`count(*)`.as('sessions'),
      ])
      .where('sessions.started_ms', '>=', fromMs)
      .where('sessions.started_ms', '<=', toMs)
      .groupBy(['session_tools.name', 'session_tools.mcp_server'])
      .orderBy(sql`sum(session_tools.calls)`, 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ name: r.name, mcp_server: r.mcp_server, calls: n(r.calls), failures: n(r.failures), sessions: n(r.sessions) }));
  }

  /** Per client or per user: sessions started in [from, to] and their counters. */
  async breakdown(by: 'client' | 'user_name', fromMs: number, toMs: number, limit: number): Promise<BreakdownRow[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .select([
        sql<string | null>`${sql.ref(by)}`.as('key'),
        sql<number>`count(*)`.as('sessions'),
        sql<number>`sum(tool_calls)`.as('tool_calls'),
        sql<number>`sum(alerts)`.as('alerts'),
        sql<number>`sum(blocks)`.as('blocks'),
      ])
      .where('started_ms', '>=', fromMs)
      .where('started_ms', '<=', toMs)
      .groupBy(by)
      .orderBy(sql`count(*)`, 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ key: r.key, sessions: n(r.sessions), tool_calls: n(r.tool_calls), alerts: n(r.alerts), blocks: n(r.blocks) }));
  }

  /** Bodies of blocked events in sessions started in [from, to] (few: blocks are rare), newest first, at most `limit`. */
  async blockedBodies(fromMs: number, toMs: number, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('events')
      .select('body')
      .where('action', '=', 'block')
      .where('time_ms', '>=', fromMs)
      .where('time_ms', '<=', toMs)
      .orderBy('time_ms', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => r.body);
  }

  /** Events of a session that arrived at or after `sinceMs` (the console's live view). */
  async arrivedSince(sessionId: string, sinceMs: number, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('events')
      .select('body')
      .where('session_id', '=', sessionId)
      .where('ingested_ms', '>=', sinceMs)
      .orderBy('time_ms')
      .orderBy('seq')
      .orderBy('ord')
      .limit(limit)
      .execute();
    return rows.map((r) => r.body);
  }
}
