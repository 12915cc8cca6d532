import { randomUUID } from 'node:crypto';
import type { UserAccount } from '@vigil/core';
import type { Store } from '../repositories/store.js';
import type { UserRow } from '../repositories/user.repository.js';
import { USER_ROLES, type UserRole } from './access.js';
import { badRequest, notFound } from './errors.js';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from './password.js';

/** After this many wrong passwords in a row an account is locked for LOCK_MS. */
export const LOCK_AFTER = 5;
export const LOCK_MS = 15 * 60_000;
/** Sign-in attempts per client address per minute, whatever the account. */
export const ATTEMPTS_PER_MINUTE = 10;

export function userView(u: UserRow): UserAccount {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role as UserRole,
    can_reveal: u.can_reveal === 1,
    sso: u.oidc_subject !== null,
    password: u.password_hash !== null,
    locked_until_ms: u.locked_until_ms === null ? null : Number(u.locked_until_ms),
    disabled: u.disabled_ms !== null,
    created_ms: Number(u.created_ms),
  };
}

export type SignInResult = { ok: true; user: UserRow } | { ok: false; status: 401 | 423 | 429; message: string };

const EMAIL = /^[^\s@]{1,128}@[^\s@]{1,255}$/;

/** Accounts: created and changed by admins (audited), signed in with a password or single sign-on. */
export class UserService {
  private readonly attempts = new Map<string, number[]>();

  constructor(private readonly store: Store) {}

  /** Creates an account; `password` optional (single sign-on only). */
  async create(body: unknown, actor: string, nowMs: number = Date.now()): Promise<UserAccount> {
    const b = fields(body, ['email', 'name', 'role', 'password', 'can_reveal']);
    if (typeof b.email !== 'string' || !EMAIL.test(b.email)) throw badRequest('"email" must be an email address');
    if (!(USER_ROLES as readonly unknown[]).includes(b.role)) throw badRequest(`"role" must be one of: ${USER_ROLES.join(', ')}`);
    if (b.name !== undefined && (typeof b.name !== 'string' || b.name.length > 200)) throw badRequest('"name" must be a string of at most 200 characters');
    if (b.password !== undefined) {
      const problem = passwordProblem(b.password);
      if (problem) throw badRequest(problem);
    }
    if (b.can_reveal !== undefined && typeof b.can_reveal !== 'boolean') throw badRequest('"can_reveal" must be true or false');
    const email = b.email.toLowerCase();
    if (await this.store.users.byEmail(email)) throw badRequest(`a user with email ${email} exists`);
    const row: UserRow = {
      id: randomUUID(),
      email,
      name: (b.name as string | undefined) ?? null,
      role: b.role as string,
      password_hash: typeof b.password === 'string' ? await hashPassword(b.password) : null,
      oidc_issuer: null,
      oidc_subject: null,
      can_reveal: b.can_reveal === true ? 1 : 0,
      failed_logins: 0,
      locked_until_ms: null,
      created_ms: nowMs,
      disabled_ms: null,
    };
    await this.store.transaction(async (repos) => {
      await repos.users.insert(row);
      await repos.audit.append({ time_ms: nowMs, actor, action: 'user.create', resource: `user/${row.id}`, details: { email, role: row.role, can_reveal: row.can_reveal === 1 } });
    });
    return userView(row);
  }

  async list(): Promise<UserAccount[]> {
    return (await this.store.users.list()).map(userView);
  }

  /** Changes role, name, reveal permission, password, or disables/enables; audited with before and after. */
  async update(id: string, body: unknown, actor: string, nowMs: number = Date.now()): Promise<UserAccount> {
    const b = fields(body, ['name', 'role', 'password', 'can_reveal', 'disabled', 'unlock']);
    const u = await this.store.users.byId(id);
    if (!u) throw notFound(`no user with id ${JSON.stringify(id)}`);
    const patch: Partial<UserRow> = {};
    if (b.role !== undefined) {
      if (!(USER_ROLES as readonly unknown[]).includes(b.role)) throw badRequest(`"role" must be one of: ${USER_ROLES.join(', ')}`);
      patch.role = b.role as string;
    }
    if (b.name !== undefined) {
      if (typeof b.name !== 'string' || b.name.length > 200) throw badRequest('"name" must be a string of at most 200 characters');
      patch.name = b.name;
    }
    if (b.can_reveal !== undefined) {
      if (typeof b.can_reveal !== 'boolean') throw badRequest('"can_reveal" must be true or false');
      patch.can_reveal = b.can_reveal ? 1 : 0;
    }
    if (b.disabled !== undefined) {
      if (typeof b.disabled !== 'boolean') throw badRequest('"disabled" must be true or false');
      patch.disabled_ms = b.disabled ? nowMs : null;
    }
    if (b.unlock === true) Object.assign(patch, { failed_logins: 0, locked_until_ms: null });
    if (b.password !== undefined) {
      const problem = passwordProblem(b.password);
      if (problem) throw badRequest(problem);
      patch.password_hash = await hashPassword(b.password as string);
    }
    const before = userView(u);
    await this.store.transaction(async (repos) => {
      await repos.users.update(id, patch);
      // Disabling an account or changing its role ends its console sessions.
      if (patch.disabled_ms || patch.role) await repos.webSessions.deleteForUser(id);
      const { password_hash: _omit, ...changed } = patch;
      await repos.audit.append({ time_ms: nowMs, actor, action: 'user.update', resource: `user/${id}`, details: { before: { role: before.role, can_reveal: before.can_reveal, disabled: before.disabled }, changed: { ...changed, ...(patch.password_hash ? { password: 'changed' } : {}) } } });
    });
    return userView((await this.store.users.byId(id))!);
  }

  /**
   * Password sign-in. Every outcome takes one scrypt (a missing account too, so an address cannot be
   * probed by timing); too many attempts from one address is a 429; LOCK_AFTER wrong passwords in a
   * row lock the account for LOCK_MS (423), and the lock is audited.
   */
  async signIn(email: unknown, password: unknown, client: string, nowMs: number = Date.now()): Promise<SignInResult> {
    if (!this.allow(client, nowMs)) return { ok: false, status: 429, message: `too many sign-in attempts from this address; wait a minute` };
    if (typeof email !== 'string' || typeof password !== 'string' || password.length > 1024) return { ok: false, status: 401, message: 'wrong email or password' };
    const u = await this.store.users.byEmail(email);
    if (!u || !u.password_hash || u.disabled_ms !== null) {
      await verifyPassword(password, await dummyHash());
      return { ok: false, status: 401, message: 'wrong email or password' };
    }
    if (u.locked_until_ms !== null && Number(u.locked_until_ms) > nowMs) {
      await verifyPassword(password, await dummyHash());
      return { ok: false, status: 423, message: `this account is locked after ${LOCK_AFTER} wrong passwords until ${new Date(Number(u.locked_until_ms)).toISOString()}; an admin can unlock it` };
    }
    if (!(await verifyPassword(password, u.password_hash))) {
      const n = await this.store.users.failedLogin(u.id);
      if (n >= LOCK_AFTER) {
        const until = nowMs + LOCK_MS;
        await this.store.transaction(async (repos) => {
          await repos.users.update(u.id, { locked_until_ms: until, failed_logins: 0 });
          await repos.audit.append({ time_ms: nowMs, actor: 'system', action: 'user.locked', resource: `user/${u.id}`, details: { email: u.email, failed: n, until_ms: until, client } });
        });
      }
      return { ok: false, status: 401, message: 'wrong email or password' };
    }
    if (u.failed_logins !== 0 || u.locked_until_ms !== null) await this.store.users.update(u.id, { failed_logins: 0, locked_until_ms: null });
    return { ok: true, user: u };
  }

  /** Sliding one-minute window of attempts per client address. */
  private allow(client: string, nowMs: number): boolean {
    const recent = (this.attempts.get(client) ?? []).filter((t) => t > nowMs - 60_000);
    if (recent.length >= ATTEMPTS_PER_MINUTE) {
      this.attempts.set(client, recent);
      return false;
    }
    recent.push(nowMs);
    this.attempts.set(client, recent);
    if (this.attempts.size > 10_000) for (const [k, v] of this.attempts) if (!v.some((t) => t > nowMs - 60_000)) this.attempts.delete(k);
    return true;
  }
}

function fields(body: unknown, known: string[]): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest(`body must be an object with: ${known.join(', ')}`);
  for (const k of Object.keys(body)) if (!known.includes(k)) throw badRequest(`unknown field "${k}"; known: ${known.join(', ')}`);
  return body as Record<string, unknown>;
}
