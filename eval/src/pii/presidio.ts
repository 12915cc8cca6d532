// Scoring the PII scanner against presidio-research's synthetic sentences (labelled spans).
import { readFileSync } from 'node:fs';
import type { RawFinding, Sensitivity } from '@vigil/scanner-spec';
import { piiScanner } from '@vigil/scanners';
import { score, type Score } from '../datasets.js';

export const ENTITY: Record<string, string> = {
  email: 'EMAIL_ADDRESS',
  phone: 'PHONE_NUMBER',
  'payment-card': 'CREDIT_CARD',
  iban: 'IBAN_CODE',
  'us-ssn': 'US_SSN',
  ipv4: 'IP_ADDRESS',
  ipv6: 'IP_ADDRESS',
};
export const TYPES = ['CREDIT_CARD', 'PHONE_NUMBER', 'EMAIL_ADDRESS', 'IBAN_CODE', 'US_SSN', 'IP_ADDRESS'] as const;

interface Span { entity_type: string; entity_value: string; start_position: number; end_position: number }
export interface Sentence { full_text: string; spans: Span[] }

export function loadPresidio(dir: string): Sentence[] {
  return JSON.parse(readFileSync(`${dir}/presidio-synth-v2.json`, 'utf8')) as Sentence[];
}

/** Whether a gold value passes the checksum its type has (Luhn, mod 97); types without one always do. */
export function checksumValid(s: Span): boolean {
  const v = s.entity_value.replace(/[\s-]/g, '');
  if (s.entity_type === 'CREDIT_CARD') {
    let sum = 0;
    for (let i = v.length - 1, alt = false; i >= 0; i--, alt = !alt) {
      let d = v.charCodeAt(i) - 48;
      if (alt && (d *= 2) > 9) d -= 9;
      sum += d;
    }
    return /^\d+$/.test(v) && sum % 10 === 0;
  }
  if (s.entity_type === 'IBAN_CODE') {
    const r = (v.slice(4) + v.slice(0, 4)).toUpperCase();
    let m = 0;
    for (const ch of r) m = /\d/.test(ch) ? (m * 10 + Number(ch)) % 97 : (m * 100 + ch.charCodeAt(0) - 55) % 97;
    return m === 1;
  }
  return true;
}

export interface Miss { type: string; text: string; kind: 'fn' | 'fp'; rule?: string; confidence?: number }
export interface Result {
  sensitivity: Sensitivity;
  byType: Map<string, Score>;
  micro: Score;
  /** Same, counting only gold spans whose checksum is valid (findings on invalid ones ignored). */
  validByType: Map<string, Score>;
  validMicro: Score;
  misses: Miss[];
  exactSpans: number;
}

const THRESHOLD: Record<Sensitivity, number> = { low: 0.8, medium: 0.5, high: 0.25 };

export function scanSentence(text: string, sensitivity: Sensitivity): RawFinding[] {
  return piiScanner.scan({ stage: 'prompt', client: 'eval', parts: [{ path: '', text }] }, { sensitivity }).filter((f) => f.confidence >= THRESHOLD[sensitivity]);
}

/** A finding matches a gold span of its entity type when the two overlap. */
export function evaluate(data: readonly Sentence[], sensitivity: Sensitivity): Result {
  const counts = new Map<string, { tp: number; fp: number; fn: number; vtp: number; vfp: number; vfn: number }>();
  const c = (t: string) => {
    let x = counts.get(t);
    if (!x) counts.set(t, (x = { tp: 0, fp: 0, fn: 0, vtp: 0, vfp: 0, vfn: 0 }));
    return x;
  };
  for (const t of TYPES) c(t);
  const misses: Miss[] = [];
  let exact = 0;
  let matched = 0;
  for (const s of data) {
    const gold = s.spans.filter((g) => (TYPES as readonly string[]).includes(g.entity_type));
    const found = scanSentence(s.full_text, sensitivity);
    const used = new Set<number>();
    for (const f of found) {
      // National-id rules have no gold type here: when they fire, they are false positives.
      const type = ENTITY[f.rule] ?? 'OTHER_ID';
      const gi = gold.findIndex((g, i) => !used.has(i) && g.entity_type === type && f.start < g.end_position && g.start_position < f.end);
      if (gi >= 0) {
        used.add(gi);
        const g = gold[gi]!;
        c(type).tp++;
        if (checksumValid(g)) c(type).vtp++;
        matched++;
        if (f.start === g.start_position && f.end === g.end_position) exact++;
      } else {
        c(type).fp++;
        c(type).vfp++;
        misses.push({ type, kind: 'fp', rule: f.rule, confidence: f.confidence, text: context(s.full_text, f.start, f.end) });
      }
    }
    gold.forEach((g, i) => {
      if (used.has(i)) return;
      c(g.entity_type).fn++;
      if (checksumValid(g)) c(g.entity_type).vfn++;
      misses.push({ type: g.entity_type, kind: 'fn', text: context(s.full_text, g.start_position, g.end_position) });
    });
  }
  const byType = new Map<string, Score>();
  const validByType = new Map<string, Score>();
  const sum = { tp: 0, fp: 0, fn: 0, vtp: 0, vfp: 0, vfn: 0 };
  for (const [t, x] of counts) {
    byType.set(t, score(x.tp, x.fp, x.fn));
    validByType.set(t, score(x.vtp, x.vfp, x.vfn));
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += x[k];
  }
  return { sensitivity, byType, micro: score(sum.tp, sum.fp, sum.fn), validByType, validMicro: score(sum.vtp, sum.vfp, sum.vfn), misses, exactSpans: matched === 0 ? 1 : exact / matched };
}

function context(text: string, s: number, e: number): string {
  return `${text.slice(Math.max(0, s - 30), s)}[[${text.slice(s, e)}]]${text.slice(e, e + 15)}`.replace(/\s+/g, ' ');
}
