import { gunzipSync } from 'node:zlib';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../app.js';
import { decodeOtlp, type Signal } from '../../otlp/proto.js';
import { ApiError } from '../../services/errors.js';
import { parseJsonBody } from '../../services/json-body.js';

// A gzip body may expand to at most this much: a small compressed body cannot make the server
// inflate gigabytes.
const MAX_INFLATED = 64 * 1024 * 1024;

function decode(req: FastifyRequest, signal: Signal): { body: unknown; protobuf: boolean } {
  let raw = req.body as Buffer;
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding === 'gzip') {
    try {
      raw = gunzipSync(raw, { maxOutputLength: MAX_INFLATED });
    } catch (e) {
      const tooBig = (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      throw new ApiError(tooBig ? 413 : 400, tooBig ? 'payload_too_large' : 'bad_request', tooBig ? `the gzip body inflates past ${MAX_INFLATED} bytes` : `the gzip body cannot be inflated: ${(e as Error).message}`);
    }
  } else if (encoding !== 'identity') {
    throw new ApiError(415, 'unsupported_media_type', `content-encoding ${encoding} is not supported; send gzip or no encoding`);
  }
  const protobuf = (req.headers['content-type'] ?? '').startsWith('application/x-protobuf');
  if (!protobuf) return { body: parseJsonBody(raw), protobuf };
  try {
    return { body: decodeOtlp(signal, raw), protobuf };
  } catch (e) {
    throw new ApiError(400, 'invalid_protobuf', `the body is not an OTLP ${signal} export request: ${(e as Error).message}`);
  }
}

/** OTLP's answer: an empty export response (zero bytes in protobuf), or its partial success. */
function answer(reply: FastifyReply, protobuf: boolean, rejected: number, message: string | undefined, field: string) {
  if (protobuf) return reply.type('application/x-protobuf').send(Buffer.alloc(0));
  return reply.send(rejected > 0 ? { partialSuccess: { [field]: String(rejected), errorMessage: message ?? '' } } : { partialSuccess: {} });
}

export const otlpRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  // In this plugin: bodies as bytes, since they may be gzip and JSON or protobuf.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(['application/json', 'application/x-protobuf'], { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  const config = { permission: 'events:write' as const };

  app.post('/otlp/v1/logs', { config }, async (req, reply) => {
    const { body, protobuf } = decode(req, 'logs');
    const out = await services.otlp.logs(body);
    return answer(reply, protobuf, out.rejected, out.message, 'rejectedLogRecords');
  });
  app.post('/otlp/v1/metrics', { config }, async (req, reply) => {
    const { body, protobuf } = decode(req, 'metrics');
    const out = await services.otlp.metrics(body);
    return answer(reply, protobuf, out.rejected, out.message, 'rejectedDataPoints');
  });
  app.post('/otlp/v1/traces', { config }, async (req, reply) => {
    const { protobuf } = decode(req, 'traces');
    services.otlp.received('traces');
    return answer(reply, protobuf, 0, undefined, 'rejectedSpans');
  });
};
