import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Store } from '../repositories/store.js';
import type { TokenRow } from '../repositories/token.repository.js';
import { isRole, isUserRole, type Principal, type PrincipalUser, type Role } from './access.js';

const PREFIX = 'vgl_';

/** Tokens are 256 random bits, so one SHA-256 is a safe stored form (no slow hash needed). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function generateToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/** How long a console sign-in lasts. */
export const WEB_SESSION_MS = 12 * 3_600_000;
export const WEB_COOKIE = 'vigil_session';

/** The CSRF token of a console sign-in, derived from its cookie: only a page that could read our answers knows it. */
export function csrfFor(cookie: string): string {
  return createHash('sha256').update(`csrf\0${cookie}`).digest('base64url');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface WebSignIn {
  cookie: string;
  csrf: string;
  principal: Principal;
  expires_ms: number;
}

export class AuthService {
  constructor(private readonly store: Store) {}

  /** Resolves an Authorization header to a principal, or null when it is missing, malformed or unknown. */
  async authenticate(header: string | undefined): Promise<Principal | null> {
    if (!header) return null;
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) return null;
    const row = await this.store.tokens.findActiveByHash(hashToken(m[1]!));
    return row ? this.tokenPrincipal(row) : null;
  }

  /** A token's principal: its scope, and its person when bound to one (refused once they are disabled). */
  private async tokenPrincipal(row: TokenRow): Promise<Principal | null> {
    if (!isRole(row.role)) return null;
    if (!row.user_id) return { tokenId: row.id, name: row.name, role: row.role };
    const user = await this.personOf(row.user_id);
    return user ? { tokenId: row.id, name: row.name, role: row.role, user } : null;
  }

  private async personOf(userId: string): Promise<PrincipalUser | null> {
    const u = await this.store.users.byId(userId);
    if (!u || u.disabled_ms !== null || !isUserRole(u.role)) return null;
    return { id: u.id, email: u.email, role: u.role, canReveal: u.can_reveal === 1 };
  }

  /** A person's principal (console sign-in by password or single sign-on). */
  async userPrincipal(userId: string): Promise<Principal | null> {
    const user = await this.personOf(userId);
    return user ? { tokenId: null, name: user.email, role: user.role, user } : null;
  }

  /** Starts a console session for a person who proved who they are (password or single sign-on). */
  async signInUser(userId: string, nowMs: number = Date.now()): Promise<WebSignIn | null> {
    const principal = await this.userPrincipal(userId);
    if (!principal) return null;
    return this.newWebSession({ userId }, principal, nowMs);
  }

  private async newWebSession(by: { tokenId: string } | { userId: string }, principal: Principal, nowMs: number): Promise<WebSignIn> {
    const cookie = randomBytes(32).toString('base64url');
    const expires_ms = nowMs + WEB_SESSION_MS;
    await this.store.webSessions.purgeExpired(nowMs);
    await this.store.webSessions.insert(hashToken(cookie), by, nowMs, expires_ms);
    return { cookie, csrf: csrfFor(cookie), principal, expires_ms };
  }

  /** Console sign-in with a token: a new cookie session bound to that token (refused to ingest-only tokens). */
  async signIn(token: string, nowMs: number = Date.now()): Promise<WebSignIn | 'invalid' | 'ingest'> {
    const principal = await this.authenticate(`Bearer ${token}`);
    if (!principal) return 'invalid';
    if (principal.role === 'ingest') return 'ingest';
    return this.newWebSession({ tokenId: principal.tokenId! }, principal, nowMs);
  }

  /** The principal of a console cookie, while the sign-in and its token are valid. */
  async fromCookie(cookie: string | undefined, nowMs: number = Date.now()): Promise<Principal | null> {
    if (!cookie || cookie.length > 100) return null;
    const row = await this.store.webSessions.find(hashToken(cookie), nowMs);
    if (!row) return null;
    if (row.user_id) return this.userPrincipal(row.user_id);
    const token = await this.store.tokens.get(row.token_id);
    return token && token.revoked_ms === null ? this.tokenPrincipal(token) : null;
  }

  async signOut(cookie: string): Promise<void> {
    await this.store.webSessions.delete(hashToken(cookie));
  }

  async createToken(name: string, role: Role): Promise<string> {
    const token = generateToken();
    await this.store.tokens.insert({ id: randomUUID(), name, role, hash: hashToken(token), created_ms: Date.now(), revoked_ms: null });
    return token;
  }

  /**
   * Makes sure an admin can get in: an admin token given at start is registered (idempotently);
   * with none given and no token in the store, a new one is created and returned once, to print.
   */
  async bootstrap(adminToken: string | undefined): Promise<string | null> {
    if (adminToken) {
      if (adminToken.length < 16) throw new Error('VIGIL_ADMIN_TOKEN must be at least 16 characters');
      await this.store.tokens.ensure({ id: randomUUID(), name: 'admin (VIGIL_ADMIN_TOKEN)', role: 'admin', hash: hashToken(adminToken), created_ms: Date.now(), revoked_ms: null });
      return null;
    }
    if ((await this.store.tokens.countActive()) > 0) return null;
    return this.createToken('admin (first start)', 'admin');
  }
}
