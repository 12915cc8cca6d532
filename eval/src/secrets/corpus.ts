import { readFileSync } from 'node:fs';
import { corpus } from '../datasets.js';
import { KINDS, rngFor } from './tokens.js';

/** One labelled case as stored: text with {{g:kind}} (a secret) and {{t:kind}} (a trap) markers. */
export interface StoredCase {
  id: string;
  context?: string;
  text: string;
  /** Literal secrets in the text (hand-written passwords and the like). */
  expect?: { rule: string; value: string }[];
  note?: string;
}

export interface Expected {
  rule: string;
  start: number;
  end: number;
}

/** A case ready to scan: the final text and the spans of every secret in it. */
export interface Case {
  id: string;
  file: string;
  context: string;
  text: string;
  expected: Expected[];
}

// {{g:kind}} a secret (expected rule from the kind), {{g:kind=rule}} with another expected rule,
// {{t:kind}} a trap (nothing expected).
const MARKER = /\{\{([gt]):([a-z0-9-]+)(?:=([a-z0-9-]+))?\}\}/g;

export function materialize(c: StoredCase, file: string): Case {
  const expected: Expected[] = [];
  let text = '';
  let last = 0;
  let n = 0;
  for (const m of c.text.matchAll(MARKER)) {
    const kind = KINDS[m[2]!];
    if (kind === undefined) throw new Error(`${c.id}: unknown kind ${m[2]}`);
    text += c.text.slice(last, m.index);
    const value = kind.gen(rngFor(`${c.id}#${n++}`));
    if (m[1] === 'g') {
      if (kind.rule === undefined) throw new Error(`${c.id}: ${m[2]} is a trap, use {{t:…}}`);
      expected.push({ rule: m[3] ?? kind.rule, start: text.length, end: text.length + value.length });
    }
    text += value;
    last = m.index + m[0].length;
  }
  text += c.text.slice(last);
  for (const e of c.expect ?? []) {
    let at = text.indexOf(e.value);
    while (at >= 0 && expected.some((x) => at < x.end && at + e.value.length > x.start)) at = text.indexOf(e.value, at + 1);
    if (at < 0) throw new Error(`${c.id}: expected value not in text`);
    expected.push({ rule: e.rule, start: at, end: at + e.value.length });
  }
  // Private keys are labelled by their body: between the BEGIN line and the END line (or the
  // end of a truncated key), without the line breaks (real or \n-escaped) around it.
  for (const e of expected) {
    if (e.rule !== 'private-key') continue;
    let s = text.indexOf('-----', text.indexOf('BEGIN', e.start)) + 5;
    let f = text.lastIndexOf('-----END', e.end);
    if (f < s) f = e.end;
    const ws = /^(?:\s|\\n)+/.exec(text.slice(s, f));
    if (ws) s += ws[0].length;
    const we = /(?:\s|\\n)+$/.exec(text.slice(s, f));
    if (we) f -= we[0].length;
    e.start = s;
    e.end = f;
  }
  return { id: c.id, file, context: c.context ?? '', text, expected };
}

export const FILES = ['formats.jsonl', 'structured.jsonl', 'negatives.jsonl'];

export function loadCorpus(): Case[] {
  const out: Case[] = [];
  for (const file of FILES) {
    const lines = readFileSync(corpus(`secrets/${file}`), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      let c: StoredCase;
      try {
        c = JSON.parse(line) as StoredCase;
      } catch (err) {
        throw new Error(`${file}:${i + 1}: ${(err as Error).message}`);
      }
      out.push(materialize(c, file));
    });
  }
  return out;
}
