import type { CallStep, DetectorV1, GuardFinding } from '../contract.js';
import { hasValue, type SessionState } from '../state.js';
import { EFFECT_RANK } from '../tools.js';

// Slow-chain drift: no single step is an attack, but step by step the session moves away from
// what was asked: a privilege the request never asked for (read → write → execute → external),
// new targets (hosts, recipients, accounts) the user never named, a change of target mid-session.
// It only alerts, and only once the dangerous combination is in place: the session has read
// untrusted content and private data, and is now talking to the outside.

export const DRIFT_ALERT = 3;

export interface DriftStep {
  delta: number;
  reasons: string[];
  /** Targets this call adds (hosts, addresses, accounts the user never named). */
  targets: string[];
}

export function driftStep(call: CallStep, s: Readonly<SessionState>): DriftStep {
  const out: DriftStep = { delta: 0, reasons: [], targets: [] };
  const rank = EFFECT_RANK[call.cls.effect];
  if (rank > EFFECT_RANK[s.maxEffect] && rank > EFFECT_RANK[s.asked]) {
    out.delta++;
    out.reasons.push(`privilege rises to ${call.cls.effect}, which the request did not ask for`);
  }
  if (call.cls.effect !== 'read') {
    for (const v of call.values) {
      if (v.kind === 'word' || v.kind === 'path' || hasValue(s.trusted, v.value) || s.targets.has(v.value)) continue;
      out.targets.push(v.value);
    }
    if (out.targets.length > 0) {
      out.delta++;
      out.reasons.push(
        s.targets.size > 0 ? `target changes to ${out.targets[0]} (the session used ${[...s.targets].slice(0, 2).join(', ')} before)` : `new target ${out.targets[0]} that the user never named`,
      );
    }
  }
  return out;
}

export const driftDetector: DetectorV1 = {
  specificationVersion: 'v1',
  id: 'drift',
  version: '1.0.0',
  onCall(call: CallStep, s: Readonly<SessionState>): GuardFinding[] {
    if (call.cls.effect !== 'external' || !s.readUntrusted || !s.readPrivate) return [];
    const d = driftStep(call, s);
    if (d.delta === 0 || s.drift + d.delta < DRIFT_ALERT) return [];
    const tool = call.event.tool?.name ?? 'tool';
    return [
      {
        detector: 'drift',
        rule: 'unrequested-escalation',
        verdict: 'alert',
        score: Math.min(0.95, 0.4 + 0.1 * (s.drift + d.delta)),
        explanation: `Slow drift: after reading untrusted content and private data, this ${tool} call goes outside the request: ${d.reasons.join('; ')} (drift ${s.drift + d.delta}).`,
        evidence: [{ step: call.step, event_id: call.event.id, role: 'call', tool, ...(d.targets[0] ? { value: d.targets[0] } : {}) }],
        unsure: true,
      },
    ];
  },
};
