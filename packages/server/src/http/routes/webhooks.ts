import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../app.js';

function header(h: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = h[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export const webhookRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  // In this plugin only: the body stays bytes, since the signature is over the raw body.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  // Hermes Agent's outbound webhooks (`hooks.outbound` in its config.yaml). Authenticated by the
  // X-Hermes-Signature-256 HMAC under the server's VIGIL_HERMES_WEBHOOK_SECRET, not by a token.
  // 202: stored (or already stored by the shell hook); 401: unsigned, wrong signature or stale;
  // 409: a delivery already received; 404: webhooks not enabled.
  app.post('/v1/webhooks/hermes', { config: { signed: true } }, async (req, reply) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const h = req.headers;
    const out = await services.hermesWebhooks.receive(body, {
      signature: header(h, 'x-hermes-signature-256'),
      delivery: header(h, 'x-hermes-delivery'),
      event: header(h, 'x-hermes-event'),
    });
    return reply.code(202).send(out);
  });
};
