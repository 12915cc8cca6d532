import { hookAdapter, isValidId, payloadObject, normaliseClaudeCodeTranscript, type Device, type HookCapture, type HookDecision } from '@vigil/core';
import type { DecisionService } from './decision.service.js';
import { badRequest, notFound } from './errors.js';
import type { IngestService } from './ingest.service.js';

/** What a relay (or Claude Code's http hook, through its configured headers) says about the capture. */
export interface HookMeta {
  eventId?: string | undefined;
  timeMs?: number | undefined;
  user?: string | undefined;
  device?: Device | undefined;
  clientVersion?: string | undefined;
}

export interface HookOutcome {
  /** The body to answer with, in the client's own wire format. */
  answer: Record<string, unknown>;
  decision: HookDecision;
  /** null: an event the client's adapter deliberately ignores (nothing stored). */
  event_id: string | null;
}

/**
 * Hook events of every client with a hook adapter (@vigil/core capture/hooks): normalise, then the
 * decision path (decision.service.ts), then answer in the client's own wire format.
 */
export class HookService {
  constructor(
    private readonly ingest: IngestService,
    private readonly decisions: DecisionService,
  ) {}

  async handle(client: string, payload: unknown, meta: HookMeta, nowMs: number = Date.now()): Promise<HookOutcome> {
    const adapter = hookAdapter(client);
    if (!adapter) throw notFound(`no hook capture for client "${client}"`);
    if (meta.eventId !== undefined && !isValidId(meta.eventId)) throw badRequest('x-vigil-event-id is not a valid event id');
    const cap: HookCapture = { timeMs: meta.timeMs ?? nowMs };
    if (meta.eventId) cap.id = meta.eventId;
    if (meta.user) cap.user = meta.user;
    if (meta.device) cap.device = meta.device;
    if (meta.clientVersion) cap.clientVersion = meta.clientVersion;
    const p = payloadObject(payload);
    const name = typeof p === 'string' ? undefined : adapter.eventName(p);
    if (name !== undefined && adapter.ignored?.has(name)) return { answer: adapter.answer(name, { action: 'allow' }), decision: { action: 'allow' }, event_id: null };
    const n = adapter.normalise(payload, cap);
    if (!n.ok) throw badRequest(n.error);
    const d = await this.decisions.decide(n.event, { deciding: adapter.deciding.has(n.hook), blockable: adapter.blockable.has(n.hook) }, nowMs);
    return { answer: adapter.answer(n.hook, d.decision), decision: d.decision, event_id: d.event_id };
  }

  /**
   * New lines of a Claude Code session's transcript, as the relay read them: their reasoning and responses,
   * stored once each (ids from the lines' uuids).
   */
  async transcript(text: string, sessionId: string | undefined, clientVersion?: string, nowMs: number = Date.now()) {
    if (!sessionId || !isValidId(sessionId)) throw badRequest('x-vigil-session must name the session the transcript belongs to');
    const { events, skipped } = normaliseClaudeCodeTranscript(text, sessionId, clientVersion);
    const r = await this.ingest.ingestMany(events, nowMs);
    // Reasoning and responses reach AgentGuard here (Claude Code's hooks do not carry them).
    const fresh = new Set(r.accepted);
    await this.decisions.observeLate(events.filter((e) => fresh.has(e.id)), nowMs);
    return { accepted: r.accepted.length, duplicates: r.duplicates.length, skipped: skipped + r.rejected.length };
  }
}
