// Throughput and false-positive rate of the secrets scanner on real text nobody labelled:
// source files from node_modules, package-lock.json and `git log -p` of this repository.
//   npx tsc -b && node eval/dist/secrets/realtext.js [--mb 20] [--part 10000] [extra dirs...]
// Findings are printed with the matched value redacted.
import { join } from 'node:path';
import type { RawFinding, Sensitivity } from '@vigil/scanner-spec';
import { secretsScanner } from '@vigil/scanners';
import { THRESHOLD } from './evaluate.js';
import { ROOT, loadRealText, type Doc } from '../realtext.js';

const args = process.argv.slice(2);
const opt = (name: string, def: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args.splice(i, 2)[1]) : def;
};
const limitMb = opt('mb', 20);
const partSize = opt('part', 10000);
const dirs = args.length > 0 ? args : [join(ROOT, 'node_modules')];

const docs = loadRealText({ limitMb, dirs, files: /\.(?:[cm]?js|ts|json|md|ya?ml|txt|sh|py)$/ });
const total = docs.reduce((n, d) => n + d.text.length, 0);

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
