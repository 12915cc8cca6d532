import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../app.js';
import { actorName } from '../../services/access.js';

export const retentionRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get('/v1/settings/retention', { config: { permission: 'settings:read' } }, async () => services.retention.view());
  // The whole document: what is not given takes its default (30 days).
  app.put('/v1/settings/retention', { config: { permission: 'settings:write' } }, async (req) => services.retention.update(req.body, actorName(req.principal)));
};
