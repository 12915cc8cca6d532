// Closed vocabularies of the canonical model. Adding a value is a minor schema change;
// renaming or removing one is a new schema version.

export const SCHEMA_VERSION = 1 as const;

export const EVENT_KINDS = [
  'session_start',
  'session_end',
  'prompt',
  'reasoning',
  'response',
  'tool_call',
  'tool_result',
  'tool_error',
  'subagent_start',
  'subagent_stop',
  'compact',
  'notification',
  'scan_result',
  'guard_finding',
  'decision',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const CLIENTS = [
  'claude-code',
  'claude-cowork',
  'cursor',
  'codex',
  'gemini-cli',
  'hermes',
  'sdk',
  'proxy',
  'import',
  'other',
] as const;
export type ClientId = (typeof CLIENTS)[number];

export const CAPTURE_SOURCES = ['hook', 'otlp', 'proxy', 'sdk', 'import'] as const;
export type CaptureSource = (typeof CAPTURE_SOURCES)[number];

export const TOOL_KINDS = ['shell', 'file_read', 'file_write', 'web', 'mcp', 'other'] as const;
export type ToolKind = (typeof TOOL_KINDS)[number];

export const ACTIONS = ['pass', 'alert', 'mask', 'block'] as const;
export type Action = (typeof ACTIONS)[number];

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SECURITY_OUTCOMES = ['clean', 'alerted', 'blocked'] as const;
export type SecurityOutcome = (typeof SECURITY_OUTCOMES)[number];

/** Roles of people (accounts): admin; security reviewer; analyst (aggregates only); member (a developer whose agents are monitored). Tokens have a scope instead. */
export const USER_ROLES = ['admin', 'reviewer', 'analyst', 'member'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const SESSION_STATUSES = ['active', 'ended'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
