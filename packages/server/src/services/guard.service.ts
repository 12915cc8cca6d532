import { AgentGuard, DEFAULT_GUARD_SETTINGS, applyJudge, judgeRequest, newState, parseJudgeAnswer, validateGuardSettings, worstFinding, type GuardFinding, type GuardSettings, type SessionState } from '@vigil/agentguard';
import type { VigilEvent } from '@vigil/core';
import type { Store } from '../repositories/store.js';
import { SettingsDocument } from './settings-document.js';

const KEY = 'agentguard';
// Sessions whose state is kept in memory; a session pushed out is rebuilt from the store when it
// comes back (the same events give the same state).
const MAX_SESSIONS = 5000;
const REBUILD_PAGE = 1000;

export interface GuardView {
  settings: GuardSettings;
  updated_ms: number | null;
  updated_by: string | null;
}

export interface GuardStep {
  findings: GuardFinding[];
  /** The finding the step is decided by (after the judge, if it was asked). */
  worst: GuardFinding | null;
}

/**
 * AgentGuard on the server: its settings, and per session the trajectory state, fed with every
 * event of the decision path in order. Sees events before masking (in memory only), so values
 * that the scanners mask in storage still tie a call to where they came from.
 */
export class GuardService {
  private readonly doc: SettingsDocument<GuardSettings>;
  private readonly guard = new AgentGuard();
  private readonly states = new Map<string, SessionState>();
  // One session's events are observed one at a time, in arrival order.
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: Store,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.doc = new SettingsDocument(store, KEY, DEFAULT_GUARD_SETTINGS, validateGuardSettings);
  }

  load(): Promise<string[]> {
    return this.doc.load();
  }

  settings(): GuardSettings {
    return this.doc.get();
  }

  view(): GuardView {
    return this.doc.view();
  }

  update(input: unknown, actor: string, nowMs: number = Date.now()): Promise<GuardView> {
    return this.doc.update(input, actor, nowMs);
  }

  /**
   * Observes one event (already stored) and returns what the detectors found at this step. With
   * `decide`, unsure findings may go to the judge (when configured) within its time budget.
   */
  observe(e: VigilEvent, decide: boolean): Promise<GuardStep> {
    return this.serial(e.session_id, async () => {
      const s = await this.state(e.session_id, e.user, e.id);
      const r = this.guard.observe(s, e);
      let findings = r.findings;
      if (decide && this.doc.get().judge.enabled && findings.some((f) => f.unsure)) findings = await this.judge(s, e, findings);
      return { findings, worst: worstFinding(findings) };
    });
  }

  /** Observes events that arrived later in bulk (transcript lines: reasoning and responses). */
  async observeMany(events: readonly VigilEvent[]): Promise<Map<string, GuardStep>> {
    const out = new Map<string, GuardStep>();
    for (const e of events) {
      const r = await this.observe(e, false);
      if (r.findings.length > 0) out.set(e.id, r);
    }
    return out;
  }

  private async serial<T>(session: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(session) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const settled = next.catch(() => undefined);
    this.queues.set(session, settled);
    void settled.then(() => {
      if (this.queues.get(session) === settled) this.queues.delete(session);
    });
    return next;
  }

  /** The session's state: in memory, or rebuilt from its stored events (all but `current`). */
  private async state(sessionId: string, user: string | undefined, current: string): Promise<SessionState> {
    const hit = this.states.get(sessionId);
    if (hit) {
      // Most recently used last, so the oldest is the one pushed out.
      this.states.delete(sessionId);
      this.states.set(sessionId, hit);
      return hit;
    }
    const s = newState(sessionId, user);
    let after = null;
    for (;;) {
      const rows = await this.store.events.timeline(sessionId, after, REBUILD_PAGE, false);
      for (const row of rows) {
        const e = JSON.parse(row.body) as VigilEvent;
        if (e.id !== current && e.kind !== 'guard_finding' && e.kind !== 'decision') this.guard.observe(s, e);
      }
      if (rows.length < REBUILD_PAGE) break;
      const last = rows[rows.length - 1]!;
      after = { time_ms: Number(last.time_ms), seq: Number(last.seq), ord: Number(last.ord) };
    }
    this.states.set(sessionId, s);
    if (this.states.size > MAX_SESSIONS) this.states.delete(this.states.keys().next().value!);
    return s;
  }

  /** Forgets a session's in-memory state (tests of the rebuild; a session that ended). */
  forget(sessionId: string): void {
    this.states.delete(sessionId);
  }

  private async judge(s: SessionState, e: VigilEvent, findings: GuardFinding[]): Promise<GuardFinding[]> {
    const j = this.doc.get().judge;
    const out: GuardFinding[] = [];
    for (const f of findings) {
      if (!f.unsure) {
        out.push(f);
        continue;
      }
      const key = j.api_key_env ? process.env[j.api_key_env] : undefined;
      try {
        const r = await this.fetchImpl(`${j.url}/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
          body: JSON.stringify(judgeRequest(j.model, s, e, f)),
          signal: AbortSignal.timeout(j.timeout_ms),
        });
        const verdict = r.ok ? parseJudgeAnswer(await r.json()) : null;
        out.push(verdict ? applyJudge(f, verdict) : { ...f, explanation: `${f.explanation} (The LLM judge gave no usable answer; the detector's verdict stands.)` });
      } catch {
        out.push({ ...f, explanation: `${f.explanation} (The LLM judge did not answer within ${j.timeout_ms} ms; the detector's verdict stands.)` });
      }
    }
    return out;
  }
}
