import type { CaptureSource, ClientId, SecurityOutcome, SessionStatus, ToolKind } from './kinds.js';
import type { Device } from './event.js';

export interface SessionCounters {
  events: number;
  tool_calls: number;
  failures: number;
  alerts: number;
  blocks: number;
}

export interface SessionToolUsage {
  name: string;
  kind: ToolKind;
  mcp_server: string | null;
  calls: number;
  failures: number;
}

/** What a session used, from the client's metrics (OTLP). */
export interface SessionUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_creation_tokens: number;
  cost_usd: number;
  active_time_s: number;
  lines_added: number;
  lines_removed: number;
}

/** The session record as the API returns it. */
export interface SessionRecord {
  id: string;
  client: ClientId;
  capture: CaptureSource;
  client_version: string | null;
  user: string | null;
  device: Device;
  cwd: string | null;
  model: string | null;
  started_at: string;
  last_seen_at: string;
  ended_at: string | null;
  status: SessionStatus;
  security: SecurityOutcome;
  initial_prompt: string | null;
  topic: string | null;
  counters: SessionCounters;
  /** Present on the single-session view. */
  tools?: SessionToolUsage[];
  mcp_servers?: string[];
  /** Single-session view, when the client exports OTLP metrics: tokens, cost, active time. */
  usage?: SessionUsage;
  /** Set when the server withheld the content for this reader (workspace privacy). */
  redacted?: boolean;
}
