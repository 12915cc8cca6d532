import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../app.js';
import { actorName } from '../../services/access.js';

export const mcpRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  // A connected MCP server's tool list, as its tools/list answered: scanned, remembered, compared.
  app.post('/v1/mcp/catalogue', { config: { permission: 'events:write' } }, async (req) => services.mcp.catalogue(req.body, actorName(req.principal)));
};
