import { parseCookie, stringifySetCookie } from 'cookie';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../app.js';
import { FLOW_MS, SsoError } from '../../services/sso.service.js';
import { isHttps, setCookie } from './console.js';

/** The pending sign-in's id. SameSite=Lax: it must come back on the issuer's cross-site redirect. */
const FLOW_COOKIE = 'vigil_sso';
const FLOW_PATH = '/v1/console/sso';

function flowCookie(reply: FastifyReply, req: FastifyRequest, value: string, maxAgeS: number): void {
  reply.header('set-cookie', stringifySetCookie(FLOW_COOKIE, value, { path: FLOW_PATH, httpOnly: true, sameSite: 'lax', secure: isHttps(req), maxAge: maxAgeS }));
}

const toSignIn = (reply: FastifyReply, message: string) => reply.redirect(`/signin?error=${encodeURIComponent(message)}`, 302);

// OpenID Connect single sign-on (services/sso.service.ts). Browser navigations: answers are redirects.
export const ssoRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const sso = services.sso;

  app.get('/v1/console/sso', { config: { public: true } }, async () => (sso ? sso.info() : { enabled: false, name: null }));

  app.get<{ Querystring: { next?: string } }>('/v1/console/sso/start', { config: { public: true } }, async (req, reply) => {
    if (!sso) return toSignIn(reply, 'single sign-on is not configured on this server');
    try {
      const { flowId, url } = await sso.start(req.query.next);
      flowCookie(reply, req, flowId, FLOW_MS / 1000);
      return reply.redirect(url, 302);
    } catch (err) {
      req.log.warn({ err }, 'single sign-on: start failed');
      return toSignIn(reply, 'the identity provider cannot be reached; try again later');
    }
  });

  app.get('/v1/console/sso/callback', { config: { public: true } }, async (req, reply) => {
    if (!sso) return toSignIn(reply, 'single sign-on is not configured on this server');
    const flowId = req.headers.cookie ? parseCookie(req.headers.cookie)[FLOW_COOKIE] : undefined;
    flowCookie(reply, req, '', 0);
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    try {
      const { userId, next } = await sso.finish(flowId, query);
      const s = await services.auth.signInUser(userId);
      if (!s) return toSignIn(reply, 'this account cannot sign in');
      setCookie(reply, req, s.cookie, Math.floor((s.expires_ms - Date.now()) / 1000));
      return reply.redirect(next, 302);
    } catch (err) {
      if (err instanceof SsoError) {
        req.log.info({ reason: err.message }, 'single sign-on refused');
        return toSignIn(reply, err.message);
      }
      req.log.error({ err }, 'single sign-on failed');
      return toSignIn(reply, 'single sign-on failed; try again or ask an admin to check the server log');
    }
  });
};
