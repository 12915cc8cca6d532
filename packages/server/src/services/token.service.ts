import { randomUUID } from 'node:crypto';
import type { Store } from '../repositories/store.js';
import { ROLES, actorName, isRole, type Principal, type Role } from './access.js';
import { generateToken, hashToken } from './auth.service.js';
import { ApiError, badRequest, conflict, notFound } from './errors.js';

const FIELDS = ['name', 'role'];
const NAME_MAX = 100;

/** A token as the API lists it: never its hash, never the token itself. */
export interface TokenView {
  id: string;
  name: string;
  role: string;
  created_ms: number;
  revoked_ms: number | null;
  /** Only for a token bound to a person (device login, enrolment). */
  user_id?: string;
  /** Only for a device's token. */
  device?: { hostname: string | null; os: string | null; id: string | null };
}

type TokenListRow = Omit<TokenView, 'user_id' | 'device'> & { user_id?: string | null; device_id?: string | null; device_hostname?: string | null; device_os?: string | null };

export interface CreatedToken {
  id: string;
  name: string;
  role: Role;
  /** Shown once: only its SHA-256 is stored. */
  token: string;
}

export function validateNewToken(input: unknown): { ok: true; name: string; role: Role } | { ok: false; errors: string[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, errors: [`body must be an object: {"name", "role": ${ROLES.join(' | ')}}`] };
  const b = input as Record<string, unknown>;
  const errors: string[] = [];
  const unknown = Object.keys(b).filter((k) => !FIELDS.includes(k));
  if (unknown.length > 0) errors.push(`unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => JSON.stringify(k)).join(', ')}; known: ${FIELDS.join(', ')}`);
  const name = typeof b.name === 'string' ? b.name.trim() : undefined;
  // The name is how the audit log names whoever uses the token: printable, one line.
  if (name === undefined || name.length === 0 || name.length > NAME_MAX || /[\p{Cc}]/u.test(name)) errors.push(`name must be 1-${NAME_MAX} printable characters (who or what the token is for)`);
  if (!isRole(b.role)) errors.push(`role must be one of ${ROLES.join(', ')}${b.role === undefined ? '' : `, got ${JSON.stringify(b.role)}`}`);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, name: name!, role: b.role as Role };
}

function view(r: TokenListRow): TokenView {
  const v: TokenView = { id: r.id, name: r.name, role: r.role, created_ms: r.created_ms, revoked_ms: r.revoked_ms };
  if (r.user_id) v.user_id = r.user_id;
  if (r.device_hostname || r.device_id) v.device = { hostname: r.device_hostname ?? null, os: r.device_os ?? null, id: r.device_id ?? null };
  return v;
}

/** Token management (the API and `vigil token`): every creation and revocation is audited. */
export class TokenService {
  constructor(private readonly store: Store) {}

  async list(): Promise<{ tokens: TokenView[] }> {
    return { tokens: (await this.store.tokens.list()).map(view) };
  }

  async create(input: unknown, actor: string, nowMs: number = Date.now()): Promise<CreatedToken> {
    const v = validateNewToken(input);
    if (!v.ok) throw badRequest(`the token is not valid: ${v.errors.join('; ')}`, v.errors);
    const token = generateToken();
    const id = randomUUID();
    await this.store.transaction(async (repos) => {
      await repos.tokens.insert({ id, name: v.name, role: v.role, hash: hashToken(token), created_ms: nowMs, revoked_ms: null });
      await repos.audit.append({ time_ms: nowMs, actor, action: 'token.create', resource: `token/${id}`, details: { name: v.name, role: v.role } });
    });
    return { id, name: v.name, role: v.role, token };
  }

  /** `DELETE /v1/tokens/:id[?self=true]`: the query checked, then revoke() as the caller. */
  async revokeRequest(id: string, query: Record<string, string | undefined>, caller: Principal | undefined): Promise<TokenView> {
    for (const k of Object.keys(query)) if (k !== 'self') throw badRequest(`unknown query parameter "${k}"; known: self`);
    if (query.self !== undefined && query.self !== 'true' && query.self !== 'false') throw badRequest('self must be true or false');
    return this.revoke(id, actorName(caller), { callerTokenId: caller?.tokenId ?? undefined, self: query.self === 'true' });
  }

  /**
   * Revokes a token: refused from the very next request on, and its console sign-ins end. The
   * caller's own token only with `self`, so nobody locks themselves out by a slip.
   */
  async revoke(id: string, actor: string, opts: { callerTokenId?: string | undefined; self?: boolean } = {}, nowMs: number = Date.now()): Promise<TokenView> {
    const t = id.length <= 100 ? await this.store.tokens.get(id) : undefined;
    if (!t) throw notFound(`no token with id "${id}"`);
    if (t.revoked_ms !== null) throw conflict(`token ${id} ("${t.name}") was already revoked at ${new Date(Number(t.revoked_ms)).toISOString()}`);
    if (opts.callerTokenId === id && !opts.self) {
      throw new ApiError(409, 'self_revoke', `token ${id} ("${t.name}") is the token this request is made with: revoking it locks this caller out. Repeat with ?self=true to revoke it anyway`);
    }
    const done = await this.store.transaction(async (repos) => {
      if (!(await repos.tokens.revoke(id, nowMs))) return false;
      await repos.webSessions.deleteForToken(id);
      await repos.audit.append({ time_ms: nowMs, actor, action: 'token.revoke', resource: `token/${id}`, details: { name: t.name, role: t.role, ...(opts.callerTokenId === id ? { self: true } : {}) } });
      return true;
    });
    if (!done) throw conflict(`token ${id} ("${t.name}") was revoked by another request just now`);
    return view({ ...t, created_ms: Number(t.created_ms), revoked_ms: nowMs });
  }
}
