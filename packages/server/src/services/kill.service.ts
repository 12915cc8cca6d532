import { randomBytes } from 'node:crypto';
import { isValidId } from '@vigil/core';
import type { Kill } from '../repositories/kill.repository.js';
import type { Store } from '../repositories/store.js';
import { badRequest, notFound } from './errors.js';

export type KillScope = Kill['scope'];

/**
 * Kill switches: a session, every session of a user, or everything. Active kills are held in
 * memory (checked on every tool call, so the check is a map lookup) and in the store (they
 * survive a restart). Every kill and lift is audited.
 */
export class KillService {
  private sessions = new Map<string, Kill>();
  private users = new Map<string, Kill>();
  private all: Kill | null = null;

  constructor(private readonly store: Store) {}

  async load(): Promise<void> {
    this.index(await this.store.kills.active());
  }

  private index(active: readonly Kill[]): void {
    this.sessions = new Map();
    this.users = new Map();
    this.all = null;
    for (const k of active) {
      if (k.scope === 'all') this.all ??= k;
      else if (k.scope === 'user' && k.target) this.users.set(k.target, k);
      else if (k.scope === 'session' && k.target) this.sessions.set(k.target, k);
    }
  }

  /** The kill that stops this session, if any (session first, then user, then everything). */
  check(sessionId: string, user: string | undefined): Kill | null {
    return this.sessions.get(sessionId) ?? (user ? this.users.get(user) : undefined) ?? this.all;
  }

  /** Validates an API request ({scope, session_id | user, reason}) and kills. */
  async request(body: unknown, actor: string, nowMs: number = Date.now()): Promise<Kill> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('body must be an object: {"scope": "session" | "user" | "all", "session_id"?, "user"?, "reason"}');
    const b = body as Record<string, unknown>;
    for (const k of Object.keys(b)) if (!['scope', 'session_id', 'user', 'reason'].includes(k)) throw badRequest(`unknown field "${k}"; known: scope, session_id, user, reason`);
    const reason = typeof b.reason === 'string' && b.reason.trim() ? b.reason.trim().slice(0, 1000) : null;
    if (!reason) throw badRequest('"reason" is required: say why (the agent and the audit log both see it)');
    switch (b.scope) {
      case 'session':
        if (typeof b.session_id !== 'string' || !isValidId(b.session_id)) throw badRequest('"session_id" must name the session to kill');
        if (b.user !== undefined) throw badRequest('"user" is only for scope "user"');
        return this.kill('session', b.session_id, reason, actor, nowMs);
      case 'user':
        if (typeof b.user !== 'string' || b.user.length === 0 || b.user.length > 256) throw badRequest('"user" must name the user whose sessions to kill');
        if (b.session_id !== undefined) throw badRequest('"session_id" is only for scope "session"');
        return this.kill('user', b.user, reason, actor, nowMs);
      case 'all':
        if (b.user !== undefined || b.session_id !== undefined) throw badRequest('scope "all" takes no "user" or "session_id"');
        return this.kill('all', null, reason, actor, nowMs);
      default:
        throw badRequest('"scope" must be one of session, user, all');
    }
  }

  /** Kills (idempotent: an active kill of the same target is returned as it is). */
  async kill(scope: KillScope, target: string | null, reason: string, actor: string, nowMs: number = Date.now(), details: Record<string, unknown> = {}): Promise<Kill> {
    const existing = scope === 'all' ? this.all : scope === 'user' ? this.users.get(target!) : this.sessions.get(target!);
    if (existing) return existing;
    const k: Kill = { id: `kill_${randomBytes(9).toString('base64url')}`, scope, target, reason, actor, created_ms: nowMs, lifted_ms: null, lifted_by: null };
    await this.store.transaction(async (repos) => {
      await repos.kills.insert(k);
      await repos.audit.append({ time_ms: nowMs, actor, action: 'kill.create', resource: killResource(k), details: { id: k.id, scope, target, reason, ...details } });
    });
    this.index([...this.activeList(), k]);
    return k;
  }

  async lift(id: string, actor: string, nowMs: number = Date.now()): Promise<Kill> {
    const k = await this.store.kills.get(id);
    if (!k) throw notFound(`no kill switch ${id}`);
    if (k.lifted_ms !== null) throw badRequest(`kill switch ${id} was already lifted by ${k.lifted_by}`);
    await this.store.transaction(async (repos) => {
      await repos.kills.lift(id, actor, nowMs);
      await repos.audit.append({ time_ms: nowMs, actor, action: 'kill.lift', resource: killResource(k), details: { id, scope: k.scope, target: k.target } });
    });
    this.index(this.activeList().filter((x) => x.id !== id));
    return { ...k, lifted_ms: nowMs, lifted_by: actor };
  }

  async list(): Promise<{ active: Kill[]; recent: Kill[] }> {
    return { active: this.activeList(), recent: await this.store.kills.list(100) };
  }

  private activeList(): Kill[] {
    return [...(this.all ? [this.all] : []), ...this.users.values(), ...this.sessions.values()];
  }
}

function killResource(k: Kill): string {
  return k.scope === 'all' ? 'kill/all' : `${k.scope === 'session' ? 'sessions' : 'users'}/${k.target}`;
}
