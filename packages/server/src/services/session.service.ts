import { isValidId, usageTotals, CLIENTS, SECURITY_OUTCOMES, SESSION_STATUSES, type SessionRecord } from '@vigil/core';
import { DEFAULT_SORT, SORT_COLUMNS, SORTS, UnsearchableTermError, type SessionCursor, type SessionFilter, type SessionRow, type SessionSort, type SessionToolRow } from '../repositories/session.repository.js';
import type { TimelinePosition } from '../repositories/event.repository.js';
import type { Store } from '../repositories/store.js';
import { badRequest, forbidden, notFound } from './errors.js';
import { one, parseTime, type Query } from './query.js';
import { FULL_READER, type Reader } from './privacy.service.js';
import { redacted, redactEvent, redactTimelineJson } from './privacy.js';

export const LIST_LIMIT = { default: 50, max: 500 };
export const TIMELINE_LIMIT = { default: 1000, max: 5000 };

const FILTER_KEYS = ['security', 'status', 'client', 'user', 'device', 'topic', 'tool', 'decision', 'from', 'to', 'q'] as const;
const LIST_KEYS = [...FILTER_KEYS, 'sort', 'order', 'cursor', 'limit'] as const;
const DECISIONS = ['alert', 'mask', 'block'] as const;
const ENUMS: Partial<Record<keyof SessionFilter, readonly string[]>> = {
  security: SECURITY_OUTCOMES,
  status: SESSION_STATUSES,
  client: CLIENTS,
  decision: DECISIONS,
};

/** Events that arrived in the last LIVE_OVERLAP_MS before `since` are sent again: a transaction
 * that started earlier may commit after the previous poll; the console dedupes by id. */
const LIVE_OVERLAP_MS = 10_000;
const LIVE_MAX = 2000;


export interface SessionPage {
  sessions: SessionRecord[];
  next_cursor: string | null;
}

export interface SessionDetail {
  session: SessionRecord;
  /**
   * The session's events in order (by time, then the client's seq, then arrival) as a JSON array
   * text: bodies are stored as the API returns them, so they are joined, not parsed and re-encoded.
   */
  timelineJson: string;
  next_cursor: string | null;
}

/** The detail response as JSON text. */
export function detailJson(d: SessionDetail): string {
  return `{"session":${JSON.stringify(d.session)},"timeline":${d.timelineJson},"next_cursor":${JSON.stringify(d.next_cursor)}}`;
}

// Cursors are opaque to clients: base64url of the keyset position.
function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

function decodeCursor(s: string): unknown[] {
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (Array.isArray(v)) return v;
  } catch {
    // fall through
  }
  throw badRequest('cursor is not one this server issued; pass next_cursor back unchanged');
}

function parseLimit(v: string | undefined, bounds: { default: number; max: number }): number {
  if (v === undefined) return bounds.default;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > bounds.max) throw badRequest(`limit must be an integer from 1 to ${bounds.max}`);
  return n;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toRecord(row: SessionRow, tools?: SessionToolRow[], mcp?: string[]): SessionRecord {
  const device: SessionRecord['device'] = {};
  if (row.device_id !== null) device.id = row.device_id;
  if (row.device_hostname !== null) device.hostname = row.device_hostname;
  if (row.device_os !== null) device.os = row.device_os;
  const rec: SessionRecord = {
    id: row.id,
    client: row.client as SessionRecord['client'],
    capture: row.capture as SessionRecord['capture'],
    client_version: row.client_version,
    user: row.user_name,
    device,
    cwd: row.cwd,
    model: row.model,
    started_at: iso(row.started_ms)!,
    last_seen_at: iso(row.last_seen_ms)!,
    ended_at: iso(row.ended_ms),
    status: row.status as SessionRecord['status'],
    security: row.security as SessionRecord['security'],
    initial_prompt: row.initial_prompt,
    topic: row.topic,
    counters: { events: row.events, tool_calls: row.tool_calls, failures: row.failures, alerts: row.alerts, blocks: row.blocks },
  };
  if (tools) {
    rec.tools = tools.map((t) => ({ name: t.name, kind: t.kind as never, mcp_server: t.mcp_server || null, calls: t.calls, failures: t.failures }));
  }
  if (mcp) rec.mcp_servers = mcp;
  return rec;
}

/**
 * Applies a reader's scope to a filter: members see their own sessions only. False when the
 * filter can match nothing (another user asked for). Full-text search where privacy forbids it is a 403.
 */
function scopeFilter(filter: SessionFilter, reader: Reader): boolean {
  if (filter.q !== undefined && reader.searchRefusal) throw forbidden(reader.searchRefusal);
  if (reader.own === null) return true;
  if (filter.user !== undefined && filter.user !== reader.own) return false;
  filter.user = reader.own;
  return true;
}

function readable(row: SessionRow, reader: Reader): boolean {
  return reader.own === null || row.user_name === reader.own;
}

/** A search term the index cannot look up becomes a 400 naming it. */
function named<T>(p: Promise<T>): Promise<T> {
  return p.catch((err: unknown) => {
    throw err instanceof UnsearchableTermError ? badRequest(`q: ${err.message}`) : err;
  });
}

export class SessionService {
  constructor(private readonly store: Store) {}

  /** Parses and checks the filter parameters; unknown or malformed ones are a 400, not ignored. */
  private parseFilter(q: Query, known: readonly string[]): SessionFilter {
    for (const key of Object.keys(q)) {
      if (!known.includes(key)) throw badRequest(`unknown query parameter "${key}"; known: ${known.join(', ')}`);
    }
    const filter: SessionFilter = {};
    for (const key of ['security', 'status', 'client', 'user', 'device', 'topic', 'tool', 'decision', 'q'] as const) {
      const v = one(q, key);
      if (v === undefined || v === '') continue; // an empty field in a form means no filter
      const allowed = ENUMS[key];
      if (allowed && !allowed.includes(v)) throw badRequest(`${key} must be one of: ${allowed.join(', ')}`);
      if (v.length > 512) throw badRequest(`${key} is longer than 512 characters`);
      filter[key] = v;
    }
    filter.from = parseTime(one(q, 'from'), 'from');
    filter.to = parseTime(one(q, 'to'), 'to');
    return filter;
  }

  parseListQuery(q: Query): { filter: SessionFilter; cursor: SessionCursor | null; limit: number; sort: SessionSort } {
    const filter = this.parseFilter(q, LIST_KEYS);
    const by = one(q, 'sort') ?? DEFAULT_SORT.by;
    if (!(SORTS as readonly string[]).includes(by)) throw badRequest(`sort must be one of: ${SORTS.join(', ')}`);
    const order = one(q, 'order') ?? DEFAULT_SORT.order;
    if (order !== 'asc' && order !== 'desc') throw badRequest('order must be asc or desc');
    const sort = { by, order } as SessionSort;
    const c = one(q, 'cursor');
    let cursor: SessionCursor | null = null;
    if (c !== undefined) {
      const [value, id, cursorSort] = decodeCursor(c);
      if (typeof value !== 'number' || typeof id !== 'string') throw badRequest('cursor is not one this server issued');
      if (cursorSort !== undefined && cursorSort !== `${by}:${order}`) throw badRequest('cursor belongs to another sort order; start again without a cursor');
      cursor = { value, id };
    }
    return { filter, cursor, limit: parseLimit(one(q, 'limit'), LIST_LIMIT), sort };
  }

  async list(query: Query, reader: Reader = FULL_READER): Promise<SessionPage> {
    const { filter, cursor, limit, sort } = this.parseListQuery(query);
    if (!scopeFilter(filter, reader)) return { sessions: [], next_cursor: null };
    const rows = await named(this.store.sessions.list(filter, cursor, limit + 1, sort));
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const last = page[page.length - 1];
    const sessions = await Promise.all(
      page.map(async (r) => {
        const rec = toRecord(r);
        if (rec.initial_prompt !== null && (await reader.redacts(rec.id, rec.user))) rec.initial_prompt = redacted(rec.initial_prompt);
        return rec;
      }),
    );
    return {
      sessions,
      next_cursor: more && last ? encodeCursor([Number(last[SORT_COLUMNS[sort.by]]), last.id, `${sort.by}:${sort.order}`]) : null,
    };
  }

  /** Sessions per security outcome under the same filters (the console's tab counts). */
  async counts(query: Query, reader: Reader = FULL_READER): Promise<{ all: number; clean: number; alerted: number; blocked: number }> {
    const filter = this.parseFilter(query, FILTER_KEYS);
    if (!scopeFilter(filter, reader)) return { all: 0, clean: 0, alerted: 0, blocked: 0 };
    const c = await named(this.store.sessions.counts(filter));
    return { all: c.clean + c.alerted + c.blocked, ...c };
  }

  /** The session now, and its events that arrived since `since` (a little before it: see LIVE_OVERLAP_MS). */
  async live(id: string, query: Query, reader: Reader = FULL_READER, nowMs: number = Date.now()): Promise<{ session: SessionRecord; events: unknown[]; server_ms: number }> {
    if (!isValidId(id)) throw notFound(`no session with id ${JSON.stringify(id)}`);
    for (const key of Object.keys(query)) if (key !== 'since') throw badRequest(`unknown query parameter "${key}"; known: since`);
    const since = parseTime(one(query, 'since'), 'since');
    const [found, bodies] = await Promise.all([
      this.store.sessions.get(id),
      since === undefined ? Promise.resolve([]) : this.store.insights.arrivedSince(id, since - LIVE_OVERLAP_MS, LIVE_MAX),
    ]);
    if (!found || !readable(found.row, reader)) throw notFound(`no session with id ${JSON.stringify(id)}`);
    const session = toRecord(found.row, found.tools, found.mcp);
    let events = bodies.map((b) => JSON.parse(b) as Record<string, unknown>);
    if (await reader.redacts(id, session.user)) {
      if (session.initial_prompt !== null) session.initial_prompt = redacted(session.initial_prompt);
      events = events.map(redactEvent);
    }
    return { session, events, server_ms: nowMs };
  }

  async get(id: string, query: Query, reader: Reader = FULL_READER): Promise<SessionDetail> {
    if (!isValidId(id)) throw notFound(`no session with id ${JSON.stringify(id)}`);
    for (const key of Object.keys(query)) {
      if (!['cursor', 'limit', 'raw'].includes(key)) throw badRequest(`unknown query parameter "${key}"; known: cursor, limit, raw`);
    }
    const limit = parseLimit(one(query, 'limit'), TIMELINE_LIMIT);
    const rawParam = one(query, 'raw');
    if (rawParam !== undefined && rawParam !== 'true' && rawParam !== 'false') throw badRequest('raw must be true or false');
    const withRaw = rawParam === 'true';
    let after: TimelinePosition | null = null;
    const c = one(query, 'cursor');
    if (c !== undefined) {
      const [time_ms, seq, ord] = decodeCursor(c);
      if (typeof time_ms !== 'number' || typeof seq !== 'number' || typeof ord !== 'number') throw badRequest('cursor is not one this server issued');
      after = { time_ms, seq, ord };
    }
    const [found, rows, usage] = await Promise.all([this.store.sessions.get(id), this.store.events.timeline(id, after, limit + 1, withRaw), this.store.usage.forSession(id)]);
    if (!found || !readable(found.row, reader)) throw notFound(`no session with id ${JSON.stringify(id)}`);
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const last = page[page.length - 1];
    // A body is a JSON object without "raw"; the raw payload, when asked for, goes in as its last key.
    const parts = page.map((r) => (withRaw && r.raw ? `${r.body.slice(0, -1)},"raw":${r.raw}}` : r.body));
    const session = toRecord(found.row, found.tools, found.mcp);
    // Usage (tokens, cost, active time) is known from OTLP metrics; absent when none arrived.
    if (usage.length > 0) session.usage = usageTotals(usage.map((u) => ({ ...u, cumulative: u.cumulative === 1 })));
    let timelineJson = `[${parts.join(',')}]`;
    if (await reader.redacts(id, session.user)) {
      if (session.initial_prompt !== null) session.initial_prompt = redacted(session.initial_prompt);
      timelineJson = redactTimelineJson(timelineJson);
      session.redacted = true;
    }
    return {
      session,
      timelineJson,
      next_cursor: more && last ? encodeCursor([last.time_ms, last.seq, last.ord]) : null,
    };
  }
}
