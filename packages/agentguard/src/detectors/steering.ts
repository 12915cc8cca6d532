import type { CallStep, DetectorV1, Evidence, GuardFinding } from '../contract.js';
import { hasValue, type InstructedRegion, type SessionState } from '../state.js';
import { isStrong, type CallValue } from '../values.js';

// Output steering: a consequential call acts on a value (recipient, account, URL, host, path,
// command) that came from instructions inside untrusted content, not from what the user asked.
// "Consequential": it changes state, executes, talks to the outside, or reads private data.
// A value the user gave is never steered, wherever else it also appears; a value taken from
// ordinary untrusted content (a bill's IBAN, a link in a message) is the user's task at work.

function regionWith(s: Readonly<SessionState>, v: CallValue): InstructedRegion | null {
  for (let i = s.regions.length - 1; i >= 0; i--) if (hasValue(s.regions[i]!.text, v.value)) return s.regions[i]!;
  return null;
}

/** The region's output is the last untrusted content the agent read before this call. */
function rightAfter(s: Readonly<SessionState>, r: InstructedRegion): boolean {
  const last = s.outputs[s.outputs.length - 1];
  return last !== undefined && last.eventId === r.eventId;
}

export const steeringDetector: DetectorV1 = {
  specificationVersion: 'v1',
  id: 'steering',
  version: '1.0.0',
  onCall(call: CallStep, s: Readonly<SessionState>): GuardFinding[] {
    if (s.regions.length === 0 || call.values.length === 0) return [];
    const tool = call.event.tool?.name ?? 'tool';
    const consequential = call.cls.effect !== 'read' || call.cls.private;
    let strong: { v: CallValue; r: InstructedRegion } | null = null;
    let weak: { v: CallValue; r: InstructedRegion } | null = null;
    for (const v of call.values) {
      if (hasValue(s.trusted, v.value)) continue;
      const r = regionWith(s, v);
      if (!r) continue;
      if (isStrong(v)) {
        strong = { v, r };
        break;
      }
      weak ??= { v, r };
    }
    const hit = strong ?? weak;
    if (!hit) return [];
    const { v, r } = hit;
    const evidence: Evidence[] = [
      { step: r.step, event_id: r.eventId, role: 'source', tool: r.tool, path: r.path, span: [r.start, r.end] },
      { step: call.step, event_id: call.event.id, role: 'call', tool, path: v.path, value: v.value },
    ];
    const after = rightAfter(s, r);
    const flow = `"${v.value}" in ${v.path || 'the input'} of this ${tool} call (${call.cls.effect}${call.cls.private ? ', private data' : ''}) comes from instructions injected into the output of ${r.tool} at step ${r.step}${after ? ', the content it read just before' : ''}; the user never gave it`;
    if (strong && consequential) {
      return [{ detector: 'steering', rule: 'injected-value', verdict: 'block', score: after ? 0.97 : 0.9, explanation: `Output steering: ${flow}.`, evidence }];
    }
    // A plain word (a name, a channel) or a read of public data: worth a look, not a block.
    return [{ detector: 'steering', rule: strong ? 'injected-value-read' : 'injected-word', verdict: 'alert', score: strong ? 0.6 : 0.5, explanation: `Possible output steering: ${flow}.`, evidence, unsure: consequential }];
  },
};
