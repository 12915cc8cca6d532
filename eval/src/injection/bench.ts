// Injection scanner throughput on real text: node_modules sources and READMEs, package-lock.json,
// `git log -p` of the repository, and (when present) the AgentDojo tool outputs of clean runs, cut
// into 16 KB tool outputs (fresh strings, as JSON.parse gives them).
// Usage: node eval/dist/injection/bench.js [MB, default 20]
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { injectionScanner } from '@vigil/scanners';
import { dataset } from '../datasets.js';
import { agentdojoFiles } from './agentdojo.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const target = Number(process.argv[2] ?? '20') * 1e6;

function walk(dir: string, exts: string[], out: string[], budget: { left: number }): void {
  let names: string[];
  try { names = readdirSync(dir).sort(); } catch { return; }
  for (const n of names) {
    if (budget.left <= 0) return;
    const p = join(dir, n);
    let st: Stats;
    try { st = statSync(p); } catch { continue; }
    if (st.isDirectory()) {
      if (n !== '@vigil') walk(p, exts, out, budget); // @vigil: this repository's own workspaces
    } else if (exts.some((e) => n.endsWith(e)) && st.size < 300_000) {
      const t = readFileSync(p, 'utf8');
      out.push(t);
      budget.left -= t.length;
    }
  }
}

function sources(): { name: string; texts: string[] }[] {
  const nm = join(ROOT, 'node_modules');
  const parts: { name: string; texts: string[] }[] = [];
  const take = (name: string, exts: string[], share: number): void => {
    const out: string[] = [];
    walk(nm, exts, out, { left: target * share });
    parts.push({ name, texts: out });
  };
  take('.js from node_modules', ['.js', '.mjs', '.cjs'], 0.45);
  take('.ts from node_modules', ['.ts'], 0.15);
  take('.md from node_modules', ['.md'], 0.12);
  parts.push({ name: 'package-lock.json', texts: [readFileSync(join(ROOT, 'package-lock.json'), 'utf8')] });
  try {
    const log = execFileSync('git', ['log', '-p', '-n', '400'], { cwd: ROOT, maxBuffer: 64 << 20 }).toString('utf8');
    parts.push({ name: 'git log -p', texts: [log.slice(0, target * 0.1)] });
  } catch { /* not a checkout */ }
  const d = dataset('agentdojo');
  if (!d.skip) {
    const clean: string[] = [];
    const attacked: string[] = [];
    for (const f of agentdojoFiles(d.dir)) {
      for (const line of readFileSync(f, 'utf8').split('\n').slice(1)) {
        if (!line) continue;
        const run = JSON.parse(line) as { messages: { role: string; content?: string | null }[]; metadata: { injection_task_id: string | null } };
        for (const m of run.messages) {
          if (m.role === 'tool' && typeof m.content === 'string') (run.metadata.injection_task_id === null ? clean : attacked).push(m.content);
        }
      }
    }
    parts.push({ name: 'AgentDojo tool outputs, clean runs', texts: [clean.join('\n')] });
    parts.push({ name: 'AgentDojo tool outputs, attacked runs (not in the total)', texts: [attacked.join('\n')] });
  }
  return parts;
}

const chunk = (t: string): string[] => {
  const out: string[] = [];
  for (let i = 0; i < t.length; i += 16384) out.push(JSON.parse(JSON.stringify(t.slice(i, i + 16384))) as string);
  return out;
};

function run(chunks: string[]): number {
  let n = 0;
  for (const c of chunks) n += injectionScanner.scan({ stage: 'tool_output', client: 'bench', tool: { name: 'Read', kind: 'file_read' }, parts: [{ path: 'content', text: c }] }, { sensitivity: 'medium' }).length;
  return n;
}

console.log('| text | MB | MB/s | findings |\n|---|---|---|---|');
let allBytes = 0;
let allMs = 0;
for (const { name, texts } of sources()) {
  const chunks = texts.flatMap(chunk);
  const bytes = chunks.reduce((a, c) => a + Buffer.byteLength(c), 0);
  run(chunks.slice(0, 50)); // warm up
  let best = Infinity;
  let findings = 0;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    findings = run(chunks);
    best = Math.min(best, performance.now() - t0);
  }
  if (!name.includes('not in the total')) {
    allBytes += bytes;
    allMs += best;
  }
  console.log(`| ${name} | ${(bytes / 1e6).toFixed(1)} | ${(bytes / 1e6 / (best / 1000)).toFixed(0)} | ${findings} |`);
}
console.log(`| **all clean text** | ${(allBytes / 1e6).toFixed(1)} | **${(allBytes / 1e6 / (allMs / 1000)).toFixed(0)}** | |`);
