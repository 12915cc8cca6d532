import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../app.js';
import { detailJson } from '../../services/session.service.js';

export const sessionRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get('/v1/sessions', { config: { permission: 'sessions:read' } }, async (req) => {
    return services.sessions.list(req.query as Record<string, unknown>);
  });

  app.get('/v1/sessions/counts', { config: { permission: 'sessions:read' } }, async (req) => services.sessions.counts(req.query as Record<string, unknown>));

  // The console's live view polls this while a session is active.
  app.get<{ Params: { id: string } }>('/v1/sessions/:id/live', { config: { permission: 'sessions:read' } }, async (req) =>
    services.sessions.live(req.params.id, req.query as Record<string, unknown>),
  );

  app.get<{ Params: { id: string } }>('/v1/sessions/:id', { config: { permission: 'sessions:read' } }, async (req, reply) => {
    const detail = await services.sessions.get(req.params.id, req.query as Record<string, unknown>);
    return reply.type('application/json; charset=utf-8').send(detailJson(detail));
  });
};
