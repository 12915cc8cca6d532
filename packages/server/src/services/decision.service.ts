import { matchDenyRules, type CompiledRules, type HookDecision, type ScanFinding, type Verdict, type VigilEvent } from '@vigil/core';
import type { GuardFinding } from '@vigil/agentguard';
import { maskDeep, type ScanResult } from '@vigil/scanners';
import { badRequest } from './errors.js';
import type { GuardService, GuardStep } from './guard.service.js';
import type { IngestService } from './ingest.service.js';
import type { KillService } from './kill.service.js';
import type { Store } from '../repositories/store.js';

export interface DecideOptions {
  /** The client asks before the call runs: a deny stops it (PreToolUse, PermissionRequest, SDK before a call). */
  deciding: boolean;
  /** The client's answer can carry a block at all (a deciding hook, a tool output, a prompt). */
  blockable: boolean;
}

export interface Decided {
  decision: HookDecision;
  event_id: string;
  scan?: ScanResult;
  guard?: GuardStep;
  /** Milliseconds spent in AgentGuard on this event (state, detectors, judge if asked). */
  guard_ms?: number;
}

/** The reason an agent reads when scanners block: what was found, and what to do instead. */
export function scanBlockReason(e: VigilEvent, blocks: readonly ScanFinding[]): string {
  const what = e.kind === 'prompt' ? 'this prompt' : e.kind === 'tool_call' ? `this ${e.tool?.name ?? 'tool'} call` : `the output of ${e.tool?.name ?? 'this tool'}`;
  const lines = blocks.slice(0, 3).map((f) => `${f.message} (${f.scanner}/${f.rule})`);
  return `Vigil blocked ${what}: ${lines.join(' ')}`;
}

const KILLED = 'Every later tool call in this session will be denied: stop, and tell the user what happened.';

/**
 * The decision path, for every client that asks before acting: store the event (with its scan),
 * then, in order, the kill switches, the deny rules, AgentGuard and the scanners. The event is
 * committed before the answer, so an answered call is never lost; every finding and decision is
 * stored beside it in the session's timeline.
 */
export class DecisionService {
  constructor(
    private readonly ingest: IngestService,
    private readonly rules: CompiledRules,
    private readonly guard: GuardService,
    private readonly kills: KillService,
    private readonly store: Store,
  ) {}

  async decide(e: VigilEvent, opts: DecideOptions, nowMs: number = Date.now()): Promise<Decided> {
    const r = await this.ingest.ingest({ schema_version: 1, events: [e] }, nowMs, { withScans: true });
    if (r.rejected.length > 0) throw badRequest(`the event is not valid: ${r.rejected.flatMap((x) => x.errors).join('; ')}`, r.rejected);
    // A disabled client (settings/clients) is neither stored nor decided: its agent runs unwatched.
    if (r.ignored?.length) return { decision: { action: 'allow' }, event_id: r.ignored[0]! };
    const id = r.accepted[0] ?? r.duplicates[0]!;
    const fresh = r.accepted.length > 0;
    e = e.id === id ? e : { ...e, id };
    const scan = r.scans?.get(id);
    const out: Decided = { decision: { action: 'allow' }, event_id: id };
    if (scan) out.scan = scan;
    const isCall = e.kind === 'tool_call';

    // The guard sees the event as it was sent (values the scanners mask in storage still count).
    const settings = this.guard.settings();
    if (settings.mode !== 'off' && fresh) {
      const t0 = performance.now();
      out.guard = await this.guard.observe(scan ? { ...e, scan: scan.record } : e, opts.deciding);
      out.guard_ms = performance.now() - t0;
    }

    const kill = opts.deciding && isCall ? this.kills.check(e.session_id, e.user) : null;
    const match = !kill && opts.deciding && e.tool ? matchDenyRules(this.rules, e.tool, e.input) : null;
    const guardBlock = settings.mode === 'block' && opts.deciding && isCall && out.guard?.worst?.verdict === 'block' ? out.guard.worst : null;
    const records: VigilEvent[] = [];

    if (kill) {
      out.decision = { action: 'deny', reason: `Vigil stopped this session (${kill.scope === 'session' ? 'kill switch' : kill.scope === 'user' ? `kill switch for user ${kill.target}` : 'kill switch for every session'}): ${kill.reason.replace(/[.!?]?$/, '.')} ${KILLED}` };
      records.push(decisionEvent(e, { action: 'block', severity: 'high', source: 'kill-switch', rule: kill.id, reason: kill.reason, target_event_id: id }, 'kill'));
    } else if (match) {
      out.decision = { action: 'deny', reason: `Vigil denied this ${e.tool!.name} call (rule ${match.rule}): ${match.reason}` };
      records.push(decisionEvent(e, { action: 'block', severity: 'high', source: 'deny-rules', rule: match.rule, reason: match.reason, target_event_id: id }, 'decision'));
    } else if (guardBlock) {
      // Before the scanners' reason: the agent must learn that the session is over, not only this call.
      out.decision = { action: 'deny', reason: `Vigil AgentGuard stopped this session: ${guardBlock.explanation} ${KILLED}` };
    } else if (scan && scan.blocks.length > 0 && opts.blockable) {
      out.decision = { action: 'deny', reason: scanBlockReason(e, scan.blocks) };
    } else if (scan?.rewrite && opts.deciding && isCall && typeof e.input === 'object' && e.input !== null && !Array.isArray(e.input)) {
      out.decision = { action: 'rewrite', input: maskDeep(e.input as Record<string, unknown>, scan.masks), reason: 'Vigil masked secrets in the tool input' };
    }

    if (settings.mode !== 'off' && out.guard) {
      out.guard.findings.forEach((f, i) => records.push(findingEvent(e, f, i, f === guardBlock && out.decision.action === 'deny')));
    }
    if (records.length > 0) await this.ingest.ingest({ schema_version: 1, events: records }, nowMs);

    // Every denied call is in the audit log, keyed by the call's event id (the console links to it).
    if (out.decision.action === 'deny') await this.auditDeny(e, id, out, kill?.id ?? null, match?.rule ?? null, guardBlock, nowMs);

    // The kill switch: a hijacked session, or (when so configured) any scanner block, ends the session.
    if (!kill && out.decision.action === 'deny' && isCall && opts.deciding) {
      if (guardBlock) {
        await this.kills.kill('session', e.session_id, `AgentGuard: ${guardBlock.detector}/${guardBlock.rule} at ${e.tool?.name ?? 'a tool call'}`, 'agentguard', nowMs, { event_id: id, score: guardBlock.score, explanation: guardBlock.explanation });
      } else if (settings.end_session_on_scanner_block && scan && scan.blocks.length > 0) {
        const f = scan.blocks[0]!;
        await this.kills.kill('session', e.session_id, `a scanner blocked ${e.tool?.name ?? 'a tool call'} (${f.scanner}/${f.rule})`, 'scanners', nowMs, { event_id: id });
      }
    }
    return out;
  }

  private async auditDeny(e: VigilEvent, id: string, out: Decided, killId: string | null, rule: string | null, guardBlock: GuardFinding | null, nowMs: number): Promise<void> {
    const source = killId ? 'kill-switch' : rule ? 'deny-rules' : guardBlock ? `agentguard/${guardBlock.detector}` : 'scanners';
    const ruleName = killId ?? rule ?? (guardBlock ? guardBlock.rule : (out.scan?.blocks ?? []).map((f) => `${f.scanner}/${f.rule}`).join(', '));
    const details = { session_id: e.session_id, user: e.user ?? null, client: e.client, tool: e.tool?.name ?? null, kind: e.kind, source, rule: ruleName, reason: 'reason' in out.decision ? out.decision.reason : null };
    await this.store.audit.append({ time_ms: nowMs, actor: source.split('/')[0]!, action: 'decision.block', resource: `event/${id}`, details });
  }

  /** Events that arrived after the fact (transcript lines): observed for the timeline, never decided. */
  async observeLate(events: readonly VigilEvent[], nowMs: number = Date.now()): Promise<void> {
    if (this.guard.settings().mode === 'off' || events.length === 0) return;
    const steps = await this.guard.observeMany(events);
    const records: VigilEvent[] = [];
    for (const e of events) steps.get(e.id)?.findings.forEach((f, i) => records.push(findingEvent(e, f, i, false)));
    if (records.length > 0) await this.ingest.ingest({ schema_version: 1, events: records }, nowMs);
  }
}

/** A verdict about `e`, as an event of its own beside it in the timeline. */
function verdictEvent(e: VigilEvent, kind: 'decision' | 'guard_finding', suffix: string, verdict: Verdict): VigilEvent {
  const d: VigilEvent = { id: `${e.id}:${suffix}`, session_id: e.session_id, time: e.time, kind, client: e.client, capture: e.capture, verdict };
  if (e.tool) d.tool = e.tool;
  if (e.seq !== undefined) d.seq = e.seq;
  return d;
}

const decisionEvent = (e: VigilEvent, verdict: Verdict, suffix: string): VigilEvent => verdictEvent(e, 'decision', suffix, verdict);

/** An AgentGuard turn in the timeline: verdict, score, explanation and evidence. */
function findingEvent(e: VigilEvent, f: GuardFinding, i: number, blocked: boolean): VigilEvent {
  return verdictEvent(e, 'guard_finding', `guard:${i}`, {
    action: blocked ? 'block' : 'alert',
    severity: f.verdict === 'block' ? (f.score >= 0.9 ? 'critical' : 'high') : 'medium',
    source: `agentguard/${f.detector}`,
    rule: f.rule,
    reason: f.explanation,
    target_event_id: e.id,
    score: Math.round(f.score * 100) / 100,
    evidence: f.evidence.map((x) => ({ ...x })),
  });
}
