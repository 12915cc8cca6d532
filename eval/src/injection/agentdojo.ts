import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Labels AgentDojo tool outputs by diffing, never by looking for the attack's wording:
// - every tool output of a clean run is clean;
// - an output of an attacked run is paired with the clean run of the same file, suite and user
//   task, at the same tool call (function name and arguments, k-th occurrence). Equal → "same"
//   (clean-in-attacked, reported apart). Different and holding at least MIN_NEW words that the
//   clean output lacks → attacked. Different only in ids, timestamps or order → "same".
// - an output with no such call in the clean run (the agent went elsewhere) is compared with every
//   clean output of the suite across all files: at least MIN_NEW_UNPAIRED unseen words → attacked
//   (unpaired); otherwise it is left out.

export type Label = 'clean' | 'attacked' | 'attacked-unpaired' | 'same' | 'unlabelled';

export interface LabelledOutput {
  file: string;
  suite: string;
  userTask: string;
  injectionTask: string | null;
  tool: string;
  text: string;
  label: Label;
  /** Words of the attacked output its clean counterpart lacks (for printing misses). */
  novel?: string[];
}

const MIN_NEW = 3;
const MIN_NEW_UNPAIRED = 5;
const WORD = /[A-Za-z]{3,}/g;

interface Msg {
  role: string;
  content?: string | null;
  tool_calls?: { function?: { name?: string; arguments?: unknown } }[];
}
interface Run {
  messages: Msg[];
  metadata: { suite_name: string; user_task_id: string; injection_task_id: string | null };
}

export function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${stable(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** Tool outputs of a run, each with the key of the call that produced it (calls answered in order). */
function outputs(run: Run): { key: string; tool: string; text: string }[] {
  const out: { key: string; tool: string; text: string }[] = [];
  const pending: { key: string; tool: string }[] = [];
  for (const m of run.messages) {
    if (m.role === 'assistant' && m.tool_calls) {
      for (const c of m.tool_calls) {
        const tool = c.function?.name ?? '?';
        pending.push({ key: `${tool}${stable(c.function?.arguments ?? {})}`, tool });
      }
    } else if (m.role === 'tool') {
      const call = pending.shift() ?? { key: '?', tool: '?' };
      out.push({ ...call, text: typeof m.content === 'string' ? m.content : '' });
    }
  }
  return out;
}

const words = (s: string): Set<string> => new Set(s.match(WORD) ?? []);

export function agentdojoFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(dir, f));
}

/** The runs of one AgentDojo file (line 1 is the file's header). */
export function readRuns<R = Run>(file: string): R[] {
  return readFileSync(file, 'utf8').split('\n').slice(1).filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as R);
}

export function labelAgentDojo(dir: string): LabelledOutput[] {
  const files = agentdojoFiles(dir).map((f) => ({ file: f.split('/').pop()!.replace(/\.jsonl$/, ''), runs: readRuns(f) }));
  // Every word seen in a clean output, per suite, across all files (for unpaired outputs).
  const pool = new Map<string, Set<string>>();
  for (const { runs } of files) {
    for (const r of runs) {
      if (r.metadata.injection_task_id !== null) continue;
      let set = pool.get(r.metadata.suite_name);
      if (!set) pool.set(r.metadata.suite_name, (set = new Set()));
      for (const o of outputs(r)) for (const w of o.text.match(WORD) ?? []) set.add(w);
    }
  }
  const result: LabelledOutput[] = [];
  for (const { file, runs } of files) {
    const clean = new Map<string, Run>();
    for (const r of runs) if (r.metadata.injection_task_id === null) clean.set(`${r.metadata.suite_name}/${r.metadata.user_task_id}`, r);
    for (const r of runs) {
      const md = r.metadata;
      const base = { file, suite: md.suite_name, userTask: md.user_task_id, injectionTask: md.injection_task_id };
      if (md.injection_task_id === null) {
        for (const o of outputs(r)) result.push({ ...base, tool: o.tool, text: o.text, label: 'clean' });
        continue;
      }
      const twin = clean.get(`${md.suite_name}/${md.user_task_id}`);
      const byKey = new Map<string, string[]>();
      for (const o of twin ? outputs(twin) : []) {
        const l = byKey.get(o.key);
        if (l) l.push(o.text);
        else byKey.set(o.key, [o.text]);
      }
      const seen = new Map<string, number>();
      for (const o of outputs(r)) {
        const k = seen.get(o.key) ?? 0;
        seen.set(o.key, k + 1);
        const counterpart = byKey.get(o.key)?.[k];
        if (counterpart !== undefined) {
          if (counterpart === o.text) {
            result.push({ ...base, tool: o.tool, text: o.text, label: 'same' });
            continue;
          }
          const cw = words(counterpart);
          const novel = [...words(o.text)].filter((w) => !cw.has(w));
          result.push({ ...base, tool: o.tool, text: o.text, label: novel.length >= MIN_NEW ? 'attacked' : 'same', novel });
        } else {
          const pw = pool.get(md.suite_name) ?? new Set<string>();
          const novel = [...words(o.text)].filter((w) => !pw.has(w));
          result.push({ ...base, tool: o.tool, text: o.text, label: novel.length >= MIN_NEW_UNPAIRED ? 'attacked-unpaired' : 'unlabelled', novel });
        }
      }
    }
  }
  return result;
}
