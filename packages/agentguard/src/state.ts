import type { VigilEvent } from '@vigil/core';
import { findInstructions, partAt, toParts } from '@vigil/scanners';
import { EFFECT_RANK, askedEffect, type Effect } from './tools.js';

// What AgentGuard remembers of one session, built event by event (and rebuilt the same way from
// the store after a restart). Bounded: long sessions keep the recent past and every instructed
// region, so memory per session stays small.

/** A stretch of untrusted content that reads as instructions to the AI (from the injection scanner). */
export interface InstructedRegion {
  step: number;
  eventId: string;
  tool: string;
  /** The output path and span the scanner reported. */
  path: string;
  start: number;
  end: number;
  /** Lowercased text around the span: the instructions and the values they name. */
  text: string;
  confidence: number;
}

export interface UntrustedOutput {
  step: number;
  eventId: string;
  tool: string;
  /** Lowercased, capped. */
  text: string;
}

export interface ReasoningNote {
  step: number;
  eventId: string;
  text: string;
}

export interface SessionState {
  sessionId: string;
  user?: string;
  /** Counts every event observed: a step is the event's position in the session. */
  step: number;
  /** What the user asked, lowercased (every prompt). */
  trusted: string;
  /** First prompt's step, for explanations. */
  promptStep: number | null;
  outputs: UntrustedOutput[];
  regions: InstructedRegion[];
  reasoning: ReasoningNote[];
  hosts: Set<string>;
  resources: Set<string>;
  /** Highest privilege used so far. */
  maxEffect: Effect;
  /** The highest privilege the user's request asks for (tools.ts askedEffect). */
  asked: Effect;
  /** Private data was read; untrusted content was read. */
  readPrivate: boolean;
  readUntrusted: boolean;
  /** Set by the pivot detector: later consequential calls with values the user never gave are blocked. */
  pivot: { step: number; eventId: string; tool: string } | null;
  /** Targets (hosts, recipients) used by consequential calls so far, for the drift detector. */
  targets: Set<string>;
  drift: number;
}

// How much text around an instruction span is kept: the values an injection names follow it.
const REGION_BEFORE = 200;
const REGION_AFTER = 600;
const MAX_OUTPUT_TEXT = 64 * 1024;
const MAX_OUTPUTS = 64;
const MAX_REGIONS = 64;
const MAX_REASONING = 16;
const MAX_TRUSTED = 64 * 1024;

export function newState(sessionId: string, user?: string): SessionState {
  const s: SessionState = {
    sessionId,
    step: 0,
    trusted: '',
    promptStep: null,
    outputs: [],
    regions: [],
    reasoning: [],
    hosts: new Set(),
    resources: new Set(),
    maxEffect: 'read',
    asked: 'read',
    readPrivate: false,
    readUntrusted: false,
    pivot: null,
    targets: new Set(),
    drift: 0,
  };
  if (user) s.user = user;
  return s;
}

export function raiseEffect(s: SessionState, e: Effect): boolean {
  if (EFFECT_RANK[e] <= EFFECT_RANK[s.maxEffect]) return false;
  s.maxEffect = e;
  return true;
}

function push<T>(list: T[], item: T, max: number): void {
  list.push(item);
  if (list.length > max) list.shift();
}

// Where the instructions' surroundings stop being theirs: a blank line or a record's next field
// before them; a closing tag or the next field (YAML "key:", JSON "key":) after them.
const BEFORE_STOP = /\n[ \t]*\n|\n[ \t]*-?[ \t]*["']?[\w-]{1,40}["']?:(?=\s)|<[a-z][\w-]{0,30}[^>]{0,200}>/gi;
const AFTER_STOP = /<\/[a-z][\w-]{0,30}>|-->|\n[ \t]*-?[ \t]*["']?[\w-]{1,40}["']?:(?=\s)/gi;

/** The instructions and the values they name: the span, grown to its block's edges (bounded). */
export function regionText(text: string, start: number, end: number): string {
  let from = Math.max(0, start - REGION_BEFORE);
  const before = text.slice(from, start);
  let last = -1;
  for (const m of before.matchAll(BEFORE_STOP)) last = m.index + m[0].length;
  if (last >= 0) from += last;
  const after = text.slice(end, Math.min(text.length, end + REGION_AFTER));
  AFTER_STOP.lastIndex = 0;
  const stop = AFTER_STOP.exec(after);
  const to = end + (stop ? stop.index + stop[0].length : after.length);
  return text.slice(from, to).toLowerCase();
}

/** Whether `value` occurs in `text` as a whole token: "informations.com" is not in "true-informations.com". */
export function hasValue(text: string, value: string): boolean {
  let i = text.indexOf(value);
  while (i >= 0) {
    const b = i === 0 ? '' : text[i - 1]!;
    const a = text[i + value.length] ?? '';
    if (!/[a-z0-9_@-]/.test(b) && !/[a-z0-9_@-]/.test(a)) return true;
    i = text.indexOf(value, i + 1);
  }
  return false;
}

/** Adds a prompt to what the user asked. */
export function notePrompt(s: SessionState, e: VigilEvent): void {
  if (!e.text) return;
  if (s.promptStep === null) s.promptStep = s.step;
  if (s.trusted.length < MAX_TRUSTED) s.trusted += '\n' + e.text.toLowerCase();
  const asked = askedEffect(s.trusted);
  if (EFFECT_RANK[asked] > EFFECT_RANK[s.asked]) s.asked = asked;
}

export function noteReasoning(s: SessionState, e: VigilEvent): ReasoningNote | null {
  if (!e.text) return null;
  const note = { step: s.step, eventId: e.id, text: e.text.toLowerCase().slice(0, MAX_OUTPUT_TEXT) };
  push(s.reasoning, note, MAX_REASONING);
  return note;
}

/**
 * Records a tool result as untrusted content, and the instructed regions in it: from the
 * injection scanner's findings when it ran on the event, otherwise found here.
 */
export function noteOutput(s: SessionState, e: VigilEvent): InstructedRegion[] {
  const tool = e.tool?.name ?? 'tool';
  const parts = toParts(e.output ?? e.error);
  if (parts.length === 0) return [];
  s.readUntrusted = true;
  let joined = '';
  for (const p of parts) {
    if (joined.length >= MAX_OUTPUT_TEXT) break;
    joined += (joined ? '\n' : '') + p.text.slice(0, MAX_OUTPUT_TEXT - joined.length);
  }
  push(s.outputs, { step: s.step, eventId: e.id, tool, text: joined.toLowerCase() }, MAX_OUTPUTS);

  const found: InstructedRegion[] = [];
  const injection = e.scan?.scanners.find((r) => r.scanner === 'injection');
  const spans: { path: string; start: number; end: number; confidence: number }[] = [];
  if (injection && injection.mode !== 'off' && injection.outcome !== 'error') {
    for (const f of e.scan!.findings) if (f.scanner === 'injection' && (f.field === 'output' || f.field === 'error')) spans.push(f);
  } else {
    for (const p of parts) for (const h of findInstructions(p.text)) spans.push({ path: p.path, start: h.start, end: h.end, confidence: h.confidence });
  }
  for (const f of spans) {
    const part = partAt(parts, f.path);
    if (!part) continue;
    const text = regionText(part.text, f.start, f.end);
    const r: InstructedRegion = { step: s.step, eventId: e.id, tool, path: f.path, start: f.start, end: f.end, text, confidence: f.confidence };
    found.push(r);
    push(s.regions, r, MAX_REGIONS);
  }
  return found;
}
