import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../app.js';
import { actorName } from '../../services/access.js';

export const settingsRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get('/v1/settings/scanning', { config: { permission: 'settings:read' } }, async () => services.scanning.view());

  // The whole document: what is not given takes its default (see docs/scanners.md).
  app.put('/v1/settings/scanning', { config: { permission: 'settings:write' } }, async (req) => services.scanning.update(req.body, actorName(req.principal)));

  app.get('/v1/audit', { config: { permission: 'audit:read' } }, async (req) => services.audit.list(req.query as Record<string, string | undefined>));
};
