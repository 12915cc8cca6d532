import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../app.js';
import { actorName } from '../../services/access.js';

export const insightRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get('/v1/inventory', { config: { permission: 'analytics:read' } }, async () => services.insights.inventory());
  app.put('/v1/inventory/review', { config: { permission: 'settings:write' } }, async (req) => services.insights.setReview(req.body, actorName(req.principal)));
  app.get('/v1/analytics', { config: { permission: 'analytics:read' } }, async (req) => services.insights.analytics(req.query as Record<string, unknown>));
};
