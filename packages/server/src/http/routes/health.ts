import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../app.js';

export const healthRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get('/healthz', { config: { public: true } }, async () => ({ status: 'ok' }));

  // For operators: the store in use and how far the full-text index trails ingest.
  app.get('/v1/status', { config: { permission: 'sessions:read' } }, async () => ({
    store: services.store.dialect,
    search: await services.store.search.status(),
    otlp: services.otlp.counters,
  }));
};
