// Evaluation of the commands + files scanners: node eval/dist/commands/main.js
// Prints precision/recall for blocking (high/critical) and for alerting (medium+) findings on the
// labelled corpus, per-category recall, the worst misses and false blocks, findings on real
// captured payloads, and per-call latency.
import type { Sensitivity } from '@vigil/scanner-spec';
import { evaluate, loadRows, report, type Outcome } from './run.js';
import { agentDojoCalls, claudeCodeCalls, scanCalls } from './realdata.js';
import { adversarial, latency, tenKbCommand, timeOne } from './bench.js';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function show(o: Outcome): string {
  const what = o.row.cmd ?? `${o.row.tool} ${JSON.stringify(o.row.input)}`;
  const f = o.reported.map((x) => `${x.scanner}/${x.rule}:${x.severity}`).join(', ') || '—';
  return `| ${o.row.label} | ${o.row.expect} | \`${what.replace(/\n/g, '⏎').replace(/\|/g, '\\|').slice(0, 110)}\` | ${f} |`;
}

const rows = [...loadRows('commands.jsonl'), ...loadRows('files.jsonl')];
const holdout = loadRows('holdout.jsonl');
const sets: Array<[string, typeof rows, Sensitivity]> = [
  ['corpus', rows, 'medium'], ['corpus', rows, 'low'], ['corpus', rows, 'high'], ['held-out', holdout, 'medium'],
];
for (const [setName, set, sensitivity] of sets) {
  const r = report(evaluate(set, sensitivity));
  console.log(`\n## ${setName}, sensitivity ${sensitivity} (${set.length} rows: ${r.benign} benign)\n`);
  console.log('| decision | TP | FP | FN | precision | recall | F1 |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [n, s] of [['block (high/critical)', r.block], ['alert (medium+)', r.alert]] as const) {
    console.log(`| ${n} | ${s.tp} | ${s.fp} | ${s.fn} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.f1)} |`);
  }
  console.log(`\nBenign rows with any reported finding (low included): ${r.benignNoise}/${r.benign}; "low"-expected rows blocked: ${r.lowBlocked}; detected rows whose findings name the labelled category: ${r.categoryHits}/${r.categoryTotal}.`);
  if (sensitivity !== 'medium' || setName !== 'corpus') continue;
  console.log('\n| category | rows | blocked | alerted |');
  console.log('|---|---|---|---|');
  for (const c of r.perCategory) console.log(`| ${c.category} | ${c.total} | ${c.blocked} | ${c.alerted} |`);
  console.log('\n### Misses (expected block not blocked, or expected alert not reported)\n');
  console.log('| label | expect | input | reported |');
  console.log('|---|---|---|---|');
  for (const o of r.misses) console.log(show(o));
  console.log('\n### False blocks\n');
  console.log('| label | expect | input | reported |');
  console.log('|---|---|---|---|');
  for (const o of r.falseBlocks) console.log(show(o));
  console.log('\n### False alerts (medium, not blocked)\n');
  console.log('| label | expect | input | reported |');
  console.log('|---|---|---|---|');
  for (const o of r.falseAlerts) console.log(show(o));
}

console.log('\n## Real captured tool calls (all benign)\n');
for (const [name, src] of [['Claude Code hooks', claudeCodeCalls()], ['AgentDojo tool calls', agentDojoCalls()]] as const) {
  if (src.skip) { console.log(`- ${name}: skipped (${src.skip})`); continue; }
  const r = scanCalls(src.calls);
  console.log(`- ${name}: ${r.calls} calls, ${r.withFindings} with a reported finding, ${r.blocked} blocked${r.examples.length ? ` (${r.examples.join('; ')})` : ''}`);
}

console.log('\n## Latency (commands + files scanners together, one core)\n');
const lat = latency(rows.filter((r) => r.cmd !== undefined), 10_000);
console.log(`- ${lat.calls} corpus commands: p50 ${lat.p50.toFixed(1)} µs, p99 ${lat.p99.toFixed(1)} µs, max ${lat.max.toFixed(0)} µs (${lat.mbPerSec.toFixed(1)} MB/s of command text)`);
const ten = tenKbCommand();
for (let i = 0; i < 50; i++) timeOne(ten);
const tt = Array.from({ length: 200 }, () => timeOne(ten)).sort((a, b) => a - b);
console.log(`- a ${(ten.length / 1024).toFixed(1)} KB command: p50 ${(tt[100]! * 1000).toFixed(0)} µs, p99 ${(tt[198]! * 1000).toFixed(0)} µs`);
console.log('\n| 1 MB adversarial input | ms |');
console.log('|---|---|');
for (const [name, text] of adversarial()) console.log(`| ${name} | ${timeOne(text).toFixed(0)} |`);
