// Precision/recall of the PII scanner on presidio-research's synthetic sentences, and its
// throughput and false positives per MB on real text.
//   npx tsc -b && node eval/dist/pii/main.js [--mb 20]
import type { Sensitivity } from '@vigil/scanner-spec';
import { piiScanner } from '@vigil/scanners';
import { dataset, type Score } from '../datasets.js';
import { evaluate, loadPresidio, TYPES } from './presidio.js';
import { loadRealText, toChunks } from './realtext.js';

const args = process.argv.slice(2);
const mbArg = args.indexOf('--mb');
const limitMb = mbArg >= 0 ? Number(args[mbArg + 1]) : 20;
const SENS: Sensitivity[] = ['low', 'medium', 'high'];
const THRESHOLD: Record<Sensitivity, number> = { low: 0.8, medium: 0.5, high: 0.25 };
const pct = (x: number): string => (x * 100).toFixed(1);
const row = (name: string, s: Score): string => `| ${name} | ${s.tp} | ${s.fp} | ${s.fn} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.f1)} |`;
const out: string[] = ['# PII scanner evaluation', ''];

const d = dataset('pii');
if (d.skip) out.push(`presidio dataset skipped: ${d.skip}`, '');
else {
  const data = loadPresidio(d.dir);
  out.push(`presidio-research synth_dataset_v2: ${data.length} sentences. A finding counts when it overlaps a gold span of its entity type; national-id rules count as false positives.`, '');
  for (const s of SENS) {
    const r = evaluate(data, s);
    out.push(`## Sensitivity ${s}`, '', '| type | TP | FP | FN | P % | R % | F1 % |', '|---|---|---|---|---|---|---|');
    for (const t of [...TYPES, ...[...r.byType.keys()].filter((k) => !(TYPES as readonly string[]).includes(k))]) out.push(row(t, r.byType.get(t)!));
    out.push(row('**micro (all gold)**', r.micro), row('**micro (checksum-valid gold)**', r.validMicro), '', `Exact spans among matches: ${pct(r.exactSpans)}%.`, '');
    if (s === 'medium') {
      out.push('Misses and false positives at medium:', '');
      for (const m of r.misses.slice(0, 40)) out.push(`- ${m.kind} ${m.type}${m.rule ? ` (${m.rule} @${m.confidence})` : ''}: \`${m.text}\``);
      out.push('');
    }
  }
}

// Real text: throughput and what would be reported.
const docs = loadRealText(limitMb);
// Fresh flat strings, as JSON.parse hands them to the engine (slices of one big string scan slower).
const chunks = toChunks(docs, 10000).map((c) => ({ doc: c.doc, text: Buffer.from(c.text).toString() }));
const mb = docs.reduce((n, x) => n + x.text.length, 0) / 1e6;
out.push(`## Real text (${mb.toFixed(1)} MB: package-lock.json, git log -p, node_modules .js/.ts; parts of 10,000 characters, tool_output)`, '', '| sensitivity | MB/s wall (best of the last 4 of 8 passes) | MB/s by process CPU time | reported | per MB |', '|---|---|---|---|---|');
const perRule = new Map<string, number>();
for (let i = 0; i < 4; i++) for (const ch of chunks) piiScanner.scan({ stage: 'tool_output', client: 'eval', parts: [{ path: '', text: ch.text }] }, { sensitivity: 'medium' }); // JIT warm-up
const samples: string[] = [];
for (const s of SENS) {
  let best = Infinity;
  let bestCpu = Infinity;
  let reported = 0;
  for (let i = 0; i < 8; i++) {
    reported = 0;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const ch of chunks) {
      const f = piiScanner.scan({ stage: 'tool_output', client: 'eval', parts: [{ path: '', text: ch.text }] }, { sensitivity: s });
      for (const x of f) {
        if (x.confidence < THRESHOLD[s]) continue;
        reported++;
        if (s === 'medium' && i === 0) {
          perRule.set(x.rule, (perRule.get(x.rule) ?? 0) + 1);
          if (samples.length < 30) samples.push(`- ${x.rule} @${x.confidence} in \`${ch.doc.label}\`: \`${ch.text.slice(Math.max(0, x.start - 30), x.start).replace(/\s+/g, ' ')}[${x.end - x.start} chars]\``);
        }
      }
    }
    const cpu = process.cpuUsage(c0);
    if (i >= 4) {
      best = Math.min(best, performance.now() - t0);
      bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1000);
    }
  }
  out.push(`| ${s} | ${(mb / (best / 1000)).toFixed(0)} | ${(mb / (bestCpu / 1000)).toFixed(0)} | ${reported} | ${(reported / mb).toFixed(2)} |`);
}
out.push('', `Reported at medium by rule: ${[...perRule].map(([r, n]) => `${r} ${n}`).join(', ') || 'none'}.`, '', ...samples, '');

// Latency of a 10 KB payload (p99 over the real-text chunks).
const lat: number[] = [];
for (const ch of chunks.slice(0, 2000)) {
  const t0 = performance.now();
  piiScanner.scan({ stage: 'tool_output', client: 'eval', parts: [{ path: '', text: ch.text }] }, { sensitivity: 'medium' });
  lat.push(performance.now() - t0);
}
lat.sort((a, b) => a - b);
out.push(`10 KB payload latency at medium: p50 ${lat[Math.floor(lat.length * 0.5)]!.toFixed(3)} ms, p99 ${lat[Math.floor(lat.length * 0.99)]!.toFixed(3)} ms.`);
process.stdout.write(out.join('\n') + '\n');
