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
  type ScanFinding,
  type VigilEvent,
} from '@vigil/core';
import { maskDeep, type ScanResult } from '@vigil/scanners';
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
// Hooks whose answer can carry a block: before a call, after one (the reason reaches the model)
// and on a prompt (it is dropped).
const BLOCKABLE = new Set(['PreToolUse', 'PermissionRequest', 'PostToolUse', 'PostToolUseFailure', 'UserPromptSubmit']);

/** The reason an agent reads when scanners block: what was found, and what to do instead. */
export function scanBlockReason(e: VigilEvent, blocks: readonly ScanFinding[]): string {
  const what = e.kind === 'prompt' ? 'this prompt' : e.kind === 'tool_call' ? `this ${e.tool?.name ?? 'tool'} call` : `the output of ${e.tool?.name ?? 'this tool'}`;
  const lines = blocks.slice(0, 3).map((f) => `${f.message} (${f.scanner}/${f.rule})`);
  return `Vigil blocked ${what}: ${lines.join(' ')}`;
}

/**
 * Claude Code hook events: normalise, scan, decide, record, answer. The event, with its scan
 * record, is committed before the answer, so an answered hook is never lost.
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

    const r = await this.ingest.ingest({ schema_version: 1, events: [e] }, nowMs, { withScans: true });
    if (r.rejected.length > 0) throw badRequest(`the hook event is not valid: ${r.rejected.flatMap((x) => x.errors).join('; ')}`, r.rejected);
    const scan = r.scans?.get(e.id);

    let decision: HookDecision = { action: 'allow' };
    const match = DECIDING.has(n.hook) && e.tool ? matchDenyRules(this.rules, e.tool, e.input) : null;
    if (match) {
      const reason = `Vigil denied this ${e.tool!.name} call (rule ${match.rule}): ${match.reason}`;
      decision = { action: 'deny', reason };
      await this.record(e, { action: 'block', severity: 'high', source: 'deny-rules', rule: match.rule, reason: match.reason, target_event_id: e.id }, nowMs);
    } else if (scan) {
      decision = this.scanDecision(n.hook, e, scan);
    }
    return { answer: claudeCodeHookAnswer(n.hook, decision), decision, event_id: e.id };
  }

  private scanDecision(hook: string, e: VigilEvent, scan: ScanResult): HookDecision {
    if (scan.blocks.length > 0 && BLOCKABLE.has(hook)) return { action: 'deny', reason: scanBlockReason(e, scan.blocks) };
    if (scan.rewrite && hook === 'PreToolUse' && typeof e.input === 'object' && e.input !== null && !Array.isArray(e.input)) {
      const input = maskDeep(e.input as Record<string, unknown>, scan.masks);
      return { action: 'rewrite', input, reason: 'Vigil masked secrets in the tool input' };
    }
    return { action: 'allow' };
  }

  private async record(e: VigilEvent, verdict: NonNullable<VigilEvent['verdict']>, nowMs: number): Promise<void> {
    const decision: VigilEvent = { id: `${e.id}:decision`, session_id: e.session_id, time: e.time, kind: 'decision', client: e.client, capture: e.capture, tool: e.tool!, verdict };
    await this.ingest.ingest({ schema_version: 1, events: [decision] }, nowMs);
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
