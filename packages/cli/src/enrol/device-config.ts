// What `vigil login` and `vigil enrol` share: this device's identity, and writing the token into
// the hook relay's config (the file `vigil setup hooks` writes and `vigil hook` reads).
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { DEFAULT_TIMEOUT_MS, readHookConfig, type HookConfig } from '../hook/config.js';

export interface Device {
  hostname: string;
  /** As the relay reports it (x-vigil-os): node's platform(). */
  os: string;
  device_id: string;
}

/** A random id made once and kept beside the config, so the device stays the same across logins. */
export function deviceId(config: string): string {
  const file = join(dirname(config), 'device-id');
  if (existsSync(file)) {
    const id = readFileSync(file, 'utf8').trim();
    if (/^[\w-]{8,100}$/.test(id)) return id;
  }
  const id = randomUUID();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, id + '\n', { mode: 0o644 });
  return id;
}

export function thisDevice(config: string): Device {
  return { hostname: hostname(), os: platform(), device_id: deviceId(config) };
}

/** Checks and normalises --server. */
export function serverUrl(v: string | undefined): string {
  const s = v?.replace(/\/+$/, '');
  if (!s || !/^https?:\/\/[^/]/.test(s)) throw new Error('--server URL is required (http:// or https://), e.g. --server http://vigil.internal:7411');
  return s;
}

/** Puts server, token and device id into the relay config, keeping its other settings; mode 0600 (it holds a token). */
export function saveToken(config: string, server: string, token: string, device: Device, user?: string | null): void {
  let previous: HookConfig | null = null;
  try {
    previous = readHookConfig(config);
  } catch {
    // none yet, or unreadable: replaced
  }
  const cfg: HookConfig = {
    server,
    token,
    mode: previous?.mode ?? 'monitor',
    timeout_ms: previous?.timeout_ms ?? DEFAULT_TIMEOUT_MS,
    spool_dir: previous?.spool_dir ?? join(dirname(config), 'spool'),
    device_id: device.device_id,
  };
  const who = user ?? previous?.user;
  if (who) cfg.user = who;
  mkdirSync(dirname(config), { recursive: true });
  const tmp = `${config}.vigil-tmp`;
  rmSync(tmp, { force: true });
  writeFileSync(tmp, JSON.stringify(cfg, null, 2) + '\n', { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, config);
}

/** POSTs JSON; answers status and parsed body (null when not JSON). */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(15_000) });
  const text = await r.text();
  try {
    return { status: r.status, body: text ? JSON.parse(text) : null };
  } catch {
    return { status: r.status, body: null };
  }
}
