import type { Action, CaptureSource, ClientId, EventKind, Severity, ToolKind } from './kinds.js';
import type { ScanRecord } from './scan.js';

export interface Device {
  id?: string;
  hostname?: string;
  os?: string;
}

export interface ToolRef {
  name: string;
  kind: ToolKind;
  /** MCP server name when kind is 'mcp'. */
  mcp_server?: string;
  /** The client's id of this call, shared by a tool_call and its result or error. */
  call_id?: string;
}

/** A security verdict: carried by scan_result, guard_finding and decision events. */
export interface Verdict {
  action: Action;
  severity?: Severity;
  /** Which scanner or detector produced it, and which rule. */
  source?: string;
  rule?: string;
  reason?: string;
  /** The event this verdict is about. */
  target_event_id?: string;
  /** AgentGuard: how sure (0..1) the detector is that the session is hijacked. */
  score?: number;
  /** AgentGuard: which steps, events, spans and values the verdict rests on. */
  evidence?: Record<string, unknown>[];
}

/**
 * The canonical event, schema version 1: every capture path (hooks, OTLP, proxy, SDK,
 * import) normalises into this. Wire and storage names are snake_case.
 */
export interface VigilEvent {
  /** Client-supplied ids make ingest idempotent; the server derives one from content otherwise. */
  id: string;
  session_id: string;
  /** Client-side order within the session; breaks ties between equal times. */
  seq?: number;
  /** ISO 8601, UTC, millisecond precision. */
  time: string;
  kind: EventKind;
  client: ClientId;
  capture: CaptureSource;
  /** Client version, e.g. "2.1.328". */
  client_version?: string;
  user?: string;
  device?: Device;
  cwd?: string;
  model?: string;
  /** Subagent this event belongs to (its subagent_start's agent id), for nesting. */
  parent_id?: string;
  /** The client's id of the turn (one model generation) the event belongs to: Cursor's generation_id, Codex's turn_id. */
  turn_id?: string;
  /** Prompt, reasoning, response or notification text. */
  text?: string;
  tool?: ToolRef;
  input?: unknown;
  output?: unknown;
  error?: string;
  duration_ms?: number;
  verdict?: Verdict;
  /** A topic the source already knows (otherwise the server classifies the first prompt). */
  topic?: string;
  /** MCP servers or tools the client reports as connected (session_start). */
  mcp_servers?: string[];
  /** Scanner results, set by the server; a client cannot send this field. */
  scan?: ScanRecord;
  /** The source payload this event was normalised from, kept verbatim. */
  raw?: unknown;
}

/** A batch as posted to POST /v1/events. */
export interface EventBatch {
  schema_version?: 1;
  events: unknown[];
}
