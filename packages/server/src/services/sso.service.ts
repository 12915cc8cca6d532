import { randomBytes, randomUUID } from 'node:crypto';
import * as oidc from 'openid-client';
import type { Store } from '../repositories/store.js';
import type { UserRow } from '../repositories/user.repository.js';
import type { SsoConfig } from './sso.config.js';

/** How long a started sign-in may take at the identity provider. */
export const FLOW_MS = 10 * 60_000;
/** Pending sign-ins kept at most (the start route is public, so memory is bounded). */
const MAX_FLOWS = 10_000;
const DEFAULT_NEXT = '/sessions';
const EMAIL = /^[^\s@]{1,128}@[^\s@]{1,255}$/;

/** A refusal to show the person on the sign-in page. */
export class SsoError extends Error {}

interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
  expiresMs: number;
}

/** A relative path on this server, else the default: `next` must not redirect elsewhere. */
export function safeNext(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 2000 || !raw.startsWith('/') || raw.startsWith('//') || /[\\\x00-\x1f\x7f]/.test(raw)) return DEFAULT_NEXT;
  const u = new URL(raw, 'http://vigil.invalid');
  return u.origin === 'http://vigil.invalid' && !u.pathname.startsWith('/signin') ? u.pathname + u.search + u.hash : DEFAULT_NEXT;
}

/**
 * OpenID Connect sign-in (authorization code with PKCE) through openid-client, which checks the
 * state, the ID token's signature, issuer, audience and nonce. Pending sign-ins live in memory.
 */
export class SsoService {
  private configuration: Promise<oidc.Configuration> | null = null;
  private readonly flows = new Map<string, Flow>();

  constructor(
    private readonly store: Store,
    readonly config: SsoConfig,
  ) {}

  info(): { enabled: true; name: string } {
    return { enabled: true, name: this.config.name };
  }

  /** The issuer's metadata, discovered once; a failure is forgotten so the next use tries again. */
  discover(): Promise<oidc.Configuration> {
    this.configuration ??= oidc
      .discovery(this.config.issuer, this.config.clientId, undefined, oidc.ClientSecretBasic(this.config.clientSecret), {
        timeout: 10,
        ...(this.config.insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
      })
      .catch((err: unknown) => {
        this.configuration = null;
        throw new Error(`single sign-on: cannot discover the issuer ${this.config.issuer.href}: ${(err as Error).message}`, { cause: err });
      });
    return this.configuration;
  }

  /** Starts a sign-in: the flow's id (for a cookie) and the issuer's URL to send the browser to. */
  async start(next: unknown, nowMs: number = Date.now()): Promise<{ flowId: string; url: string }> {
    const config = await this.discover();
    const flow: Flow = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier(), next: safeNext(next), expiresMs: nowMs + FLOW_MS };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.config.redirectUrl.href,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    const flowId = randomBytes(24).toString('base64url');
    this.remember(flowId, flow, nowMs);
    return { flowId, url: url.href };
  }

  private remember(id: string, flow: Flow, nowMs: number): void {
    for (const [k, f] of this.flows) if (f.expiresMs <= nowMs) this.flows.delete(k);
    // Oldest first (a Map keeps insertion order).
    while (this.flows.size >= MAX_FLOWS) this.flows.delete(this.flows.keys().next().value!);
    this.flows.set(id, flow);
  }

  /**
   * Finishes a sign-in from the issuer's redirect (`query`: the callback's query string): the
   * account to sign in and where to go, or an SsoError to show.
   */
  async finish(flowId: string | undefined, query: string, nowMs: number = Date.now()): Promise<{ userId: string; next: string }> {
    const flow = flowId ? this.flows.get(flowId) : undefined;
    if (flowId) this.flows.delete(flowId); // one use
    if (!flow || flow.expiresMs <= nowMs) throw new SsoError('the sign-in expired or was started in another browser; try again');
    const config = await this.discover();
    const current = new URL(this.config.redirectUrl);
    current.search = query;
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, current, { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true });
    } catch (err) {
      if (err instanceof oidc.AuthorizationResponseError) throw new SsoError(`the identity provider refused: ${err.error}`);
      // openid-client says "invalid response encountered"; the check that failed is its cause.
      const why = (e: Error) => (e.cause instanceof Error ? e.cause.message : e.message);
      if (err instanceof oidc.ResponseBodyError) throw new SsoError(`the identity provider refused: ${err.error}`);
      if (err instanceof oidc.ClientError) throw new SsoError(`the identity provider's answer was refused: ${why(err)}`);
      throw err;
    }
    const claims = tokens.claims()!;
    let { email, email_verified: verified, name } = claims;
    // Many issuers put the email in the ID token; the others (and oidc-provider) give it at userinfo.
    if (typeof email !== 'string') {
      const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
      ({ email, email_verified: verified } = info);
      name ??= info.name;
    }
    const identity = { issuer: config.serverMetadata().issuer, subject: claims.sub };
    if (typeof email !== 'string' || !EMAIL.test(email)) throw new SsoError('the identity provider gave no email address');
    email = email.toLowerCase();
    const refuse = async (reason: string): Promise<never> => {
      await this.store.audit.append({ time_ms: nowMs, actor: 'sso', action: 'user.sso_refused', resource: `sso/${identity.subject}`, details: { email, reason, ...identity } });
      throw new SsoError(reason);
    };
    if (verified === false || verified === 'false') await refuse('your email address is not verified by the identity provider');
    const domain = email.slice(email.lastIndexOf('@') + 1);
    if (this.config.allowedDomains && !this.config.allowedDomains.includes(domain)) await refuse(`email addresses at ${domain} may not sign in here`);

    const r = await this.store.transaction(async (repos): Promise<{ user: UserRow; how: 'known' | 'linked' | 'created' } | string> => {
      const known = await repos.users.byOidc(identity.issuer, identity.subject);
      if (known) return { user: known, how: 'known' };
      const byEmail = await repos.users.byEmail(email as string);
      if (byEmail) {
        if (byEmail.oidc_subject !== null) return `${email} is already linked to another single sign-on identity`;
        if (byEmail.disabled_ms !== null) return 'this account is disabled';
        // A verified email of an allowed domain: the password account is the same person.
        await repos.users.update(byEmail.id, { oidc_issuer: identity.issuer, oidc_subject: identity.subject });
        return { user: byEmail, how: 'linked' };
      }
      const user: UserRow = {
        id: randomUUID(),
        email: email as string,
        name: typeof name === 'string' ? name.slice(0, 200) : null,
        role: this.config.defaultRole,
        password_hash: null,
        oidc_issuer: identity.issuer,
        oidc_subject: identity.subject,
        can_reveal: 0,
        failed_logins: 0,
        locked_until_ms: null,
        created_ms: nowMs,
        disabled_ms: null,
      };
      await repos.users.insert(user);
      await repos.audit.append({ time_ms: nowMs, actor: 'sso', action: 'user.create', resource: `user/${user.id}`, details: { email: user.email, role: user.role, can_reveal: false, ...identity } });
      return { user, how: 'created' };
    });
    if (typeof r === 'string') return refuse(r);
    if (r.user.disabled_ms !== null) return refuse('this account is disabled');
    await this.store.audit.append({ time_ms: nowMs, actor: `user:${r.user.email}`, action: 'user.sso_login', resource: `user/${r.user.id}`, details: { ...identity, ...(r.how === 'known' ? {} : { [r.how]: true }) } });
    return { userId: r.user.id, next: flow.next };
  }
}
