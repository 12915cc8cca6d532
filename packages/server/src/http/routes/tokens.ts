import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../app.js';
import { actorName } from '../../services/access.js';

export const tokenRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get('/v1/tokens', { config: { permission: 'tokens:manage' } }, async () => services.tokens.list());
  // The token is in this answer only: the store keeps its SHA-256.
  app.post('/v1/tokens', { config: { permission: 'tokens:manage' } }, async (req, reply) => reply.code(201).send(await services.tokens.create(req.body, actorName(req.principal))));
  app.delete('/v1/tokens/:id', { config: { permission: 'tokens:manage' } }, async (req) =>
    services.tokens.revokeRequest((req.params as { id: string }).id, req.query as Record<string, string | undefined>, req.principal),
  );
};
