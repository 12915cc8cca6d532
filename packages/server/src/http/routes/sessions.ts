import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../app.js';
import { detailJson } from '../../services/session.service.js';
import { actorName } from '../../services/access.js';

export const sessionRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get('/v1/sessions', { config: { permission: 'sessions:read' } }, async (req) => {
    return services.sessions.list(req.query as Record<string, unknown>, services.privacy.reader(req.principal));
  });

  app.get('/v1/sessions/counts', { config: { permission: 'sessions:read' } }, async (req) => services.sessions.counts(req.query as Record<string, unknown>, services.privacy.reader(req.principal)));

  // The console's live view polls this while a session is active.
  app.get<{ Params: { id: string } }>('/v1/sessions/:id/live', { config: { permission: 'sessions:read' } }, async (req) =>
    services.sessions.live(req.params.id, req.query as Record<string, unknown>, services.privacy.reader(req.principal)),
  );

  // Workspace privacy: a reader allowed to reveal sees one session's content for an hour, for a reason (audited).
  app.post<{ Params: { id: string } }>('/v1/sessions/:id/reveal', { config: { permission: 'sessions:reveal' } }, async (req, reply) =>
    reply.code(201).send(await services.privacy.reveal(req.params.id, req.body, req.principal!, actorName(req.principal))),
  );

  app.get<{ Params: { id: string } }>('/v1/sessions/:id', { config: { permission: 'sessions:read' } }, async (req, reply) => {
    const detail = await services.sessions.get(req.params.id, req.query as Record<string, unknown>, services.privacy.reader(req.principal));
    return reply.type('application/json; charset=utf-8').send(detailJson(detail));
  });
};
