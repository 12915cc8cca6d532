import { homedir } from 'node:os';
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
}

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 7411,
  bodyLimit: 10 * 1024 * 1024,
  maxBatch: 5000,
  logLevel: 'info',
} as const;

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.VIGIL_DATA ?? join(homedir(), '.vigil');
}
