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
}
