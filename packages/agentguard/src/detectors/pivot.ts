import type { CallStep, DetectorV1, GuardFinding } from '../contract.js';
import { hasValue, type InstructedRegion, type ReasoningNote, type SessionState } from '../state.js';
import { valuesOf } from '../values.js';

// Reasoning pivot: right after reading content that carried instructions, the model's own
// reasoning takes them up: it repeats what they name (an address, a host, an account) or their
// wording, without treating them as suspect. A model that notices and declines ("this looks like
// an injection, I will ignore it") is not pivoting.

// Said by a model that recognises an injection and refuses it.
const DECLINE = /\b(?:ignor(?:e|ing)|disregard(?:ing)?|suspicious|malicious|phishing|(?:prompt )?injection|not (?:going to |)(?:follow|comply|do that|act on)|won'?t (?:follow|comply|do)|will not (?:follow|comply|do)|should not (?:follow|comply)|shouldn'?t (?:follow|comply)|unauthori[sz]ed|untrusted|not (?:from|part of) (?:the|your) (?:user|request|task)|scam|fraud(?:ulent)?)\b/;
const WORD = /[a-z][a-z'-]{2,}/g;
// Words that carry no wording of their own.
const STOP = new Set(['the', 'and', 'for', 'you', 'that', 'this', 'with', 'from', 'your', 'have', 'are', 'will', 'can', 'not', 'but', 'all', 'any', 'was', 'were', 'has', 'had', 'its', 'our', 'out', 'use', 'then', 'than', 'them', 'they', 'there', 'their', 'what', 'when', 'which', 'who', 'how', 'also', 'into', 'some', 'one', 'need', 'first', 'user', 'task', 'tool', 'please', 'should', 'would', 'could', 'about', 'just', 'now', 'let', 'get', 'see', 'make']);
const MIN_SHARED_TRIGRAMS = 2;
// How many tool outputs back the instructed content may be: "right after".
const RECENT_OUTPUTS = 2;

function trigrams(text: string): Set<string> {
  const words = (text.match(WORD) ?? []).filter((w) => !STOP.has(w));
  const out = new Set<string>();
  for (let i = 0; i + 2 < words.length; i++) out.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return out;
}

function recentRegion(s: Readonly<SessionState>, note: ReasoningNote): InstructedRegion | null {
  const recent = new Set(s.outputs.slice(-RECENT_OUTPUTS).map((o) => o.eventId));
  for (let i = s.regions.length - 1; i >= 0; i--) {
    const r = s.regions[i]!;
    if (r.step < note.step && recent.has(r.eventId)) return r;
  }
  return null;
}

export const pivotDetector: DetectorV1 = {
  specificationVersion: 'v1',
  id: 'pivot',
  version: '1.0.0',
  // Once the reasoning has taken instructions up, a consequential call acting on a specific value
  // the user never gave is where they are carried out.
  onCall(call: CallStep, s: Readonly<SessionState>): GuardFinding[] {
    const p = s.pivot;
    if (!p || (call.cls.effect === 'read' && !call.cls.private)) return [];
    const v = call.values.find((x) => x.kind !== 'word' && !hasValue(s.trusted, x.value));
    if (!v) return [];
    const tool = call.event.tool?.name ?? 'tool';
    return [
      {
        detector: 'pivot',
        rule: 'acts-after-pivot',
        verdict: 'block',
        score: 0.85,
        explanation: `Reasoning pivot carried out: after the reasoning at step ${p.step} took up instructions from ${p.tool}'s output, this ${tool} call (${call.cls.effect}) acts on "${v.value}", which the user never gave.`,
        evidence: [
          { step: p.step, event_id: p.eventId, role: 'reasoning' },
          { step: call.step, event_id: call.event.id, role: 'call', tool, path: v.path, value: v.value },
        ],
      },
    ];
  },
  onReasoning(note: ReasoningNote, s: Readonly<SessionState>): GuardFinding[] {
    const r = recentRegion(s, note);
    if (!r) return [];
    if (DECLINE.test(note.text)) return [];
    const adopted = valuesOf(r.text, '').filter((v) => v.kind !== 'word' && hasValue(note.text, v.value) && !hasValue(s.trusted, v.value));
    let shared = 0;
    const mine = trigrams(note.text);
    const trusted = trigrams(s.trusted);
    for (const t of trigrams(r.text)) if (mine.has(t) && !trusted.has(t)) shared++;
    if (adopted.length === 0 && shared < MIN_SHARED_TRIGRAMS) return [];
    const what = adopted.length > 0 ? `names ${adopted.slice(0, 3).map((v) => `"${v.value}"`).join(', ')} from them` : `repeats ${shared} phrases of them`;
    return [
      {
        detector: 'pivot',
        rule: 'adopts-instructions',
        verdict: 'alert',
        score: adopted.length > 0 ? 0.8 : 0.65,
        explanation: `Reasoning pivot: right after ${r.tool} (step ${r.step}) returned content with instructions to the AI, the model's reasoning at step ${note.step} ${what} without questioning them; later calls that act on values the user never gave are blocked.`,
        evidence: [
          { step: r.step, event_id: r.eventId, role: 'source', tool: r.tool, path: r.path, span: [r.start, r.end] },
          { step: note.step, event_id: note.eventId, role: 'reasoning', ...(adopted[0] ? { value: adopted[0].value } : {}) },
        ],
      },
    ];
  },
};
