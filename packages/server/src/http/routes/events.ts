import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../app.js';

export const eventRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  // In this plugin only: keep the body as bytes; the ingestor parses it, off the request thread.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  // 200: everything stored or already stored; 207: some events rejected; 400: all rejected.
  // An event is acknowledged only after its transaction committed.
  app.post('/v1/events', { config: { permission: 'events:write' } }, async (req, reply) => {
    const result = await services.ingest.ingestBody(req.body as Buffer, req.principal?.user?.email);
    const stored = result.accepted.length + result.duplicates.length;
    if (result.rejected.length === 0) return reply.code(200).send(result);
    if (stored > 0) return reply.code(207).send(result);
    return reply.code(400).send({ error: { code: 'invalid_events', message: 'no event in the batch is valid; see details', details: result.rejected }, ...result });
  });
};
