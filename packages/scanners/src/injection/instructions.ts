import { LITE, WORD_ANCHORS, markAnchors, mayPass, wordFamily, type Family } from './anchors.js';
import { normalize } from './normalize.js';
import { DISCUSSION, SECOND_PERSON, SIGNALS, matches, type SignalKind } from './signals.js';

// Finding text addressed to the AI, in steps so that clean text costs little more than a regex pass:
// 1. Anchors (anchors.ts): a pass over the whole text for words nearly every injection contains.
// 2. LITE (anchors.ts): a sticky check at each anchor for the context a gate needs; most anchors stop here.
// 3. A short normalised neighbourhood of each survivor must hold a gate signal (signals.ts).
// 4. Gate positions are grown into windows, merged, normalised, and every signal is scored on the
//    window: confidence = 1 - prod(1 - weight) over the distinct signal kinds present, and nothing
//    at all unless a gate signal is among them.

// How far a window reaches around a gate.
const WIN_BEFORE = 450;
const WIN_AFTER = 600;
const MAX_WINDOW = 8000;
const MAX_HITS = 20;
// Neighbourhood of a candidate that must hold a gate signal.
const NEAR_BEFORE = 120;
const NEAR_AFTER = 220;
// Work bounds for hostile text dense with candidates (a flood of "Assistant, please" decoys): at
// most this many neighbourhoods are tested and gates kept. Past them the rest of the text is not
// looked at for instructions, which a real tool output never reaches.
const MAX_NEIGHBOURHOODS = 800;
const MAX_GATES = 400;

export type Placement = 'text' | 'comment' | 'hidden-element';

export interface InstructionHit {
  start: number;
  end: number;
  confidence: number;
  kinds: SignalKind[];
  placement: Placement;
}

export interface FindOptions {
  /**
   * The text is an agent rules file (CLAUDE.md, AGENTS.md, .cursorrules...), written by the
   * repository's owner to instruct agents: addressing the assistant and giving it directives is
   * its purpose there, so only overrides, concealment, secret-file reads, role tokens and the like count.
   */
  rulesFile?: boolean;
  /**
   * The text is an MCP tool's description, which is written for the model ("Use this tool to...",
   * "You must pass a city"): addressing and directing the assistant are normal there, while fake
   * tags, task hijacks, secret-file reads, concealment and data smuggling are tool poisoning.
   */
  toolDescription?: boolean;
}

/** Spans of `text` that read as instructions to the AI, with a confidence in 0..1. */
export function findInstructions(text: string, opts: FindOptions = {}): InstructionHit[] {
  const gates = gatePositions(text);
  if (gates.length === 0) return [];
  const out: InstructionHit[] = [];
  let i = 0;
  while (i < gates.length && out.length < MAX_HITS) {
    const first = gates[i]!;
    let last = first;
    const ws = Math.max(0, first - WIN_BEFORE);
    let we = Math.min(text.length, first + WIN_AFTER);
    i++;
    while (i < gates.length && gates[i]! - WIN_BEFORE <= we && we - ws < MAX_WINDOW) {
      last = gates[i]!;
      we = Math.min(text.length, last + WIN_AFTER);
      i++;
    }
    const scored = score(normalize(text.slice(ws, we)), opts.rulesFile ? EXPECTED_IN_RULES : opts.toolDescription ? EXPECTED_IN_TOOLS : undefined);
    if (!scored) continue;
    const [start, end] = lineSpan(text, first, last);
    const placement = placementOf(text, first);
    // Hidden from the human reader: more likely meant for the model.
    const confidence = placement === 'text' ? scored.confidence : 1 - (1 - scored.confidence) * 0.8;
    out.push({ start, end, confidence: round(confidence), kinds: scored.kinds, placement });
  }
  return out;
}

// The gate kinds worth testing near an anchor of each LITE family (a gate of another kind nearby
// has an anchor of its own). Fewer regexes per candidate keep prose cheap.
const FAMILY_GATES: Record<Family, readonly SignalKind[]> = {
  drop: ['override', 'task', 'conceal'],
  instruc: ['override', 'role-token', 'address', 'task', 'prompt-leak', 'fake-tag', 'secret-file'],
  ai: ['address', 'reassign', 'relay', 'role-token', 'conceal', 'override'],
  you: ['task', 'reassign', 'conceal', 'address', 'relay', 'prompt-leak', 'secret-file', 'role-token', 'override'],
  user: ['relay', 'conceal', 'task', 'override'],
  system: ['role-token', 'reassign', 'prompt-leak', 'override'],
  tag: ['fake-tag', 'role-token', 'address', 'secret-file', 'conceal', 'override'],
  generic: ['address', 'role-token', 'override', 'task', 'reassign', 'relay'],
  tool: ['task', 'secret-file', 'conceal'],
};
// Per family, the indexes in SIGNALS of its gate signals, in SIGNALS order.
const GATES_BY_FAMILY = Object.fromEntries(
  Object.entries(FAMILY_GATES).map(([f, kinds]) => [f, SIGNALS.flatMap((s, i) => (s.gate && kinds.includes(s.kind) ? [i] : []))]),
) as Record<Family, number[]>;

interface Candidate {
  p: number;
  f: Family;
}

// Private copies of the anchor and LITE regexes, made once (copying a regex per call hashes its
// source again). lastIndex is set before every use and nothing here yields, so no state crosses calls.
const WORDS_RE = new RegExp(WORD_ANCHORS);
const LITE_RE = Object.fromEntries(Object.entries(LITE).map(([f, re]) => [f, new RegExp(re)])) as Record<Family, RegExp>;

/** Anchor positions with the context of a gate right there (LITE), then a gate signal nearby, in order. */
function gatePositions(text: string): number[] {
  const candidates: Candidate[] = [];
  const words = WORDS_RE;
  words.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = words.exec(text)) !== null) {
    const p = m.index;
    const f = wordFamily(text, p);
    if (!mayPass(f, text, p, m[0].length)) continue;
    const re = LITE_RE[f];
    re.lastIndex = p;
    if (re.test(text)) candidates.push({ p, f });
  }
  const marks = markAnchors(text);
  if (marks.length > 0) {
    const re = LITE_RE.tag;
    for (const p of marks) {
      re.lastIndex = p;
      if (re.test(text)) candidates.push({ p, f: 'tag' });
    }
    candidates.sort((a, b) => a.p - b.p);
  }
  if (candidates.length === 0) return [];
  const out: number[] = [];
  let near = '';
  let nearFrom = -1;
  let tested = 0;
  // Whether each signal matched the current neighbourhood: 0 not tested yet, 1 no, 2 yes.
  const seen = new Uint8Array(SIGNALS.length);
  for (const { p, f } of candidates) {
    // Candidates close together share one normalised neighbourhood.
    if (nearFrom < 0 || p - nearFrom > NEAR_BEFORE + 60) {
      if (++tested > MAX_NEIGHBOURHOODS) break;
      nearFrom = Math.max(0, p - NEAR_BEFORE);
      near = normalize(text.slice(nearFrom, Math.min(text.length, p + NEAR_AFTER)));
      seen.fill(0);
    }
    let gate = false;
    for (const i of GATES_BY_FAMILY[f]) {
      if (seen[i] === 0) seen[i] = matches(SIGNALS[i]!, near) ? 2 : 1;
      if (seen[i] === 2) {
        gate = true;
        break;
      }
    }
    if (gate && out.push(p) >= MAX_GATES) break;
  }
  return out;
}

// Two or more speaker-label lines: a chat log, where "Assistant: Please..." is a quote, not a command.
const TRANSCRIPT = /(?:^|\n)(?:user|customer|human|visitor|client|agent|assistant|bot|support|me|interviewer|guest|caller|sales)\s?:[^\n]{0,2000}\n(?:[^\n]{0,2000}\n){0,6}?(?:user|customer|human|visitor|client|agent|assistant|bot|support|me|interviewer|guest|caller|sales)\s?:/;

const EXPECTED_IN_RULES: ReadonlySet<SignalKind> = new Set<SignalKind>(['address', 'task', 'directive', 'steer', 'persona', 'fake-tag', 'ai-mention', 'second-person']);
const EXPECTED_IN_TOOLS: ReadonlySet<SignalKind> = new Set<SignalKind>(['address', 'directive', 'steer', 'persona', 'ai-mention', 'second-person']);

/**
 * Confidence from the distinct signal kinds in a normalised window; null when no gate is present.
 * `expected`: kinds that are normal in this kind of text and so do not count.
 */
export function score(win: string, expected?: ReadonlySet<SignalKind>): { confidence: number; kinds: SignalKind[] } | null {
  const best = new Map<SignalKind, number>();
  const gates = new Set<SignalKind>();
  const transcript = TRANSCRIPT.test(win);
  for (const s of SIGNALS) {
    if (expected?.has(s.kind)) continue;
    if (transcript && s.notInTranscript) continue;
    if ((best.get(s.kind) ?? 0) >= s.weight) continue;
    if (!matches(s, win)) continue;
    best.set(s.kind, s.weight);
    if (s.gate) gates.add(s.kind);
  }
  if (gates.size === 0) return null;
  const you = win.match(SECOND_PERSON);
  if (you && you.length >= 3 && !expected?.has('second-person')) best.set('second-person', 0.05);
  let keep = 1;
  for (const w of best.values()) keep *= 1 - w;
  // Two independent kinds of AI-directed cue (say a fake tag and a task hijack) corroborate each other.
  let confidence = 1 - (gates.size >= 2 ? keep ** 1.5 : keep);
  if (!best.has('role-token') && !best.has('fake-tag') && DISCUSSION.test(win)) confidence *= 0.8;
  if (confidence < 0.2) return null;
  return { confidence, kinds: [...best.keys()] };
}

function lineSpan(text: string, first: number, last: number): [number, number] {
  const ls = text.lastIndexOf('\n', first);
  const start = ls >= 0 && first - ls <= 300 ? ls + 1 : first;
  const le = text.indexOf('\n', last);
  const end = le >= 0 && le - last <= 400 ? le : Math.min(text.length, last + 400);
  return [start, Math.max(end, start + 1)];
}

// Invisible to a reader: not displayed, zero size or opacity, pushed off screen, or hidden from assistive tech.
const HIDDEN_TAG = /<([a-z][\w-]{0,20})\b[^>]{0,400}?(?:display\s{0,3}:\s{0,3}none|visibility\s{0,3}:\s{0,3}hidden|font-size\s{0,3}:\s{0,3}0(?![.\d])|opacity\s{0,3}:\s{0,3}0(?![.\d])|(?:left|top|text-indent)\s{0,3}:\s{0,3}-\d{3,}|aria-hidden\s{0,3}=\s{0,3}["']?true|\shidden(?=[\s>/=]))[^>]{0,400}>/gi;

/** Inside an HTML comment, or inside an element styled to be invisible to a human reader. */
function placementOf(text: string, at: number): Placement {
  const open = text.lastIndexOf('<!--', at);
  if (open >= 0 && text.lastIndexOf('-->', at) < open) return 'comment';
  const from = Math.max(0, at - 2000);
  const before = text.slice(from, at);
  if (before.indexOf('<') < 0) return 'text';
  const re = new RegExp(HIDDEN_TAG);
  let last: RegExpExecArray | null = null;
  let m: RegExpExecArray | null;
  while ((m = re.exec(before)) !== null) last = m;
  if (last && !before.slice(last.index + last[0].length).toLowerCase().includes(`</${(last[1] ?? '').toLowerCase()}`)) return 'hidden-element';
  return 'text';
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
