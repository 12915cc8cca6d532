// API shapes from docs/dev/console-contract.md. Everything here is untrusted display data.

export type Role = 'admin' | 'read' | 'ingest';
export interface PrincipalUser {
  id: string;
  email: string;
  role: UserRole;
  can_reveal: boolean;
}
export interface Principal {
  /** The token's name, or the person's email. */
  name: string;
  role: Role | UserRole;
  /** A person signed in (password or single sign-on), or a token. */
  kind: 'user' | 'token';
  /** The person: for their own sign-in, and for a token bound to them. */
  user?: PrincipalUser;
}
/** GET /v1/console/sso */
export interface SsoInfo {
  enabled: boolean;
  name: string | null;
}
export interface ConsoleSession {
  csrf: string;
  principal: Principal;
}

// The model itself (events, sessions, scan records) is @vigil/core's: the API returns it as stored.
import type { SecurityOutcome, SessionCounters, SessionRecord, SessionToolUsage, VigilEvent } from '@vigil/core';
export type { Action, SessionStatus, ToolKind, Device, ToolRef, Verdict, ScannerRun, ScanFinding, ScanRecord, EventKind, VigilEvent, SessionRecord } from '@vigil/core';
// So are the views the server builds for the console (accounts, audit, kills, device login).
import type { Kill, UserAccount, UserRole } from '@vigil/core';
export type { UserRole, UserAccount, AuditEntry, AuditPage, Kill, KillScope, DeviceRequest, DeviceRequestStatus } from '@vigil/core';
export type Security = SecurityOutcome;
export type Counters = SessionCounters;
export type ToolUsage = SessionToolUsage;

/** One item of a verdict's evidence, as AgentGuard writes it (core types it as an open record). */
export type Evidence = {
  step?: number;
  event_id?: string;
  role?: string;
  tool?: string;
  path?: string;
  span?: unknown;
  value?: unknown;
} & Record<string, unknown>;

export interface SessionPage {
  sessions: SessionRecord[];
  next_cursor: string | null;
}

export interface SessionCounts {
  all: number;
  clean: number;
  alerted: number;
  blocked: number;
}

export interface SessionDetail {
  session: SessionRecord;
  timeline: VigilEvent[];
  next_cursor: string | null;
}

export interface LiveUpdate {
  session: SessionRecord;
  events: VigilEvent[];
  server_ms: number;
}

export type Review = 'allowed' | 'not_reviewed';

export interface Inventory {
  clients: { name: string; sessions: number; users: number; last_seen_ms: number; versions: string[]; review: Review }[];
  users: { name: string; sessions: number; devices: number; alerted: number; blocked: number; last_seen_ms: number }[];
  devices: { id: string; hostname: string | null; os: string | null; user: string | null; sessions: number; last_seen_ms: number }[];
  mcp_servers: { name: string; sessions: number; tools: number; last_seen_ms: number; review: Review }[];
}

export type Bucket = 'hour' | 'day';

export interface Analytics {
  from_ms: number;
  to_ms: number;
  bucket: Bucket;
  series: { t_ms: number; sessions: number; tool_calls: number; alerts: number; blocks: number }[];
  top_tools: { name: string; mcp_server: string | null; calls: number; failures: number; sessions: number }[];
  top_blocked_rules: { source: string; rule: string; blocks: number }[];
  by_client: { client: string; sessions: number; tool_calls: number; alerts: number; blocks: number }[];
  by_user: { user: string; sessions: number; tool_calls: number; alerts: number; blocks: number }[];
}

export type Mode = 'off' | 'alert' | 'block';
export type Sensitivity = 'low' | 'medium' | 'high';

export interface ScannerSettings {
  mode?: Mode;
  sensitivity?: Sensitivity;
  settings?: Record<string, unknown>;
}

export interface ScanSettings {
  enabled: boolean;
  mode: Mode;
  sensitivity: Sensitivity;
  max_scan_bytes: number;
  scanners: Record<string, ScannerSettings>;
  overrides: unknown[];
}

export interface SettingsMeta {
  updated_ms: number | null;
  updated_by: string | null;
}

export interface ScanningView extends SettingsMeta {
  settings: ScanSettings;
  scanners: { id: string; version: string; stages: string[] }[];
}

export interface ClientsView extends SettingsMeta {
  settings: { disabled: string[] };
  clients: string[];
}

export interface GuardSettings {
  mode: Mode;
  end_session_on_scanner_block: boolean;
  judge: Record<string, unknown>;
}

export interface GuardView extends SettingsMeta {
  settings: GuardSettings;
}

/** GET/PUT /v1/settings/privacy */
export interface PrivacyView extends SettingsMeta {
  settings: { enabled: boolean };
}

export interface UserList {
  users: UserAccount[];
}

export interface Kills {
  active: Kill[];
  recent: Kill[];
}

export interface InstallInfo {
  server_url: string;
  clients: { client: string; title: string; command: string; notes?: string | null }[];
}
