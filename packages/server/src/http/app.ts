import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { can, type Permission, type Principal } from '../services/access.js';
import type { AuthService } from '../services/auth.service.js';
import { ApiError } from '../services/errors.js';
import type { HookService } from '../services/hook.service.js';
import type { OtlpService } from '../services/otlp.service.js';
import type { Ingestor } from '../services/ingest.pool.js';
import { parseJsonBody } from '../services/json-body.js';
import type { SessionService } from '../services/session.service.js';
import type { Store } from '../repositories/store.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { hookRoutes } from './routes/hooks.js';
import { otlpRoutes } from './routes/otlp.js';
import { sessionRoutes } from './routes/sessions.js';
import { settingsRoutes } from './routes/settings.js';
import { mcpRoutes } from './routes/mcp.js';
import type { McpService } from '../services/mcp.service.js';
import type { ScanningService } from '../services/scanning.service.js';
import type { AuditService } from '../services/audit.service.js';
import type { GuardService } from '../services/guard.service.js';
import type { KillService } from '../services/kill.service.js';
import type { DecisionService } from '../services/decision.service.js';
import { guardRoutes } from './routes/guard.js';
import type { ClientsService } from '../services/clients.service.js';
import type { InsightsService } from '../services/insights.service.js';
import { consoleCookie, consoleRoutes, csrfOk } from './routes/console.js';
import { insightRoutes } from './routes/insights.js';
import { userRoutes } from './routes/users.js';
import type { UserService } from '../services/user.service.js';
import type { PrivacyService } from '../services/privacy.service.js';
import { consolePages } from './console-static.js';
import type { TokenService } from '../services/token.service.js';
import type { RetentionService } from '../services/retention.service.js';
import { tokenRoutes } from './routes/tokens.js';
import { retentionRoutes } from './routes/retention.js';
import { ssoRoutes } from './routes/sso.js';
import type { SsoService } from '../services/sso.service.js';
import { deviceRoutes } from './routes/device.js';
import type { DeviceService } from '../services/device.service.js';
import type { EnrolmentService } from '../services/enrolment.service.js';
import type { HermesWebhookService } from '../services/hermes-webhook.service.js';
import { webhookRoutes } from './routes/webhooks.js';

export interface Services {
  store: Store;
  auth: AuthService;
  ingest: Ingestor;
  sessions: SessionService;
  hooks: HookService;
  otlp: OtlpService;
  scanning: ScanningService;
  audit: AuditService;
  mcp: McpService;
  guard: GuardService;
  kills: KillService;
  decisions: DecisionService;
  clients: ClientsService;
  insights: InsightsService;
  users: UserService;
  privacy: PrivacyService;
  tokens: TokenService;
  retention: RetentionService;
  /** Single sign-on, when the config file has an `sso` key. */
  sso?: SsoService | undefined;
  device: DeviceService;
  enrolment: EnrolmentService;
  /** Hermes Agent's signed outbound webhooks. */
  hermesWebhooks: HermesWebhookService;
}

export interface AppOptions {
  bodyLimit: number;
  logger: FastifyServerOptions['logger'];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Routes without `public: true` require a token that has this permission. */
    permission?: Permission;
    public?: boolean;
    /** Authenticated by the request's own signature (webhooks), checked by the route: no token is asked for or accepted. */
    signed?: boolean;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyInstance {
    /** Every route with the access it declares: the authorisation matrix test walks them all. */
    routeList: RouteAccess[];
  }
}

export interface RouteAccess {
  method: string;
  url: string;
  permission: Permission | null;
  public: boolean;
  signed: boolean;
}

function errorBody(code: string, message: string, details?: unknown) {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}

// Fastify's own 4xx errors, named for the caller.
const FASTIFY_CODES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large', 'request body is larger than the limit of {limit} bytes; send smaller batches'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'content-type must be application/json'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'bad_request', 'body is empty; expected JSON'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad_request', 'content-length does not match the body'],
};

export function buildApp(services: Services, opts: AppOptions): FastifyInstance {
  const app = Fastify({ logger: opts.logger, bodyLimit: opts.bodyLimit, logController: new LogController({ disableRequestLogging: true }), return503OnClosing: true });

  // One JSON parser for every route (see services/json-body.ts); POST /v1/events takes the raw
  // bytes instead and hands them to an ingest worker (routes/events.ts).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as Buffer));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  app.addHook('onRequest', async (req, reply) => {
    const config = req.routeOptions.config;
    if (config.public || config.signed) return;
    // A bearer token (agents, scripts), else the console's sign-in cookie, whose unsafe requests
    // must carry the CSRF token (a cross-site page can send the cookie but cannot read it).
    const cookie = req.headers.authorization ? undefined : consoleCookie(req);
    const principal = cookie ? await services.auth.fromCookie(cookie) : await services.auth.authenticate(req.headers.authorization);
    if (!principal) {
      reply.header('www-authenticate', 'Bearer realm="vigil"');
      const message = cookie
        ? 'the console sign-in has expired or its token was revoked; sign in again'
        : req.headers.authorization
          ? 'the bearer token is not valid'
          : 'missing bearer token: send Authorization: Bearer <token>';
      return reply.code(401).send(errorBody('unauthorized', message));
    }
    if (cookie && !csrfOk(req, cookie)) return reply.code(403).send(errorBody('csrf', 'missing or wrong x-vigil-csrf header (the console sends it on every change)'));
    // Fail closed: a route that forgot to declare its permission is refused to everyone.
    // (The not-found handler has no permission; an authenticated caller gets its 404.)
    if (!req.is404 && (!config.permission || !can(principal, config.permission))) {
      const who = principal.tokenId === null ? `you (role ${principal.role})` : principal.user ? `this token (scope ${principal.role}, for ${principal.user.email}, role ${principal.user.role})` : `this token (role ${principal.role})`;
      return reply.code(403).send(errorBody('forbidden', `${who} may not ${req.method} ${req.routeOptions.url ?? req.url}`));
    }
    req.principal = principal;
  });

  // During shutdown, answers close their connection, so a keep-alive client does not hold the
  // server open until its idle timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  app.addHook('onResponse', async (req, reply) => {
    req.log.info({ method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
  });

  app.setErrorHandler((err: FastifyError | ApiError, req, reply) => {
    if (err instanceof ApiError) return reply.code(err.status).send(errorBody(err.code, err.message, err.details));
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (known) return reply.code(known[0]).send(errorBody(known[1], known[2].replace('{limit}', String(opts.bodyLimit))));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send(errorBody('bad_request', err.message));
    }
    req.log.error({ err }, 'request failed');
    return reply.code(500).send(errorBody('internal', 'internal error; the request was not applied'));
  });

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send(errorBody('not_found', `no route ${req.method} ${req.url.split('?')[0]}`));
  });

  const routeList: RouteAccess[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routeList.push({ method, url: r.url, permission: r.config?.permission ?? null, public: r.config?.public === true, signed: r.config?.signed === true });
  });

  app.register(healthRoutes, { services });
  app.register(eventRoutes, { services });
  app.register(sessionRoutes, { services });
  app.register(hookRoutes, { services });
  app.register(otlpRoutes, { services });
  app.register(settingsRoutes, { services });
  app.register(mcpRoutes, { services });
  app.register(guardRoutes, { services });
  app.register(consoleRoutes, { services });
  app.register(insightRoutes, { services });
  app.register(userRoutes, { services });
  app.register(tokenRoutes, { services });
  app.register(retentionRoutes, { services });
  app.register(ssoRoutes, { services });
  app.register(deviceRoutes, { services });
  app.register(webhookRoutes, { services });
  app.register(consolePages);
  return app;
}
