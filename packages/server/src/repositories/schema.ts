import type { Kill, UsagePoint } from '@vigil/core';
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
  /** The scope: admin, ingest or read. */
  role: string;
  hash: string;
  created_ms: number;
  revoked_ms: number | null;
  /** A token bound to a person and the device it was issued to (device login). */
  user_id: string | null;
  device_id: string | null;
  device_hostname: string | null;
  device_os: string | null;
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
  /** The previous entry's hash ('' for the first), and this entry's (audit.repository entryHash). */
  prev_hash: string;
  hash: string;
  /** details.client, copied for filtering (not hashed separately). */
  client: string | null;
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

/** A kill switch, stored column for column as the API returns it (core Kill). */
export type KillsTable = Kill;

/** A person: a role, and a password (scrypt) and/or a single sign-on identity. */
export interface UsersTable {
  id: string;
  /** Lowercased. */
  email: string;
  name: string | null;
  role: string;
  password_hash: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  /** 1: a reviewer who may reveal redacted content (with a reason, audited). */
  can_reveal: number;
  failed_logins: number;
  locked_until_ms: number | null;
  created_ms: number;
  disabled_ms: number | null;
}

/** A reader's time-limited permission to see one session's content, with the reason given. */
export interface RevealsTable {
  id: string;
  session_id: string;
  /** "user:<id>" or "token:<id>". */
  reader: string;
  reason: string;
  created_ms: number;
  expires_ms: number;
}

/** A console sign-in: the cookie's value is stored as SHA-256 only. */
export interface WebSessionsTable {
  id_hash: string;
  /** The token signed in with, or '' for a person signed in with a password or single sign-on. */
  token_id: string;
  user_id: string | null;
  created_ms: number;
  expires_ms: number;
}

/** A device login in progress (RFC 8628): the device code is stored as SHA-256 only. */
export interface DeviceCodesTable {
  device_code_hash: string;
  /** 8 letters, without the dash. */
  user_code: string;
  client_id: string | null;
  hostname: string;
  os: string | null;
  device_id: string | null;
  /** The token scope asked for: ingest. */
  scope: string;
  created_ms: number;
  expires_ms: number;
  interval_s: number;
  last_poll_ms: number | null;
  approved_by_user_id: string | null;
  denied: number;
  /** The token issued: set once, so the code is single-use. */
  token_id: string | null;
}

/** An organisation enrolment key (vek_…): enrols devices without a person, stored as SHA-256 only. */
export interface EnrolmentKeysTable {
  id: string;
  hash: string;
  name: string;
  scope: string;
  created_ms: number;
  created_by: string;
  revoked_ms: number | null;
}

/** A signed webhook delivery already received, remembered until its freshness window has passed. */
export interface WebhookDeliveriesTable {
  source: string;
  delivery_id: string;
  expires_ms: number;
}

export interface Database {
  webhook_deliveries: WebhookDeliveriesTable;
  device_codes: DeviceCodesTable;
  enrolment_keys: EnrolmentKeysTable;
  users: UsersTable;
  reveals: RevealsTable;
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
