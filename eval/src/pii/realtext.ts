// Real text nobody labelled, for throughput and false positives per MB: .js/.ts files from
// node_modules, package-lock.json and `git log -p` of this repository.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface Doc { label: string; text: string }

export function loadRealText(limitMb: number): Doc[] {
  const docs: Doc[] = [];
  let total = 0;
  const add = (label: string, text: string): void => {
    const room = limitMb * 1e6 - total;
    if (room <= 0) return;
    const t = text.length > room ? text.slice(0, room) : text;
    docs.push({ label, text: t });
    total += t.length;
  };
  add('package-lock.json', readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  try {
    add('git log -p', execFileSync('git', ['-C', ROOT, 'log', '-p', '--no-color'], { maxBuffer: 1 << 28, encoding: 'utf8' }).slice(0, limitMb * 2e5));
  } catch {
    process.stderr.write('note: git log unavailable\n');
  }
  const walk = (p: string): void => {
    if (total >= limitMb * 1e6) return;
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) {
      if (p.endsWith('node_modules/@vigil')) return; // this repository's own workspaces (and their test fixtures)
      for (const e of readdirSync(p).sort()) walk(join(p, e));
    } else if (st.size < 2e6 && /\.(?:[cm]?js|ts)$/.test(p)) {
      add(p.slice(ROOT.length), readFileSync(p, 'utf8'));
    }
  };
  walk(join(ROOT, 'node_modules'));
  return docs;
}

/** Docs cut into parts the size of a large tool output. */
export function toChunks(docs: readonly Doc[], size: number): { doc: Doc; text: string }[] {
  const out: { doc: Doc; text: string }[] = [];
  for (const d of docs) for (let i = 0; i < d.text.length; i += size) out.push({ doc: d, text: d.text.slice(i, i + size) });
  return out;
}
