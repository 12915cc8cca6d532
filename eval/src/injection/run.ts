import { readFileSync } from 'node:fs';
import { injectionScanner, type RawFinding, type ScanToolKind, type Sensitivity } from '@vigil/scanners';
import { corpus, score, type Score } from '../datasets.js';
import type { LabelledOutput } from './agentdojo.js';

/** The engine's sensitivity thresholds: a finding is reported at or above this confidence. */
export const THRESHOLD: Record<Sensitivity, number> = { low: 0.8, medium: 0.5, high: 0.25 };

type Stage = 'tool_output' | 'tool_input' | 'response';

/** Findings the engine would report for `text` as a tool output (by default) at this sensitivity. */
export function reported(text: string, sensitivity: Sensitivity = 'medium', kind: ScanToolKind = 'other', stage: Stage = 'tool_output', file?: string): RawFinding[] {
  // With a file path the output is shaped like a Read result: { file: { filePath, content } }.
  const parts = file === undefined ? [{ path: '', text }] : [{ path: 'file.filePath', text: file }, { path: 'file.content', text }];
  const found = injectionScanner.scan({ stage, client: 'eval', tool: { name: 'eval', kind }, parts }, { sensitivity });
  return found.filter((f) => f.confidence >= THRESHOLD[sensitivity]);
}

export interface FileRow {
  file: string;
  attacked: number;
  caught: number;
  unpaired: number;
  unpairedCaught: number;
  clean: number;
  cleanFlagged: number;
  same: number;
  sameFlagged: number;
}

export interface AgentDojoResult {
  rows: FileRow[];
  total: FileRow;
  /** Recall over every attacked output (paired and unpaired), and the clean-output flag rate. */
  recall: number;
  falsePositiveRate: number;
  misses: LabelledOutput[];
  falseAlarms: { item: LabelledOutput; findings: RawFinding[] }[];
}

const emptyRow = (file: string): FileRow => ({ file, attacked: 0, caught: 0, unpaired: 0, unpairedCaught: 0, clean: 0, cleanFlagged: 0, same: 0, sameFlagged: 0 });

export function evalAgentDojo(items: readonly LabelledOutput[], sensitivity: Sensitivity = 'medium'): AgentDojoResult {
  const rows = new Map<string, FileRow>();
  const total = emptyRow('all');
  const misses: LabelledOutput[] = [];
  const falseAlarms: { item: LabelledOutput; findings: RawFinding[] }[] = [];
  for (const it of items) {
    if (it.label === 'unlabelled') continue;
    let row = rows.get(it.file);
    if (!row) rows.set(it.file, (row = emptyRow(it.file)));
    const f = reported(it.text, sensitivity);
    const hit = f.length > 0;
    for (const r of [row, total]) {
      if (it.label === 'attacked') { r.attacked++; if (hit) r.caught++; }
      else if (it.label === 'attacked-unpaired') { r.unpaired++; if (hit) r.unpairedCaught++; }
      else if (it.label === 'clean') { r.clean++; if (hit) r.cleanFlagged++; }
      else { r.same++; if (hit) r.sameFlagged++; }
    }
    if (!hit && (it.label === 'attacked' || it.label === 'attacked-unpaired')) misses.push(it);
    if (hit && it.label === 'clean') falseAlarms.push({ item: it, findings: f });
  }
  const pos = total.attacked + total.unpaired;
  return {
    rows: [...rows.values()],
    total,
    recall: pos === 0 ? 1 : (total.caught + total.unpairedCaught) / pos,
    falsePositiveRate: total.clean === 0 ? 0 : total.cleanFlagged / total.clean,
    misses,
    falseAlarms,
  };
}

export interface CorpusItem {
  id: string;
  category: string;
  text: string;
  /** Tool kind and stage to scan as; a 'web' tool output unless given. */
  kind?: ScanToolKind;
  stage?: Stage;
  /** The file the text was read from, when that matters (agent rules files). */
  file?: string;
}

export function loadCorpus(name: 'positives' | 'benign'): CorpusItem[] {
  return readFileSync(corpus(`injection/${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as CorpusItem);
}

export interface CorpusResult {
  score: Score;
  /** Benign texts flagged / all benign texts. */
  falsePositiveRate: number;
  byCategory: { category: string; n: number; flagged: number }[];
  misses: CorpusItem[];
  falseAlarms: { item: CorpusItem; findings: RawFinding[] }[];
}

/** Precision/recall on the committed corpus; `only` restricts it to categories starting with a prefix. */
export function evalCorpus(sensitivity: Sensitivity = 'medium', only?: (category: string) => boolean): CorpusResult {
  const keep = (it: CorpusItem): boolean => !only || only(it.category);
  const pos = loadCorpus('positives').filter(keep);
  const neg = loadCorpus('benign').filter(keep);
  const cats = new Map<string, { category: string; n: number; flagged: number }>();
  let tp = 0, fp = 0, fn = 0;
  const misses: CorpusItem[] = [];
  const falseAlarms: { item: CorpusItem; findings: RawFinding[] }[] = [];
  for (const [items, positive] of [[pos, true], [neg, false]] as const) {
    for (const it of items) {
      const f = reported(it.text, sensitivity, it.kind ?? 'web', it.stage ?? 'tool_output', it.file);
      const key = `${positive ? '+' : '-'} ${it.category}`;
      let c = cats.get(key);
      if (!c) cats.set(key, (c = { category: key, n: 0, flagged: 0 }));
      c.n++;
      if (f.length > 0) c.flagged++;
      if (positive) {
        if (f.length > 0) tp++;
        else { fn++; misses.push(it); }
      } else if (f.length > 0) {
        fp++;
        falseAlarms.push({ item: it, findings: f });
      }
    }
  }
  return { score: score(tp, fp, fn), falsePositiveRate: neg.length === 0 ? 0 : fp / neg.length, byCategory: [...cats.values()], misses, falseAlarms };
}
