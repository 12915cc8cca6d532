import { availableParallelism, homedir } from 'node:os';
import { join } from 'node:path';

export interface ServerConfig {
  host: string;
  port: number;
  /** Data directory for the embedded SQLite store. */
  dataDir: string;
  /** postgres://… to use PostgreSQL instead of SQLite. */
  databaseUrl?: string | undefined;
  adminToken?: string | undefined;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  /** Most events in one POST /v1/events batch. */
  maxBatch: number;
  logLevel: string;
  /** Worker threads that parse and store ingest batches; 0 does it on the request thread. */
  ingestThreads: number;
  /** Tool calls always denied (JSON: an array of deny rules, see @vigil/core policy/deny-rules). */
  denyRules?: unknown;
  /** Scanning settings to apply at start (the `scanning` key of a --config file); see @vigil/scanners engine/settings. */
  scanning?: unknown;
  /** AgentGuard settings to apply at start (the `agentguard` key of a --config file); see @vigil/agentguard settings. */
  agentguard?: unknown;
  /** Retention settings to apply at start (the `retention` key of a --config file); see services/retention.service.ts. */
  retention?: unknown;
  /** OpenID Connect single sign-on (the `sso` key of a --config file); see services/sso.config.ts. */
  sso?: unknown;
  /** The secret Hermes Agent's outbound webhooks sign with (else VIGIL_HERMES_WEBHOOK_SECRET); none: POST /v1/webhooks/hermes answers 404. Never logged. */
  hermesWebhookSecret?: string | undefined;
}

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 7411,
  bodyLimit: 10 * 1024 * 1024,
  maxBatch: 5000,
  logLevel: 'info',
  ingestThreads: defaultIngestThreads(),
} as const;

/** One per core, at least 1 and at most 4: beyond that SQLite's single writer is the limit. */
export function defaultIngestThreads(): number {
  return Math.min(4, Math.max(1, availableParallelism()));
}

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.VIGIL_DATA ?? join(homedir(), '.vigil');
}
