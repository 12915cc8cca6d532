import { randomUUID } from 'node:crypto';
import type { Repositories } from '../repositories/store.js';
import { generateToken, hashToken } from './auth.service.js';
import { badRequest } from './errors.js';

/** What a device says about itself when it enrols. */
export interface DeviceInfo {
  hostname: string;
  os: string | null;
  device_id: string | null;
}

const FIELD_MAX = 200;
const printable = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= FIELD_MAX && !/\p{Cc}/u.test(v);

/** Checks the body's fields: only `known`; hostname required, os and device_id optional, all printable. */
export function deviceInfo(body: unknown, known: string[]): { info: DeviceInfo; body: Record<string, unknown> } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest(`body must be an object with: ${known.join(', ')}`);
  const b = body as Record<string, unknown>;
  for (const k of Object.keys(b)) if (!known.includes(k)) throw badRequest(`unknown field "${k}"; known: ${known.join(', ')}`);
  if (!printable(b.hostname)) throw badRequest(`"hostname" must be 1-${FIELD_MAX} printable characters`);
  for (const k of ['os', 'device_id']) if (b[k] !== undefined && !printable(b[k])) throw badRequest(`"${k}" must be 1-${FIELD_MAX} printable characters`);
  return { info: { hostname: b.hostname.trim(), os: typeof b.os === 'string' ? b.os.trim() : null, device_id: typeof b.device_id === 'string' ? b.device_id.trim() : null }, body: b };
}

/**
 * Issues an ingest token bound to a device (and to a person when `userId` is set), audited as
 * `token.create`. Runs inside the caller's transaction.
 */
export async function issueDeviceToken(
  repos: Repositories,
  o: { device: DeviceInfo; userId: string | null; userEmail: string | null; scope: string; actor: string; via: string; nowMs: number; extra?: Record<string, unknown> },
): Promise<{ id: string; name: string; token: string }> {
  const token = generateToken();
  const id = randomUUID();
  const name = `device:${o.device.hostname}`.slice(0, 100);
  await repos.tokens.insert({
    id,
    name,
    role: o.scope,
    hash: hashToken(token),
    created_ms: o.nowMs,
    revoked_ms: null,
    user_id: o.userId,
    device_id: o.device.device_id,
    device_hostname: o.device.hostname,
    device_os: o.device.os,
  });
  await repos.audit.append({
    time_ms: o.nowMs,
    actor: o.actor,
    action: 'token.create',
    resource: `token/${id}`,
    details: { name, role: o.scope, user: o.userEmail, device: { hostname: o.device.hostname, os: o.device.os, id: o.device.device_id }, via: o.via, ...o.extra },
  });
  return { id, name, token };
}
