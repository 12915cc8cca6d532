import { randomBytes, randomUUID } from 'node:crypto';
import type { Store } from '../repositories/store.js';
import type { EnrolmentKeyRow } from '../repositories/device.repository.js';
import { hashToken } from './auth.service.js';
import { deviceInfo, issueDeviceToken } from './device-token.js';
import { ApiError, badRequest, conflict, notFound } from './errors.js';

// Organisation enrolment keys: an admin makes one, an MDM script runs `vigil enrol --key vek_…` on
// every machine, and each machine gets its own ingest token bound to it (and to its person, when
// the script names one who has an account). Revoking a key stops new enrolments, not the tokens.

const PREFIX = 'vek_';
const NAME_MAX = 100;

export interface EnrolmentKeyView {
  id: string;
  name: string;
  scope: string;
  created_ms: number;
  created_by: string;
  revoked_ms: number | null;
}

const view = (r: EnrolmentKeyRow): EnrolmentKeyView => ({ id: r.id, name: r.name, scope: r.scope, created_ms: r.created_ms, created_by: r.created_by, revoked_ms: r.revoked_ms });

export class EnrolmentService {
  constructor(private readonly store: Store) {}

  async list(): Promise<{ keys: EnrolmentKeyView[] }> {
    return { keys: (await this.store.devices.listKeys()).map(view) };
  }

  /** A new key, shown once (only its SHA-256 is kept). */
  async create(body: unknown, actor: string, nowMs: number = Date.now()): Promise<EnrolmentKeyView & { key: string }> {
    const b = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : null) as Record<string, unknown> | null;
    if (!b) throw badRequest('body must be {"name": "..."}');
    for (const k of Object.keys(b)) if (k !== 'name') throw badRequest(`unknown field "${k}"; known: name`);
    const name = typeof b.name === 'string' ? b.name.trim() : '';
    if (name.length === 0 || name.length > NAME_MAX || /\p{Cc}/u.test(name)) throw badRequest(`"name" must be 1-${NAME_MAX} printable characters (which roll-out the key is for)`);
    return this.store.transaction(async (repos) => {
      const k = await this.insert(repos, name, actor, nowMs);
      await repos.audit.append({ time_ms: nowMs, actor, action: 'enrolment_key.create', resource: `enrolment_key/${k.id}`, details: { name } });
      return k;
    });
  }

  async revoke(id: string, actor: string, nowMs: number = Date.now()): Promise<EnrolmentKeyView> {
    const k = await this.active(id);
    await this.store.transaction(async (repos) => {
      if (!(await repos.devices.revokeKey(id, nowMs))) throw conflict(`enrolment key ${id} was revoked by another request just now`);
      await repos.audit.append({ time_ms: nowMs, actor, action: 'enrolment_key.revoke', resource: `enrolment_key/${id}`, details: { name: k.name } });
    });
    return view({ ...k, revoked_ms: nowMs });
  }

  /** A new key with the same name; the old one is refused from now on. */
  async rotate(id: string, actor: string, nowMs: number = Date.now()): Promise<EnrolmentKeyView & { key: string; replaces: string }> {
    const k = await this.active(id);
    return this.store.transaction(async (repos) => {
      if (!(await repos.devices.revokeKey(id, nowMs))) throw conflict(`enrolment key ${id} was revoked by another request just now`);
      const next = await this.insert(repos, k.name, actor, nowMs);
      await repos.audit.append({ time_ms: nowMs, actor, action: 'enrolment_key.rotate', resource: `enrolment_key/${next.id}`, details: { name: k.name, replaces: id } });
      return { ...next, replaces: id };
    });
  }

  /** `POST /v1/device/enrol` with `Authorization: Bearer vek_…`: an ingest token for this device. */
  async enrol(authorization: string | undefined, body: unknown, nowMs: number = Date.now()) {
    const m = /^Bearer\s+(vek_\S+)\s*$/i.exec(authorization ?? '');
    const key = m && m[1]!.length <= 200 ? await this.store.devices.activeKeyByHash(hashToken(m[1]!)) : undefined;
    if (!key) throw new ApiError(401, 'unauthorized', 'send Authorization: Bearer vek_… with an active enrolment key (revoked or rotated keys are refused)');
    const { info, body: b } = deviceInfo(body, ['hostname', 'os', 'device_id', 'user']);
    if (b.user !== undefined && (typeof b.user !== 'string' || b.user.length > 320)) throw badRequest('"user" must be an email address');
    const person = typeof b.user === 'string' ? await this.store.users.byEmail(b.user) : undefined;
    const user = person && person.disabled_ms === null ? person : undefined;
    const t = await this.store.transaction((repos) =>
      issueDeviceToken(repos, {
        device: info,
        userId: user?.id ?? null,
        userEmail: user?.email ?? null,
        scope: key.scope,
        actor: `enrolment_key:${key.name}`,
        via: 'enrolment_key',
        nowMs,
        extra: { enrolment_key: key.id, ...(b.user !== undefined && !user ? { user_asked: b.user } : {}) },
      }),
    );
    return { access_token: t.token, token_type: 'Bearer' as const, scope: key.scope, token_id: t.id, user: user?.email ?? null };
  }

  private async active(id: string): Promise<EnrolmentKeyRow> {
    const k = id.length <= 100 ? await this.store.devices.keyById(id) : undefined;
    if (!k) throw notFound(`no enrolment key with id "${id}"`);
    if (k.revoked_ms !== null) throw conflict(`enrolment key ${id} ("${k.name}") was already revoked`);
    return k;
  }

  private async insert(repos: Pick<Store, 'devices'>, name: string, actor: string, nowMs: number): Promise<EnrolmentKeyView & { key: string }> {
    const key = PREFIX + randomBytes(32).toString('base64url');
    const row: EnrolmentKeyRow = { id: randomUUID(), hash: hashToken(key), name, scope: 'ingest', created_ms: nowMs, created_by: actor, revoked_ms: null };
    await repos.devices.insertKey(row);
    return { ...view(row), key };
  }
}
