import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../app.js';
import { actorName } from '../../services/access.js';

export const settingsRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get('/v1/settings/scanning', { config: { permission: 'settings:read' } }, async () => services.scanning.view());

  // The whole document: what is not given takes its default (see docs/scanners.md).
  app.put('/v1/settings/scanning', { config: { permission: 'settings:write' } }, async (req) => services.scanning.update(req.body, actorName(req.principal)));

  app.get('/v1/settings/clients', { config: { permission: 'settings:read' } }, async () => services.clients.view());
  // Clients not listed in `disabled` are stored; a disabled client's events are answered and dropped.
  app.put('/v1/settings/clients', { config: { permission: 'settings:write' } }, async (req) => services.clients.update(req.body, actorName(req.principal)));

  app.get('/v1/audit', { config: { permission: 'audit:read' } }, async (req) => services.audit.list(req.query as Record<string, string | undefined>));
};
