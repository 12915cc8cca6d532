import { isValidId, usageTotals, CLIENTS, SECURITY_OUTCOMES, SESSION_STATUSES, type SessionRecord } from '@vigil/core';
import { UnsearchableTermError, type SessionCursor, type SessionFilter, type SessionRow, type SessionToolRow } from '../repositories/session.repository.js';
import type { TimelinePosition } from '../repositories/event.repository.js';
import type { Store } from '../repositories/store.js';
import { badRequest, notFound } from './errors.js';

export const LIST_LIMIT = { default: 50, max: 500 };
export const TIMELINE_LIMIT = { default: 1000, max: 5000 };

const FILTER_KEYS = ['security', 'status', 'client', 'user', 'device', 'topic', 'tool', 'from', 'to', 'q', 'cursor', 'limit'] as const;
const ENUMS: Partial<Record<keyof SessionFilter, readonly string[]>> = {
  security: SECURITY_OUTCOMES,
  status: SESSION_STATUSES,
  client: CLIENTS,
};

type Query = Record<string, unknown>;

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

function one(q: Query, key: string): string | undefined {
  const v = q[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw badRequest(`${key} must be given once`);
  if (v.includes('\0')) throw badRequest(`${key} must not contain NUL`);
  return v;
}

function parseTime(v: string | undefined, key: string): number | undefined {
  if (v === undefined) return undefined;
  const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(ms)) throw badRequest(`${key} must be an ISO 8601 date-time or epoch milliseconds`);
  return ms;
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

export class SessionService {
  constructor(private readonly store: Store) {}

  /** Parses and checks list query parameters; unknown or malformed ones are a 400, not ignored. */
  parseListQuery(q: Query): { filter: SessionFilter; cursor: SessionCursor | null; limit: number } {
    for (const key of Object.keys(q)) {
      if (!(FILTER_KEYS as readonly string[]).includes(key)) throw badRequest(`unknown query parameter "${key}"; known: ${FILTER_KEYS.join(', ')}`);
    }
    const filter: SessionFilter = {};
    for (const key of ['security', 'status', 'client', 'user', 'device', 'topic', 'tool', 'q'] as const) {
      const v = one(q, key);
      if (v === undefined) continue;
      const allowed = ENUMS[key];
      if (allowed && !allowed.includes(v)) throw badRequest(`${key} must be one of: ${allowed.join(', ')}`);
      if (v.length > 512) throw badRequest(`${key} is longer than 512 characters`);
      filter[key] = v;
    }
    filter.from = parseTime(one(q, 'from'), 'from');
    filter.to = parseTime(one(q, 'to'), 'to');
    const c = one(q, 'cursor');
    let cursor: SessionCursor | null = null;
    if (c !== undefined) {
      const [started_ms, id] = decodeCursor(c);
      if (typeof started_ms !== 'number' || typeof id !== 'string') throw badRequest('cursor is not one this server issued');
      cursor = { started_ms, id };
    }
    return { filter, cursor, limit: parseLimit(one(q, 'limit'), LIST_LIMIT) };
  }

  async list(query: Query): Promise<SessionPage> {
    const { filter, cursor, limit } = this.parseListQuery(query);
    const rows = await this.store.sessions.list(filter, cursor, limit + 1).catch((err: unknown) => {
      throw err instanceof UnsearchableTermError ? badRequest(`q: ${err.message}`) : err;
    });
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const last = page[page.length - 1];
    return {
      sessions: page.map((r) => toRecord(r)),
      next_cursor: more && last ? encodeCursor([last.started_ms, last.id]) : null,
    };
  }

  async get(id: string, query: Query): Promise<SessionDetail> {
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
    if (!found) throw notFound(`no session with id ${JSON.stringify(id)}`);
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const last = page[page.length - 1];
    // A body is a JSON object without "raw"; the raw payload, when asked for, goes in as its last key.
    const parts = page.map((r) => (withRaw && r.raw ? `${r.body.slice(0, -1)},"raw":${r.raw}}` : r.body));
    const session = toRecord(found.row, found.tools, found.mcp);
    // Usage (tokens, cost, active time) is known from OTLP metrics; absent when none arrived.
    if (usage.length > 0) session.usage = usageTotals(usage.map((u) => ({ ...u, cumulative: u.cumulative === 1 })));
    return {
      session,
      timelineJson: `[${parts.join(',')}]`,
      next_cursor: more && last ? encodeCursor([last.time_ms, last.seq, last.ord]) : null,
    };
  }
}
