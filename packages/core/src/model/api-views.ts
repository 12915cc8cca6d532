// Views the HTTP API returns beside the model itself: the contract between the server (which
// builds them) and the console (which shows them). Types only; times are epoch milliseconds.

import type { UserRole } from './kinds.js';

/** GET /v1/users (admins): one account, without its secrets. */
export interface UserAccount {
  id: string;
  email: string;
  name: string | null;
  role: UserRole;
  can_reveal: boolean;
  /** Has a single sign-on identity. */
  sso: boolean;
  /** Has a password. */
  password: boolean;
  locked_until_ms: number | null;
  disabled: boolean;
  created_ms: number;
}

/** One audit log entry, `details` parsed from its stored JSON. */
export interface AuditEntry {
  id: number;
  time_ms: number;
  actor: string;
  action: string;
  resource: string;
  details: unknown;
}

/** GET /v1/audit: newest first. */
export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `before` for the next (older) page; null at the end. */
  next: number | null;
}

export type KillScope = 'session' | 'user' | 'all';

/** A kill switch; lifted, never deleted. */
export interface Kill {
  id: string;
  scope: KillScope;
  /** The session or user killed; null for scope `all`. */
  target: string | null;
  reason: string;
  actor: string;
  created_ms: number;
  lifted_ms: number | null;
  lifted_by: string | null;
}

export type DeviceRequestStatus = 'pending' | 'approved' | 'denied' | 'issued' | 'expired';

/** A device login request (RFC 8628) as the approving person sees it. */
export interface DeviceRequest {
  /** Formatted with its dash: XXXX-XXXX. */
  user_code: string;
  hostname: string;
  os: string | null;
  device_id: string | null;
  scope: string;
  created_ms: number;
  expires_ms: number;
  status: DeviceRequestStatus;
}
