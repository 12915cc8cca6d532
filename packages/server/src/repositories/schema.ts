import type { UsagePoint } from '@vigil/core';
import type { Generated } from 'kysely';

// Row types of the store. Times are epoch milliseconds; JSON is stored as text because the
// store never queries inside it and text is the cheapest to write and to return verbatim.

export interface EventsTable {
  ord: Generated<number>;
  id: string;
  session_id: string;
  seq: number;
  time_ms: number;
  kind: string;
  tool_name: string | null;
  tool_kind: string | null;
  mcp_server: string | null;
  call_id: string | null;
  parent_id: string | null;
  action: string | null;
  ingested_ms: number;
  /** The normalised event as JSON, without `raw`: returned as is by the timeline. */
  body: string;
  raw: string | null;
}

/** PostgreSQL only: one row per event with searchable text. */
export interface EventSearchTable {
  session_id: string;
  search: string;
}

export interface SessionsTable {
  id: string;
  client: string;
  capture: string;
  client_version: string | null;
  user_name: string | null;
  device_id: string | null;
  device_hostname: string | null;
  device_os: string | null;
  cwd: string | null;
  model: string | null;
  started_ms: number;
  last_seen_ms: number;
  ended_ms: number | null;
  status: string;
  security: string;
  initial_prompt: string | null;
  prompt_ms: number | null;
  topic: string | null;
  events: number;
  tool_calls: number;
  failures: number;
  alerts: number;
  blocks: number;
  updated_ms: number;
}

export interface SessionToolsTable {
  session_id: string;
  /** '' when the tool is not an MCP tool, so the key needs no NULL handling. */
  mcp_server: string;
  name: string;
  kind: string;
  calls: number;
  failures: number;
}

export interface SessionMcpTable {
  session_id: string;
  server: string;
}

export interface TokensTable {
  id: string;
  name: string;
  role: string;
  hash: string;
  created_ms: number;
  revoked_ms: number | null;
}

/** OTLP metric data points per session (tokens, cost, active time, …); see core otlp-metrics. */
export type SessionUsageTable = Omit<UsagePoint, 'cumulative'> & {
  /** 1 for cumulative points, 0 for delta. */
  cumulative: number;
};

export interface SettingsTable {
  key: string;
  value: string;
  updated_ms: number;
  updated_by: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  time_ms: number;
  /** Who: "token:<name>", "config-file", "system". */
  actor: string;
  /** What, dotted: "settings.update", "mcp.rug_pull". */
  action: string;
  /** On what: "settings/scanning", "session/<id>". */
  resource: string;
  /** JSON. */
  details: string;
}

/** An MCP tool's description as first seen: a later different hash is a rug pull. */
export interface McpToolsTable {
  server: string;
  name: string;
  description_hash: string;
  first_seen_ms: number;
  last_seen_ms: number;
  changed_ms: number | null;
}

export interface KillsTable {
  id: string;
  scope: 'session' | 'user' | 'all';
  target: string | null;
  reason: string;
  actor: string;
  created_ms: number;
  lifted_ms: number | null;
  lifted_by: string | null;
}

/** A console sign-in: the cookie's value is stored as SHA-256 only. */
export interface WebSessionsTable {
  id_hash: string;
  token_id: string;
  created_ms: number;
  expires_ms: number;
}

export interface Database {
  web_sessions: WebSessionsTable;
  kills: KillsTable;
  settings: SettingsTable;
  audit_log: AuditLogTable;
  mcp_tools: McpToolsTable;
  events: EventsTable;
  event_search: EventSearchTable;
  sessions: SessionsTable;
  session_tools: SessionToolsTable;
  session_mcp: SessionMcpTable;
  tokens: TokensTable;
  session_usage: SessionUsageTable;
}

export type Dialect = 'sqlite' | 'postgres';
