import type { RawFinding, Sensitivity } from '@vigil/scanner-spec';
import { secretsScanner } from '@vigil/scanners';
import { score, type Score } from '../datasets.js';
import type { Case, Expected } from './corpus.js';

/** The engine's confidence thresholds per sensitivity. */
export const THRESHOLD: Record<Sensitivity, number> = { low: 0.8, medium: 0.5, high: 0.25 };

export interface Miss {
  id: string;
  rule: string;
  snippet: string;
}

export interface FalsePositive {
  id: string;
  rule: string;
  confidence: number;
  snippet: string;
}

export interface Result {
  sensitivity: Sensitivity;
  score: Score;
  /** Detected secrets reported under the expected rule id. */
  ruleAgreement: number;
  /** Detected secrets whose reported span is exactly the labelled one. */
  exactSpans: number;
  byRule: Map<string, { expected: number; tp: number; fn: number; fp: number }>;
  misses: Miss[];
  falsePositives: FalsePositive[];
  bytes: number;
}

export function scanCase(c: Case, sensitivity: Sensitivity): RawFinding[] {
  return secretsScanner.scan({ stage: 'tool_output', client: 'eval', parts: [{ path: '', text: c.text }] }, { sensitivity });
}

function snippet(text: string, start: number, end: number): string {
  const s = Math.max(0, start - 40);
  const e = Math.min(text.length, end + 20);
  return text.slice(s, e).replace(/\s+/g, ' ');
}

/** Precision and recall counted per secret occurrence (a finding overlapping a labelled span). */
export function evaluate(cases: readonly Case[], sensitivity: Sensitivity): Result {
  const min = THRESHOLD[sensitivity];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let agree = 0;
  let exact = 0;
  let bytes = 0;
  const byRule = new Map<string, { expected: number; tp: number; fn: number; fp: number }>();
  const row = (rule: string) => {
    let r = byRule.get(rule);
    if (!r) byRule.set(rule, (r = { expected: 0, tp: 0, fn: 0, fp: 0 }));
    return r;
  };
  const misses: Miss[] = [];
  const falsePositives: FalsePositive[] = [];
  for (const c of cases) {
    bytes += c.text.length;
    const reported = scanCase(c, sensitivity).filter((f) => f.confidence >= min);
    const used = new Set<RawFinding>();
    for (const e of c.expected) {
      const r = row(e.rule);
      r.expected++;
      const hits = reported.filter((f) => overlaps(f, e));
      if (hits.length === 0) {
        fn++;
        r.fn++;
        misses.push({ id: c.id, rule: e.rule, snippet: snippet(c.text, e.start, e.end) });
        continue;
      }
      tp++;
      r.tp++;
      for (const h of hits) used.add(h);
      if (hits.some((h) => h.rule === e.rule)) agree++;
      if (hits.some((h) => h.start === e.start && h.end === e.end)) exact++;
    }
    for (const f of reported) {
      if (used.has(f)) continue;
      fp++;
      row(f.rule).fp++;
      falsePositives.push({ id: c.id, rule: f.rule, confidence: f.confidence, snippet: snippet(c.text, f.start, f.end) });
    }
  }
  return { sensitivity, score: score(tp, fp, fn), ruleAgreement: tp ? agree / tp : 1, exactSpans: tp ? exact / tp : 1, byRule, misses, falsePositives, bytes };
}

function overlaps(f: RawFinding, e: Expected): boolean {
  return f.start < e.end && f.end > e.start;
}
