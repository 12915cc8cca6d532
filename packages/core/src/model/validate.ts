import {
  ACTIONS,
  CAPTURE_SOURCES,
  CLIENTS,
  EVENT_KINDS,
  SEVERITIES,
  TOOL_KINDS,
  type EventKind,
} from './kinds.js';
import type { Device, ToolRef, Verdict, VigilEvent } from './event.js';
import { normalIso } from './time.js';

/** A validated event; `id` is absent when the client sent none. */
export type ValidEvent = Omit<VigilEvent, 'id'> & { id?: string };

export type ValidationResult =
  | { ok: true; event: ValidEvent; timeMs: number }
  | { ok: false; errors: string[] };

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:@\/+=-]{0,255}$/;
const MAX_NAME = 512;

/** Event and session ids: what a client may choose, safe in URLs, logs and every store. */
export function isValidId(v: string): boolean {
  return ID_RE.test(v);
}
const MIN_TIME = Date.UTC(2000, 0, 1);
const MAX_TIME = Date.UTC(2100, 0, 1);

const KIND_SET: ReadonlySet<string> = new Set(EVENT_KINDS);
const CLIENT_SET: ReadonlySet<string> = new Set(CLIENTS);
const CAPTURE_SET: ReadonlySet<string> = new Set(CAPTURE_SOURCES);
const TOOL_KIND_SET: ReadonlySet<string> = new Set(TOOL_KINDS);
const ACTION_SET: ReadonlySet<string> = new Set(ACTIONS);
const SEVERITY_SET: ReadonlySet<string> = new Set(SEVERITIES);

const EVENT_FIELDS: ReadonlySet<string> = new Set([
  'id', 'session_id', 'seq', 'time', 'kind', 'client', 'capture', 'client_version', 'user',
  'device', 'cwd', 'model', 'parent_id', 'turn_id', 'text', 'tool', 'input', 'output', 'error',
  'duration_ms', 'verdict', 'topic', 'mcp_servers', 'raw',
]);
const TOOL_KINDS_NEEDING_TOOL: ReadonlySet<EventKind> = new Set(['tool_call', 'tool_result', 'tool_error']);

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(set: ReadonlySet<string>): string {
  return [...set].join(', ');
}

class Checker {
  readonly errors: string[] = [];

  constructor(private readonly prefix: string) {}

  /** Records an error; the path is only built here, so valid input pays nothing for it. */
  fail(field: string, message: string): void {
    this.errors.push(`${this.prefix}.${field} ${message}`);
    // (field is relative to the event: 'tool.name', 'device.id', …)
  }

  id(v: unknown, path: string, required: boolean): string | undefined {
    if (v === undefined || v === null) {
      if (required) this.fail(path, 'is required');
      return undefined;
    }
    if (typeof v !== 'string' || !ID_RE.test(v)) {
      this.fail(path, 'must be 1-256 characters of letters, digits and . _ : @ / + = - (starting with a letter or digit)');
      return undefined;
    }
    return v;
  }

  str(v: unknown, path: string, max = Infinity): string | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') {
      this.fail(path, `must be a string`);
      return undefined;
    }
    if (v.length > max) {
      this.fail(path, `is longer than ${max} characters`);
      return undefined;
    }
    return v;
  }

  oneOf<T extends string>(v: unknown, path: string, set: ReadonlySet<string>, required: boolean): T | undefined {
    if (v === undefined || v === null) {
      if (required) this.fail(path, `is required (one of: ${list(set)})`);
      return undefined;
    }
    if (typeof v !== 'string' || !set.has(v)) {
      this.fail(path, `must be one of: ${list(set)}`);
      return undefined;
    }
    return v as T;
  }

  nonNegInt(v: unknown, path: string): number | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      this.fail(path, `must be a non-negative integer`);
      return undefined;
    }
    return v;
  }

  time(v: unknown, path: string, now: number): number {
    if (v === undefined || v === null) return now;
    let ms: number;
    if (typeof v === 'number') ms = v;
    else if (typeof v === 'string') ms = Date.parse(v);
    else ms = NaN;
    if (!Number.isFinite(ms) || ms < MIN_TIME || ms >= MAX_TIME) {
      this.fail(path, `must be an ISO 8601 date-time or epoch milliseconds between 2000 and 2100`);
      return now;
    }
    return Math.trunc(ms);
  }

  device(v: unknown, path: string): Device | undefined {
    if (v === undefined || v === null) return undefined;
    if (!isObj(v)) {
      this.fail(path, `must be an object with id, hostname, os`);
      return undefined;
    }
    this.noExtra(v, path, DEVICE_FIELDS);
    const d: Device = {};
    const id = this.str(v.id, `${path}.id`, MAX_NAME);
    const hostname = this.str(v.hostname, `${path}.hostname`, MAX_NAME);
    const os = this.str(v.os, `${path}.os`, MAX_NAME);
    if (id !== undefined) d.id = id;
    if (hostname !== undefined) d.hostname = hostname;
    if (os !== undefined) d.os = os;
    return d;
  }

  tool(v: unknown, path: string): ToolRef | undefined {
    if (v === undefined || v === null) return undefined;
    if (!isObj(v)) {
      this.fail(path, `must be an object with name and kind`);
      return undefined;
    }
    this.noExtra(v, path, TOOL_FIELDS);
    const name = this.str(v.name, `${path}.name`, MAX_NAME);
    if (!name) this.fail(`${path}.name`, `is required`);
    const kind = this.oneOf<ToolRef['kind']>(v.kind ?? 'other', `${path}.kind`, TOOL_KIND_SET, true);
    const t: ToolRef = { name: name ?? '', kind: kind ?? 'other' };
    const server = this.str(v.mcp_server, `${path}.mcp_server`, MAX_NAME);
    const callId = this.str(v.call_id, `${path}.call_id`, MAX_NAME);
    if (server !== undefined) t.mcp_server = server;
    if (callId !== undefined) t.call_id = callId;
    return t;
  }

  verdict(v: unknown, path: string): Verdict | undefined {
    if (v === undefined || v === null) return undefined;
    if (!isObj(v)) {
      this.fail(path, `must be an object with action`);
      return undefined;
    }
    this.noExtra(v, path, VERDICT_FIELDS);
    const action = this.oneOf<Verdict['action']>(v.action, `${path}.action`, ACTION_SET, true);
    const out: Verdict = { action: action ?? 'pass' };
    const severity = this.oneOf<NonNullable<Verdict['severity']>>(v.severity, `${path}.severity`, SEVERITY_SET, false);
    if (severity) out.severity = severity;
    for (const key of ['source', 'rule', 'reason', 'target_event_id'] as const) {
      const s = this.str(v[key], `${path}.${key}`, key === 'reason' ? 10_000 : MAX_NAME);
      if (s !== undefined) out[key] = s;
    }
    if (v.score !== undefined) {
      if (typeof v.score === 'number' && v.score >= 0 && v.score <= 1) out.score = v.score;
      else this.fail(`${path}.score`, 'must be a number from 0 to 1');
    }
    if (v.evidence !== undefined) {
      if (Array.isArray(v.evidence) && v.evidence.length <= 20 && v.evidence.every(isObj) && JSON.stringify(v.evidence).length <= 20_000) out.evidence = v.evidence as Record<string, unknown>[];
      else this.fail(`${path}.evidence`, 'must be an array of at most 20 objects (20 KB)');
    }
    return out;
  }

  strings(v: unknown, path: string): string[] | undefined {
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.length > 1000 || !v.every((s) => typeof s === 'string' && s.length <= MAX_NAME)) {
      this.fail(path, `must be an array of at most 1000 strings`);
      return undefined;
    }
    return v as string[];
  }

  noExtra(o: Obj, path: string, allowed: ReadonlySet<string>): void {
    for (const key in o) {
      if (!allowed.has(key)) this.fail(path ? `${path}.${key}` : key, 'is not a known field');
    }
  }
}

const DEVICE_FIELDS: ReadonlySet<string> = new Set(['id', 'hostname', 'os']);
const TOOL_FIELDS: ReadonlySet<string> = new Set(['name', 'kind', 'mcp_server', 'call_id']);
const VERDICT_FIELDS: ReadonlySet<string> = new Set(['action', 'severity', 'source', 'rule', 'reason', 'target_event_id', 'score', 'evidence']);

/**
 * Validates one canonical event (schema v1) and returns it normalised: time as ISO UTC, absent
 * optional fields omitted. `now` fills a missing time. Errors name the path and what was expected.
 */
export function validateEvent(input: unknown, now: number = Date.now(), path = 'event'): ValidationResult {
  if (!isObj(input)) return { ok: false, errors: [`${path} must be a JSON object`] };
  const c = new Checker(path);
  c.noExtra(input, '', EVENT_FIELDS);

  const id = c.id(input.id, 'id', false);
  const sessionId = c.id(input.session_id, 'session_id', true);
  const kind = c.oneOf<EventKind>(input.kind, 'kind', KIND_SET, true);
  const client = c.oneOf<VigilEvent['client']>(input.client, 'client', CLIENT_SET, true);
  const capture = c.oneOf<VigilEvent['capture']>(input.capture, 'capture', CAPTURE_SET, true);
  const timeMs = c.time(input.time, 'time', now);
  const seq = c.nonNegInt(input.seq, 'seq');
  const durationMs = c.nonNegInt(input.duration_ms, 'duration_ms');
  const tool = c.tool(input.tool, 'tool');
  const verdict = c.verdict(input.verdict, 'verdict');
  const device = c.device(input.device, 'device');
  const mcpServers = c.strings(input.mcp_servers, 'mcp_servers');
  const parentId = c.str(input.parent_id, 'parent_id', MAX_NAME);
  const turnId = c.str(input.turn_id, 'turn_id', MAX_NAME);
  const clientVersion = c.str(input.client_version, 'client_version', 128);
  const user = c.str(input.user, 'user', MAX_NAME);
  const cwd = c.str(input.cwd, 'cwd', 4096);
  const model = c.str(input.model, 'model', MAX_NAME);
  const topic = c.str(input.topic, 'topic', 128);
  const text = c.str(input.text, 'text');
  const error = c.str(input.error, 'error');

  if (kind && TOOL_KINDS_NEEDING_TOOL.has(kind) && !input.tool) c.fail('tool', `is required for kind ${kind}`);
  if (kind && (kind === 'scan_result' || kind === 'guard_finding' || kind === 'decision') && !input.verdict) {
    c.fail('verdict', `is required for kind ${kind}`);
  }
  if (c.errors.length > 0 || !sessionId || !kind || !client || !capture) return { ok: false, errors: c.errors };

  const event: ValidEvent = {
    session_id: sessionId,
    time: normalIso(input.time, timeMs),
    kind,
    client,
    capture,
  };
  if (id !== undefined) event.id = id;
  if (seq !== undefined) event.seq = seq;
  if (clientVersion !== undefined) event.client_version = clientVersion;
  if (user !== undefined) event.user = user;
  if (device !== undefined) event.device = device;
  if (cwd !== undefined) event.cwd = cwd;
  if (model !== undefined) event.model = model;
  if (parentId !== undefined) event.parent_id = parentId;
  if (turnId !== undefined) event.turn_id = turnId;
  if (text !== undefined) event.text = text;
  if (tool !== undefined) event.tool = tool;
  if (input.input !== undefined) event.input = input.input;
  if (input.output !== undefined) event.output = input.output;
  if (error !== undefined) event.error = error;
  if (durationMs !== undefined) event.duration_ms = durationMs;
  if (verdict !== undefined) event.verdict = verdict;
  if (topic !== undefined) event.topic = topic;
  if (mcpServers !== undefined) event.mcp_servers = mcpServers;
  if (input.raw !== undefined) event.raw = input.raw;
  return { ok: true, event, timeMs };
}
