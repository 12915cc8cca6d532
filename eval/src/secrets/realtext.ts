// Throughput and false-positive rate of the secrets scanner on real text nobody labelled:
// source files from node_modules, package-lock.json and `git log -p` of this repository.
//   npx tsc -b && node eval/dist/secrets/realtext.js [--mb 20] [--part 10000] [extra dirs...]
// Findings are printed with the matched value redacted.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawFinding, Sensitivity } from '@vigil/scanner-spec';
import { secretsScanner } from '@vigil/scanners';
import { THRESHOLD } from './evaluate.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const args = process.argv.slice(2);
const opt = (name: string, def: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args.splice(i, 2)[1]) : def;
};
const limitMb = opt('mb', 20);
const partSize = opt('part', 10000);
const dirs = args.length > 0 ? args : [join(ROOT, 'node_modules')];

interface Doc {
  label: string;
  text: string;
}

const docs: Doc[] = [];
let total = 0;
const add = (label: string, text: string): void => {
  docs.push({ label, text });
  total += text.length;
};
add('package-lock.json', readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
try {
  add('git log -p', execFileSync('git', ['-C', ROOT, 'log', '-p', '--no-color'], { maxBuffer: 1 << 28, encoding: 'utf8' }));
} catch {
  process.stderr.write('note: git log unavailable\n');
}
const walk = (p: string): void => {
  if (total >= limitMb * 1e6) return;
  const st = statSync(p, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isDirectory()) {
    // Workspace packages are linked into node_modules/@vigil: this project's own tests, not third-party text.
    if (p.endsWith('node_modules/@vigil')) return;
    for (const e of readdirSync(p).sort()) walk(join(p, e));
  } else if (st.size < 2e6 && /\.(?:[cm]?js|ts|json|md|ya?ml|txt|sh|py)$/.test(p)) {
    add(p.slice(ROOT.length), readFileSync(p, 'utf8'));
  }
};
for (const d of dirs) walk(d);

// Parts the size of a large tool output, as the engine would see them.
const parts = docs.flatMap((d) => {
  const out: { doc: Doc; offset: number; text: string }[] = [];
  for (let i = 0; i < d.text.length; i += partSize) out.push({ doc: d, offset: i, text: d.text.slice(i, i + partSize) });
  return out;
});
const mb = total / 1e6;

function run(sensitivity: Sensitivity): { ms: number; found: { doc: Doc; offset: number; text: string; f: RawFinding }[] } {
  const found: { doc: Doc; offset: number; text: string; f: RawFinding }[] = [];
  const t0 = performance.now();
  for (const p of parts) {
    for (const f of secretsScanner.scan({ stage: 'tool_output', client: 'eval', parts: [{ path: '', text: p.text }] }, { sensitivity })) found.push({ ...p, f });
  }
  return { ms: performance.now() - t0, found };
}

const out: string[] = [`# Secrets scanner on real text`, '', `${(mb).toFixed(1)} MB in ${docs.length} documents, scanned in parts of ${partSize} characters.`, ''];
out.push('| sensitivity | MB/s (best of 5) | findings reported | per MB |', '|---|---|---|---|');
for (const s of ['low', 'medium', 'high'] as Sensitivity[]) {
  run(s);
  let best = Infinity;
  let found: ReturnType<typeof run>['found'] = [];
  for (let i = 0; i < 5; i++) {
    const r = run(s);
    best = Math.min(best, r.ms);
    found = r.found;
  }
  const reported = found.filter((x) => x.f.confidence >= THRESHOLD[s]);
  out.push(`| ${s} | ${(mb / (best / 1000)).toFixed(0)} | ${reported.length} | ${(reported.length / mb).toFixed(3)} |`);
  if (s === 'medium') {
    out.push('', 'Findings at medium (value redacted):', '');
    for (const { doc, text, f } of reported.slice(0, 50)) {
      const before = text.slice(Math.max(0, f.start - 40), f.start).replace(/\s+/g, ' ');
      const after = text.slice(f.end, f.end + 15).replace(/\s+/g, ' ');
      out.push(`- ${f.rule} @${f.confidence} in \`${doc.label}\`: \`${before}[${f.end - f.start} chars]${after}\``);
    }
    out.push('');
  }
}
process.stdout.write(out.join('\n') + '\n');
