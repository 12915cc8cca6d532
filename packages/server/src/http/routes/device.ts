import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Services } from '../app.js';
import { actorName } from '../../services/access.js';
import { DeviceGrantError } from '../../services/device.service.js';

// Device enrolment: the RFC 8628 device login (public endpoints for the device, approval by a
// signed-in person) and organisation enrolment keys (docs/enrolment.md).

/** RFC 6749 §5.2: OAuth errors are 400 `{error, error_description}`; tokens are never cached. */
async function oauth(reply: FastifyReply, fn: () => Promise<unknown>) {
  reply.header('cache-control', 'no-store');
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DeviceGrantError) return reply.code(400).send({ error: err.error, error_description: err.message });
    throw err;
  }
}

export const deviceRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  // RFC 8628 clients send forms; ours sends JSON. Only these routes take forms.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16_384 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  const base = (req: { headers: Record<string, unknown>; protocol: string; host: string }) => `${req.headers['x-forwarded-proto'] === 'https' ? 'https' : req.protocol}://${req.host}`;

  app.post('/v1/device/code', { config: { public: true } }, async (req, reply) => oauth(reply, () => services.device.start(req.body, req.ip, base(req))));
  app.post('/v1/device/token', { config: { public: true } }, async (req, reply) => oauth(reply, () => services.device.poll(req.body)));
  app.get<{ Params: { user_code: string } }>('/v1/device/requests/:user_code', { config: { permission: 'events:write' } }, async (req) => services.device.request(req.params.user_code, req.principal));
  app.post('/v1/device/approve', { config: { permission: 'events:write' } }, async (req) => services.device.decide(req.body, req.principal));
  app.post('/v1/device/enrol', { config: { public: true } }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return reply.code(201).send(await services.enrolment.enrol(req.headers.authorization, req.body));
  });

  app.get('/v1/enrolment-keys', { config: { permission: 'tokens:manage' } }, async () => services.enrolment.list());
  app.post('/v1/enrolment-keys', { config: { permission: 'tokens:manage' } }, async (req, reply) => reply.code(201).send(await services.enrolment.create(req.body, actorName(req.principal))));
  app.delete<{ Params: { id: string } }>('/v1/enrolment-keys/:id', { config: { permission: 'tokens:manage' } }, async (req) => services.enrolment.revoke(req.params.id, actorName(req.principal)));
  app.post<{ Params: { id: string } }>('/v1/enrolment-keys/:id/rotate', { config: { permission: 'tokens:manage' } }, async (req, reply) =>
    reply.code(201).send(await services.enrolment.rotate(req.params.id, actorName(req.principal))),
  );
};
