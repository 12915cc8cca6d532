// The relay's configuration file, written by `vigil setup hooks` and read on every hook run.
// Node built-ins only: this is on the path of every tool call.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type HookMode = 'monitor' | 'enforce';

export interface HookConfig {
  /** Base URL of the Vigil server, e.g. http://127.0.0.1:7411. */
  server: string;
  /** An ingest token. */
  token: string;
  /** monitor: never stands in the agent's way; enforce: denies when Vigil cannot answer. */
  mode: HookMode;
  /** How long to wait for the server before giving up (ms). */
  timeout_ms: number;
  /** Where events wait while the server cannot be reached. */
  spool_dir: string;
  /** Sent with every event; optional (the server falls back to nothing). */
  user?: string;
  device_id?: string;
}

export function vigilHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.VIGIL_HOME ?? join(homedir(), '.vigil');
}

export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.VIGIL_HOOK_CONFIG ?? join(vigilHome(env), 'hook.json');
}

export const DEFAULT_TIMEOUT_MS = 5000;

/** Reads and checks the config; throws with the file and field named. */
export function readHookConfig(path: string): HookConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read the hook config ${path}: ${(e as Error).message}; run vigil setup hooks`);
  }
  const c = raw as Partial<HookConfig> | null;
  if (typeof c !== 'object' || c === null) throw new Error(`${path} must hold a JSON object`);
  if (typeof c.server !== 'string' || !/^https?:\/\//.test(c.server)) throw new Error(`${path}: "server" must be an http(s) URL`);
  if (typeof c.token !== 'string' || c.token === '') throw new Error(`${path}: "token" is missing`);
  const mode = c.mode ?? 'monitor';
  if (mode !== 'monitor' && mode !== 'enforce') throw new Error(`${path}: "mode" must be monitor or enforce`);
  return {
    server: c.server.replace(/\/+$/, ''),
    token: c.token,
    mode,
    timeout_ms: typeof c.timeout_ms === 'number' && c.timeout_ms > 0 ? c.timeout_ms : DEFAULT_TIMEOUT_MS,
    spool_dir: typeof c.spool_dir === 'string' && c.spool_dir !== '' ? c.spool_dir : join(vigilHome(), 'spool'),
    ...(typeof c.user === 'string' && c.user ? { user: c.user } : {}),
    ...(typeof c.device_id === 'string' && c.device_id ? { device_id: c.device_id } : {}),
  };
}
