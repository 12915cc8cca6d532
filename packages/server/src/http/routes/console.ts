import { parseCookie, stringifySetCookie } from 'cookie';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../app.js';
import { csrfFor, sameSecret, WEB_COOKIE } from '../../services/auth.service.js';
import { badRequest } from '../../services/errors.js';
import type { Principal } from '../../services/access.js';
import { installCommands } from '../../services/install.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isHttps(req: FastifyRequest): boolean {
  return req.protocol === 'https' || req.headers['x-forwarded-proto'] === 'https';
}

/** The sign-in cookie: HttpOnly, SameSite=Strict, and Secure when the console is reached over TLS. */
export function setCookie(reply: FastifyReply, req: FastifyRequest, value: string, maxAgeS: number): void {
  reply.header('set-cookie', stringifySetCookie(WEB_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'strict', secure: isHttps(req), maxAge: maxAgeS }));
}

export function consoleCookie(req: FastifyRequest): string | undefined {
  return req.headers.cookie ? parseCookie(req.headers.cookie)[WEB_COOKIE] : undefined;
}

/** A console request's CSRF check: unsafe methods carry the token derived from the cookie. */
export function csrfOk(req: FastifyRequest, cookie: string): boolean {
  if (SAFE.has(req.method)) return true;
  const header = req.headers['x-vigil-csrf'];
  return typeof header === 'string' && sameSecret(header, csrfFor(cookie));
}

/** What the console shows of who is signed in. */
function principalView(p: Principal) {
  return { name: p.name, role: p.role, kind: p.tokenId === null ? 'user' : 'token', ...(p.user ? { user: { id: p.user.id, email: p.user.email, role: p.user.role, can_reveal: p.user.canReveal } } : {}) };
}

function unauthorized(reply: FastifyReply, message: string) {
  return reply.code(401).send({ error: { code: 'unauthorized', message } });
}

export const consoleRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  // Sign in with a token (accounts come with the identity work): a cookie session bound to it.
  app.post('/v1/console/session', { config: { public: true } }, async (req, reply) => {
    const body = req.body as Record<string, unknown> | null;
    if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof body.token !== 'string' || body.token.length === 0 || body.token.length > 200) {
      throw badRequest('body must be {"token": "vgl_..."}');
    }
    const r = await services.auth.signIn(body.token);
    if (r === 'invalid') return unauthorized(reply, 'that token is not valid (or has been revoked)');
    if (r === 'ingest') return reply.code(403).send({ error: { code: 'forbidden', message: 'an ingest token can only send events; sign in with a read or admin token' } });
    setCookie(reply, req, r.cookie, Math.floor((r.expires_ms - Date.now()) / 1000));
    return { csrf: r.csrf, principal: principalView(r.principal) };
  });

  // Sign in as a person: email and password (rate-limited per address, locked after repeated failures).
  app.post('/v1/console/login', { config: { public: true } }, async (req, reply) => {
    const body = req.body as Record<string, unknown> | null;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('body must be {"email": "...", "password": "..."}');
    const r = await services.users.signIn(body.email, body.password, req.ip);
    if (!r.ok) return reply.code(r.status).send({ error: { code: r.status === 429 ? 'rate_limited' : r.status === 423 ? 'locked' : 'unauthorized', message: r.message } });
    const s = await services.auth.signInUser(r.user.id);
    if (!s) return unauthorized(reply, 'this account cannot sign in');
    setCookie(reply, req, s.cookie, Math.floor((s.expires_ms - Date.now()) / 1000));
    return { csrf: s.csrf, principal: principalView(s.principal) };
  });

  app.get('/v1/console/session', { config: { public: true } }, async (req, reply) => {
    const cookie = consoleCookie(req);
    const p = await services.auth.fromCookie(cookie);
    if (!p || !cookie) return unauthorized(reply, 'not signed in');
    return { csrf: csrfFor(cookie), principal: principalView(p) };
  });

  app.delete('/v1/console/session', { config: { public: true } }, async (req, reply) => {
    const cookie = consoleCookie(req);
    if (cookie) {
      if (!csrfOk(req, cookie)) return reply.code(403).send({ error: { code: 'csrf', message: 'missing or wrong x-vigil-csrf header' } });
      await services.auth.signOut(cookie);
    }
    setCookie(reply, req, '', 0);
    return reply.code(204).send();
  });

  // What to run on a developer's machine to connect each client, ready to copy.
  app.get('/v1/console/install', { config: { permission: 'settings:read' } }, async (req) => {
    const proto = req.headers['x-forwarded-proto'] === 'https' ? 'https' : req.protocol;
    return installCommands(`${proto}://${req.host}`);
  });
};
