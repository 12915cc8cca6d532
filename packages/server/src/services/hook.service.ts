import {
  claudeCodeHookAnswer,
  isValidId,
  matchDenyRules,
  normaliseClaudeCodeHook,
  normaliseClaudeCodeTranscript,
  type CompiledRules,
  type Device,
  type HookCapture,
  type HookDecision,
  type VigilEvent,
} from '@vigil/core';
import { badRequest } from './errors.js';
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
  event_id: string;
}

// Hooks that ask before something happens: the ones a deny can stop.
const DECIDING = new Set(['PreToolUse', 'PermissionRequest']);

/**
 * Claude Code hook events: normalise, decide, record, answer. The event (and the decision, when
 * there is one) is committed before the answer, so an answered hook is never lost.
 */
export class ClaudeCodeHookService {
  constructor(
    private readonly ingest: IngestService,
    private readonly rules: CompiledRules,
  ) {}

  async handle(payload: unknown, meta: HookMeta, nowMs: number = Date.now()): Promise<HookOutcome> {
    if (meta.eventId !== undefined && !isValidId(meta.eventId)) throw badRequest('x-vigil-event-id is not a valid event id');
    const cap: HookCapture = { timeMs: meta.timeMs ?? nowMs };
    if (meta.eventId) cap.id = meta.eventId;
    if (meta.user) cap.user = meta.user;
    if (meta.device) cap.device = meta.device;
    if (meta.clientVersion) cap.clientVersion = meta.clientVersion;
    const n = normaliseClaudeCodeHook(payload, cap);
    if (!n.ok) throw badRequest(n.error);
    const e = n.event;

    let decision: HookDecision = { action: 'allow' };
    const events: VigilEvent[] = [e];
    const match = DECIDING.has(n.hook) && e.tool ? matchDenyRules(this.rules, e.tool, e.input) : null;
    if (match) {
      const reason = `Vigil denied this ${e.tool!.name} call (rule ${match.rule}): ${match.reason}`;
      decision = { action: 'deny', reason };
      events.push({
        id: `${e.id}:decision`,
        session_id: e.session_id,
        time: e.time,
        kind: 'decision',
        client: e.client,
        capture: e.capture,
        tool: e.tool!,
        verdict: { action: 'block', severity: 'high', source: 'deny-rules', rule: match.rule, reason: match.reason, target_event_id: e.id },
      });
    }
    const r = await this.ingest.ingest({ schema_version: 1, events }, nowMs);
    if (r.rejected.length > 0) throw badRequest(`the hook event is not valid: ${r.rejected.flatMap((x) => x.errors).join('; ')}`, r.rejected);
    return { answer: claudeCodeHookAnswer(n.hook, decision), decision, event_id: e.id };
  }

  /**
   * New lines of a session's transcript, as the relay read them: their reasoning and responses,
   * stored once each (ids from the lines' uuids).
   */
  async transcript(text: string, sessionId: string | undefined, clientVersion?: string, nowMs: number = Date.now()) {
    if (!sessionId || !isValidId(sessionId)) throw badRequest('x-vigil-session must name the session the transcript belongs to');
    const { events, skipped } = normaliseClaudeCodeTranscript(text, sessionId, clientVersion);
    const r = await this.ingest.ingestMany(events, nowMs);
    return { accepted: r.accepted.length, duplicates: r.duplicates.length, skipped: skipped + r.rejected.length };
  }
}
