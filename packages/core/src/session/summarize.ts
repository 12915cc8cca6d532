import type { Device, VigilEvent } from '../model/event.js';
import type { SecurityOutcome, ToolKind } from '../model/kinds.js';
import type { SessionCounters } from '../model/session.js';
import { classifyTopic } from './topic.js';

/**
 * What a set of newly stored events adds to one session. The store merges a delta into the
 * session row (min/max times, summed counters, first-seen identity), so deltas computed from
 * separate batches, in any order, give the same session.
 */
export interface SessionDelta {
  session_id: string;
  client: VigilEvent['client'];
  capture: VigilEvent['capture'];
  client_version: string | null;
  user: string | null;
  device: Device;
  cwd: string | null;
  model: string | null;
  first_ms: number;
  last_ms: number;
  ended_ms: number | null;
  security: SecurityOutcome;
  /** Earliest prompt in the delta, with its time, so the earliest across batches wins. */
  prompt: string | null;
  prompt_ms: number | null;
  topic: string | null;
  counters: SessionCounters;
  tools: Map<string, ToolDelta>;
  mcp_servers: Set<string>;
}

export interface ToolDelta {
  name: string;
  kind: ToolKind;
  mcp_server: string | null;
  calls: number;
  failures: number;
}

const SECURITY_RANK: Record<SecurityOutcome, number> = { clean: 0, alerted: 1, blocked: 2 };

export function worseSecurity(a: SecurityOutcome, b: SecurityOutcome): SecurityOutcome {
  return SECURITY_RANK[b] > SECURITY_RANK[a] ? b : a;
}

/** The security outcome an event implies on its own. Masking counts as an alert: content was changed. */
export function eventSecurity(e: Pick<VigilEvent, 'kind' | 'verdict' | 'scan'>): SecurityOutcome {
  return worseSecurity(actionSecurity(e.verdict?.action), actionSecurity(e.scan?.action));
}

function actionSecurity(action: string | undefined): SecurityOutcome {
  if (action === 'block') return 'blocked';
  if (action === 'alert' || action === 'mask') return 'alerted';
  return 'clean';
}

const MAX_PROMPT = 10_000;

function toolKey(name: string, server: string | null): string {
  return server === null ? name : `${server}\u0000${name}`;
}

/** Groups events by session and summarises each group. `timeMs` must parallel `events`. */
export function summarize(events: readonly VigilEvent[], timeMs: readonly number[]): Map<string, SessionDelta> {
  const out = new Map<string, SessionDelta>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const t = timeMs[i]!;
    let d = out.get(e.session_id);
    if (!d) {
      d = {
        session_id: e.session_id,
        client: e.client,
        capture: e.capture,
        client_version: null,
        user: null,
        device: {},
        cwd: null,
        model: null,
        first_ms: t,
        last_ms: t,
        ended_ms: null,
        security: 'clean',
        prompt: null,
        prompt_ms: null,
        topic: null,
        counters: { events: 0, tool_calls: 0, failures: 0, alerts: 0, blocks: 0 },
        tools: new Map(),
        mcp_servers: new Set(),
      };
      out.set(e.session_id, d);
    }
    if (t < d.first_ms) d.first_ms = t;
    if (t > d.last_ms) d.last_ms = t;
    d.client_version ??= e.client_version ?? null;
    d.user ??= e.user ?? null;
    d.cwd ??= e.cwd ?? null;
    if (e.model) d.model = e.model;
    if (e.device) {
      const dev = d.device;
      if (dev.id === undefined && e.device.id !== undefined) dev.id = e.device.id;
      if (dev.hostname === undefined && e.device.hostname !== undefined) dev.hostname = e.device.hostname;
      if (dev.os === undefined && e.device.os !== undefined) dev.os = e.device.os;
    }
    if (e.topic) d.topic = e.topic;
    d.counters.events++;

    switch (e.kind) {
      case 'session_end':
        if (d.ended_ms === null || t > d.ended_ms) d.ended_ms = t;
        break;
      case 'prompt':
        if (e.text && (d.prompt_ms === null || t < d.prompt_ms)) {
          d.prompt = e.text.length > MAX_PROMPT ? e.text.slice(0, MAX_PROMPT) : e.text;
          d.prompt_ms = t;
        }
        break;
      case 'tool_call':
      case 'tool_result':
      case 'tool_error': {
        const tool = e.tool;
        if (!tool) break;
        // A call counts on its tool_call. OTLP reports a call only by its result, so there the
        // result (or error) is the call.
        const isCall = e.kind === 'tool_call' || e.capture === 'otlp';
        if (!isCall && e.kind === 'tool_result') break;
        const server = tool.mcp_server ?? null;
        const key = toolKey(tool.name, server);
        let td = d.tools.get(key);
        if (!td) {
          td = { name: tool.name, kind: tool.kind, mcp_server: server, calls: 0, failures: 0 };
          d.tools.set(key, td);
        }
        if (isCall) {
          td.calls++;
          d.counters.tool_calls++;
        }
        if (e.kind === 'tool_error') {
          td.failures++;
          d.counters.failures++;
        }
        if (server !== null) d.mcp_servers.add(server);
        break;
      }
    }
    if (e.mcp_servers) for (const s of e.mcp_servers) d.mcp_servers.add(s);
    if (e.verdict || e.scan) {
      const sec = eventSecurity(e);
      if (sec === 'blocked') d.counters.blocks++;
      else if (sec === 'alerted') d.counters.alerts++;
      d.security = worseSecurity(d.security, sec);
    }
  }
  for (const d of out.values()) {
    if (d.topic === null && d.prompt !== null) d.topic = classifyTopic(d.prompt);
  }
  return out;
}
