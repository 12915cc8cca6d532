import type { VigilEvent } from '@vigil/core';
import type { CallStep, DetectorV1, GuardFinding } from './contract.js';
import { driftDetector, driftStep } from './detectors/drift.js';
import { pivotDetector } from './detectors/pivot.js';
import { steeringDetector } from './detectors/steering.js';
import { noteOutput, notePrompt, noteReasoning, raiseEffect, type SessionState } from './state.js';
import { classifyTool } from './tools.js';
import { callValues } from './values.js';

export const DEFAULT_DETECTORS: readonly DetectorV1[] = [steeringDetector, pivotDetector, driftDetector];

export interface StepResult {
  /** The step this event was. */
  step: number;
  findings: GuardFinding[];
}

const MAX_TARGETS = 256;

/**
 * Feeds a session's events, in order, through the detectors, keeping the session state. Pure:
 * the same events give the same state and findings, which is how the state is rebuilt from the
 * store after a restart.
 */
export class AgentGuard {
  constructor(private readonly detectors: readonly DetectorV1[] = DEFAULT_DETECTORS) {}

  observe(s: SessionState, e: VigilEvent): StepResult {
    const step = s.step;
    const findings: GuardFinding[] = [];
    switch (e.kind) {
      case 'prompt':
        notePrompt(s, e);
        break;
      case 'reasoning':
      case 'response': {
        const note = noteReasoning(s, e);
        if (!note) break;
        for (const d of this.detectors) if (d.onReasoning) findings.push(...d.onReasoning(note, s));
        const pivot = findings.find((f) => f.detector === 'pivot');
        const source = pivot?.evidence.find((x) => x.role === 'source');
        if (pivot && source) s.pivot = { step, eventId: e.id, tool: source.tool ?? 'tool' };
        break;
      }
      case 'tool_call': {
        if (!e.tool) break;
        const call: CallStep = { event: e, step, cls: classifyTool(e.tool, e.input), values: callValues(e.input) };
        for (const d of this.detectors) if (d.onCall) findings.push(...d.onCall(call, s));
        this.afterCall(s, call);
        break;
      }
      case 'tool_result':
      case 'tool_error':
        noteOutput(s, e);
        break;
    }
    s.step = step + 1;
    return { step, findings };
  }

  private afterCall(s: SessionState, call: CallStep): void {
    const d = driftStep(call, s);
    s.drift += d.delta;
    for (const t of d.targets) if (s.targets.size < MAX_TARGETS) s.targets.add(t);
    raiseEffect(s, call.cls.effect);
    if (call.cls.private && call.cls.effect === 'read') s.readPrivate = true;
    for (const v of call.values) {
      if (v.kind === 'host' && s.hosts.size < MAX_TARGETS) s.hosts.add(v.value);
      else if (v.kind === 'path' && s.resources.size < MAX_TARGETS) s.resources.add(v.value);
    }
  }
}

/** The worst finding of a step: what the step is reported and decided by. */
export function worstFinding(findings: readonly GuardFinding[]): GuardFinding | null {
  let worst: GuardFinding | null = null;
  for (const f of findings) {
    if (!worst || (f.verdict === 'block' && worst.verdict !== 'block') || (f.verdict === worst.verdict && f.score > worst.score)) worst = f;
  }
  return worst;
}
