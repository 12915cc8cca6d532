import type { FastifyPluginAsync } from 'fastify';
import { validateEvent, type VigilEvent } from '@vigil/core';
import type { Services } from '../app.js';
import { actorName } from '../../services/access.js';
import { badRequest } from '../../services/errors.js';
import { contentId } from '../../services/ingest.service.js';

const BLOCKABLE = new Set(['tool_call', 'tool_result', 'tool_error', 'prompt']);

export const guardRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get('/v1/settings/agentguard', { config: { permission: 'settings:read' } }, async () => services.guard.view());
  // The whole document: what is not given takes its default (docs/agentguard.md).
  app.put('/v1/settings/agentguard', { config: { permission: 'settings:write' } }, async (req) => services.guard.update(req.body, actorName(req.principal)));

  app.get('/v1/kills', { config: { permission: 'settings:read' } }, async () => services.kills.list());
  app.post('/v1/kills', { config: { permission: 'kills:write' } }, async (req, reply) => reply.code(201).send(await services.kills.request(req.body, actorName(req.principal))));
  app.delete('/v1/kills/:id', { config: { permission: 'kills:write' } }, async (req) => services.kills.lift((req.params as { id: string }).id, actorName(req.principal)));

  // One canonical event, decided before the client acts on it (the SDK and custom agents): the
  // same path as the hooks: stored, scanned, kill switches, deny rules, scanners, AgentGuard.
  app.post('/v1/decide', { config: { permission: 'events:write' } }, async (req) => {
    const body = req.body as Record<string, unknown> | null;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('body must be an object: {"schema_version": 1, "event": {...}}');
    for (const k of Object.keys(body)) if (k !== 'event' && k !== 'schema_version') throw badRequest(`unknown field "${k}"; a decision request has "schema_version" and "event"`);
    if (body.schema_version !== undefined && body.schema_version !== 1) throw badRequest('schema_version must be 1');
    const nowMs = Date.now();
    const v = validateEvent(body.event, nowMs, 'event');
    if (!v.ok) throw badRequest(`the event is not valid: ${v.errors.join('; ')}`, v.errors);
    const e = { ...v.event, id: v.event.id ?? contentId(v.event) } as VigilEvent;
    // A device token bound to a person names the user (the kill switch for a user relies on it).
    if (req.principal?.user) e.user = req.principal.user.email;
    const d = await services.decisions.decide(e, { deciding: e.kind === 'tool_call', blockable: BLOCKABLE.has(e.kind) }, nowMs);
    return {
      event_id: d.event_id,
      decision: d.decision.action,
      ...(d.decision.action !== 'allow' ? { reason: d.decision.reason } : {}),
      ...(d.decision.action === 'rewrite' ? { input: d.decision.input } : {}),
      scan: d.scan ? { action: d.scan.record.action, findings: d.scan.record.findings } : null,
      guard_ms: d.guard_ms === undefined ? null : Math.round(d.guard_ms * 1000) / 1000,
      guard: (d.guard?.findings ?? []).map((f) => ({ detector: f.detector, rule: f.rule, verdict: f.verdict, score: f.score, explanation: f.explanation, evidence: f.evidence })),
    };
  });
};
