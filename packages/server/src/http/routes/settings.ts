import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../app.js';
import { actorName } from '../../services/access.js';
import { verifyAudit } from '../../services/audit.service.js';

export const settingsRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get('/v1/settings/scanning', { config: { permission: 'settings:read' } }, async () => services.scanning.view());

  // The whole document: what is not given takes its default (see docs/scanners.md).
  app.put('/v1/settings/scanning', { config: { permission: 'settings:write' } }, async (req) => services.scanning.update(req.body, actorName(req.principal)));

  app.get('/v1/settings/privacy', { config: { permission: 'settings:read' } }, async () => services.privacy.view());
  app.put('/v1/settings/privacy', { config: { permission: 'settings:write' } }, async (req) => services.privacy.update(req.body, actorName(req.principal)));

  app.get('/v1/settings/clients', { config: { permission: 'settings:read' } }, async () => services.clients.view());
  // Clients not listed in `disabled` are stored; a disabled client's events are answered and dropped.
  app.put('/v1/settings/clients', { config: { permission: 'settings:write' } }, async (req) => services.clients.update(req.body, actorName(req.principal)));

  app.get('/v1/audit/export', { config: { permission: 'audit:read' } }, async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const out = await services.audit.export(q, actorName(req.principal));
    const name = `vigil-audit.${q.format === 'csv' ? 'csv' : 'jsonl'}`;
    return reply.type(out.type).header('content-disposition', `attachment; filename="${name}"`).send(out.body);
  });
  app.get('/v1/audit/verify', { config: { permission: 'audit:read' } }, async () => verifyAudit(services.store));

  app.get('/v1/audit', { config: { permission: 'audit:read' } }, async (req) => services.audit.list(req.query as Record<string, string | undefined>));
};
