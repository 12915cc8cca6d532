// Precision and recall of the secrets scanner on the labelled corpus in eval/corpora/secrets/.
//   npx tsc -b && node eval/dist/secrets/main.js
import type { Sensitivity } from '@vigil/scanner-spec';
import { loadCorpus } from './corpus.js';
import { evaluate, scanCase } from './evaluate.js';

const cases = loadCorpus();
const positives = cases.reduce((n, c) => n + c.expected.length, 0);
const out: string[] = [];
const pct = (x: number) => (x * 100).toFixed(1);

out.push('# Secrets scanner evaluation', '');
out.push(`${cases.length} cases, ${positives} labelled secrets of ${new Set(cases.flatMap((c) => c.expected.map((e) => e.rule))).size} rules, ${cases.filter((c) => c.expected.length === 0).length} cases with none.`, '');
out.push('| sensitivity | TP | FP | FN | precision | recall | F1 | rule agreement | exact spans |', '|---|---|---|---|---|---|---|---|---|');
const results = (['low', 'medium', 'high'] as Sensitivity[]).map((s) => evaluate(cases, s));
for (const r of results) {
  const s = r.score;
  out.push(`| ${r.sensitivity} | ${s.tp} | ${s.fp} | ${s.fn} | ${pct(s.precision)}% | ${pct(s.recall)}% | ${pct(s.f1)}% | ${pct(r.ruleAgreement)}% | ${pct(r.exactSpans)}% |`);
}
const medium = results[1]!;
out.push('', '## By rule (medium)', '', '| rule | labelled | TP | FN | FP |', '|---|---|---|---|---|');
for (const [rule, r] of [...medium.byRule].sort((a, b) => b[1].fn + b[1].fp - (a[1].fn + a[1].fp) || a[0].localeCompare(b[0]))) {
  out.push(`| ${rule} | ${r.expected} | ${r.tp} | ${r.fn} | ${r.fp} |`);
}
out.push('', '## Misses (medium)', '');
for (const m of medium.misses.slice(0, 25)) out.push(`- \`${m.id}\` (${m.rule}): \`${m.snippet}\``);
if (medium.misses.length === 0) out.push('none');
out.push('', '## False positives (medium)', '');
for (const f of medium.falsePositives.slice(0, 25)) out.push(`- \`${f.id}\` ${f.rule} @${f.confidence}: \`${f.snippet}\``);
if (medium.falsePositives.length === 0) out.push('none');

// Throughput on the corpus itself (small, secret-dense texts: per-call overhead included).
const t0 = performance.now();
let rounds = 0;
while (performance.now() - t0 < 1000) {
  for (const c of cases) scanCase(c, 'medium');
  rounds++;
}
const mbps = (medium.bytes * rounds) / 1e6 / ((performance.now() - t0) / 1000);
out.push('', `Throughput on the corpus: ${mbps.toFixed(0)} MB/s (${rounds} rounds over ${(medium.bytes / 1024).toFixed(0)} KiB).`);
process.stdout.write(out.join('\n') + '\n');
