import { randomBytes, randomInt } from 'node:crypto';
import type { DeviceRequest, DeviceRequestStatus } from '@vigil/core';
import type { Store } from '../repositories/store.js';
import type { DeviceCodeRow } from '../repositories/device.repository.js';
import { actorName, type Principal } from './access.js';
import { hashToken } from './auth.service.js';
import { deviceInfo, issueDeviceToken } from './device-token.js';
import { ApiError, badRequest, conflict, notFound } from './errors.js';
import { PerMinute } from './rate-limit.js';

// Device login: the OAuth 2.0 Device Authorization Grant (RFC 8628). A device asks for a code,
// a signed-in person approves it in the console, and the device's next poll gets an ingest token
// bound to that person and device.

export const GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';
/** RFC 8628 §6.1: consonants only (no words, no 0/O or 1/I), 20^8 ≈ 2.6e10 codes. */
export const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
export const CODE_TTL_MS = 10 * 60_000;
export const POLL_INTERVAL_S = 5;
export const CODES_PER_MINUTE = 10;
/** The only scope a device may ask for. */
const SCOPES = ['ingest'];

/** An RFC 8628 §3.5 / RFC 6749 §5.2 error: answered as 400 `{error, error_description}`. */
export class DeviceGrantError extends Error {
  constructor(
    readonly error: 'authorization_pending' | 'slow_down' | 'access_denied' | 'expired_token' | 'invalid_grant' | 'invalid_request' | 'unsupported_grant_type' | 'invalid_scope',
    message: string,
  ) {
    super(message);
  }
}

export const formatUserCode = (c: string) => `${c.slice(0, 4)}-${c.slice(4)}`;

/** What a person types: any case, with or without the dash or spaces. */
export function normaliseUserCode(input: string): string | null {
  const c = input.toUpperCase().replace(/[\s-]/g, '');
  return c.length === 8 && [...c].every((ch) => USER_CODE_ALPHABET.includes(ch)) ? c : null;
}

function newUserCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return s;
}

function status(r: DeviceCodeRow, nowMs: number): DeviceRequestStatus {
  if (r.token_id) return 'issued';
  if (r.denied) return 'denied';
  if (r.approved_by_user_id) return 'approved';
  return nowMs >= r.expires_ms ? 'expired' : 'pending';
}

function view(r: DeviceCodeRow, nowMs: number): DeviceRequest {
  return { user_code: formatUserCode(r.user_code), hostname: r.hostname, os: r.os, device_id: r.device_id, scope: r.scope, created_ms: r.created_ms, expires_ms: r.expires_ms, status: status(r, nowMs) };
}

export class DeviceService {
  private readonly limit = new PerMinute(CODES_PER_MINUTE);

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  /** `POST /v1/device/code`: RFC 8628 §3.2. `baseUrl` is this server as the device reached it. */
  async start(body: unknown, client: string, baseUrl: string) {
    const nowMs = this.now();
    if (!this.limit.allow(client, nowMs)) throw new ApiError(429, 'rate_limited', `too many device codes asked for from this address; wait a minute`);
    const { info, body: b } = deviceInfo(body ?? {}, ['client_id', 'hostname', 'os', 'device_id', 'scope']);
    if (b.client_id !== undefined && (typeof b.client_id !== 'string' || b.client_id.length > 100)) throw badRequest('"client_id" must be a string (vigil-cli)');
    const scope = b.scope ?? 'ingest';
    if (typeof scope !== 'string' || !SCOPES.includes(scope)) throw new DeviceGrantError('invalid_scope', `a device may only ask for scope ${SCOPES.join(', ')}`);
    await this.store.devices.purgeExpired(nowMs - 3_600_000);
    const deviceCode = randomBytes(32).toString('base64url');
    let userCode = newUserCode();
    // A collision among live codes is rare (1 in 2.6e10 per pair), but the column is unique.
    for (let i = 0; i < 5 && (await this.store.devices.codeByUserCode(userCode)); i++) userCode = newUserCode();
    await this.store.devices.insertCode({
      device_code_hash: hashToken(deviceCode),
      user_code: userCode,
      client_id: (b.client_id as string | undefined) ?? null,
      ...info,
      scope,
      created_ms: nowMs,
      expires_ms: nowMs + CODE_TTL_MS,
      interval_s: POLL_INTERVAL_S,
      last_poll_ms: null,
      approved_by_user_id: null,
      denied: 0,
      token_id: null,
    });
    const uri = `${baseUrl}/device`;
    const shown = formatUserCode(userCode);
    return { device_code: deviceCode, user_code: shown, verification_uri: uri, verification_uri_complete: `${uri}?user_code=${shown}`, expires_in: CODE_TTL_MS / 1000, interval: POLL_INTERVAL_S };
  }

  /** `POST /v1/device/token`: RFC 8628 §3.4-3.5. The token is handed out once. */
  async poll(body: unknown): Promise<{ access_token: string; token_type: 'Bearer'; scope: string }> {
    const nowMs = this.now();
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (b.grant_type !== GRANT_TYPE) throw new DeviceGrantError('unsupported_grant_type', `grant_type must be ${GRANT_TYPE}`);
    if (typeof b.device_code !== 'string' || b.device_code.length === 0 || b.device_code.length > 200) throw new DeviceGrantError('invalid_request', 'device_code is missing');
    const hash = hashToken(b.device_code);
    const row = await this.store.devices.codeByHash(hash);
    if (!row) throw new DeviceGrantError('invalid_grant', 'unknown device code');
    if (row.token_id) throw new DeviceGrantError('invalid_grant', 'this device code was already used; start again with vigil login');
    if (nowMs >= row.expires_ms) throw new DeviceGrantError('expired_token', 'the device code expired before it was approved; start again');
    if (row.denied) throw new DeviceGrantError('access_denied', 'the request was denied');
    if (!row.approved_by_user_id) {
      const early = row.last_poll_ms !== null && nowMs - row.last_poll_ms < row.interval_s * 1000;
      await this.store.devices.polled(hash, nowMs);
      if (early) throw new DeviceGrantError('slow_down', `poll at most every ${row.interval_s} s`);
      throw new DeviceGrantError('authorization_pending', 'waiting for a person to approve the code');
    }
    const user = await this.store.users.byId(row.approved_by_user_id);
    if (!user || user.disabled_ms !== null) throw new DeviceGrantError('access_denied', 'the approving account is disabled');
    const issued = await this.store.transaction(async (repos) => {
      // Two polls racing: only one marks the code used (the transaction then rolls back for the other).
      const t = await issueDeviceToken(repos, {
        device: { hostname: row.hostname, os: row.os, device_id: row.device_id },
        userId: user.id,
        userEmail: user.email,
        scope: row.scope,
        actor: `user:${user.email}`,
        via: 'device_login',
        nowMs,
      });
      if (!(await repos.devices.consume(hash, t.id))) throw new DeviceGrantError('invalid_grant', 'this device code was already used');
      return t;
    });
    return { access_token: issued.token, token_type: 'Bearer', scope: row.scope };
  }

  /** `GET /v1/device/requests/:user_code`: what the approving person is shown. */
  async request(userCode: string, principal: Principal | undefined): Promise<DeviceRequest> {
    personOf(principal);
    return view(await this.find(userCode), this.now());
  }

  /** `POST /v1/device/approve`: `{user_code, approve}` by a signed-in person; audited. */
  async decide(body: unknown, principal: Principal | undefined): Promise<DeviceRequest> {
    const nowMs = this.now();
    const person = personOf(principal);
    const b = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : null) as Record<string, unknown> | null;
    if (!b || typeof b.user_code !== 'string' || typeof b.approve !== 'boolean') throw badRequest('body must be {"user_code": "XXXX-XXXX", "approve": true | false}');
    const row = await this.find(b.user_code);
    const s = status(row, nowMs);
    if (s === 'expired') throw new ApiError(410, 'expired', 'this code has expired; start again on the device');
    if (s !== 'pending') throw conflict(`this code was already ${s}`);
    const done = await this.store.transaction(async (repos) => {
      if (!(await repos.devices.decide(row.device_code_hash, b.approve ? { approved_by_user_id: person.id } : { denied: 1 }))) return false;
      await repos.audit.append({
        time_ms: nowMs,
        actor: actorName(principal),
        action: b.approve ? 'device.approve' : 'device.deny',
        resource: `device_code/${formatUserCode(row.user_code)}`,
        details: { hostname: row.hostname, os: row.os, device_id: row.device_id, scope: row.scope },
      });
      return true;
    });
    if (!done) throw conflict('this code was decided by another request just now');
    return view({ ...row, ...(b.approve ? { approved_by_user_id: person.id } : { denied: 1 }) }, nowMs);
  }

  private async find(userCode: string): Promise<DeviceCodeRow> {
    const c = normaliseUserCode(userCode);
    const row = c ? await this.store.devices.codeByUserCode(c) : undefined;
    if (!row) throw notFound(`no device is waiting with code ${userCode.slice(0, 20)}; check the code the device shows`);
    return row;
  }
}

/**
 * A device is bound to a person: the approver must be one, signed in or by a token of theirs. A
 * device's own (ingest) token may not approve more devices.
 */
function personOf(p: Principal | undefined): NonNullable<Principal['user']> {
  if (!p?.user) throw new ApiError(403, 'forbidden', 'only a person can approve a device (this token belongs to no one); sign in to the console');
  if (p.role === 'ingest') throw new ApiError(403, 'forbidden', "a device's ingest token cannot approve other devices; sign in to the console");
  return p.user;
}
