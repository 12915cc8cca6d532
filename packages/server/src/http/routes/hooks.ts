import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../app.js';
import type { HookMeta } from '../../services/hook.service.js';
import { badRequest } from '../../services/errors.js';

/** A header's value, if present once and non-empty. */
function header(h: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = h[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

// Relay time must be a plausible epoch-ms integer; anything else is ignored (the server's clock is used).
function timeHeader(v: string | undefined): number | undefined {
  if (v === undefined || !/^\d{13}$/.test(v)) return undefined;
  return Number(v);
}

export const hookRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  // Hook events of a client (claude-code, cursor, codex, gemini-cli, hermes), as its hooks read them
  // on stdin (relayed by `vigil hook <client>`) or POST them (Claude Code's http hooks). Answers
  // in that client's hook output format.
  app.post<{ Params: { client: string } }>('/v1/hooks/:client', { config: { permission: 'events:write' } }, async (req) => {
    const h = req.headers;
    const device = { id: header(h, 'x-vigil-device-id'), hostname: header(h, 'x-vigil-hostname'), os: header(h, 'x-vigil-os') };
    const meta: HookMeta = {
      eventId: header(h, 'x-vigil-event-id'),
      timeMs: timeHeader(header(h, 'x-vigil-time')),
      // A device token bound to a person names the user; only unbound tokens may say who with a header.
      user: req.principal?.user?.email ?? header(h, 'x-vigil-user'),
      device: device.id || device.hostname || device.os ? (Object.fromEntries(Object.entries(device).filter(([, v]) => v)) as HookMeta['device']) : undefined,
      clientVersion: header(h, 'x-vigil-client-version'),
    };
    const out = await services.hooks.handle(req.params.client, req.body, meta);
    if (out.decision.action === 'deny') req.log.info({ client: req.params.client, event_id: out.event_id, reason: out.decision.reason }, 'hook denied');
    return out.answer;
  });

  // New transcript lines (JSON Lines) of a Claude Code session, sent by the relay after a hook.
  app.addContentTypeParser('application/x-ndjson', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.post('/v1/hooks/claude-code/transcript', { config: { permission: 'events:write' } }, async (req) => {
    if (typeof req.body !== 'string') throw badRequest('send the transcript lines as application/x-ndjson');
    return services.hooks.transcript(req.body, header(req.headers, 'x-vigil-session'), header(req.headers, 'x-vigil-client-version'));
  });
};
