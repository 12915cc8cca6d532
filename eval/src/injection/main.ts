// Injection scanner quality: AgentDojo tool outputs (labelled by diffing attacked runs against
// clean ones) and the committed corpus of other injection styles and benign traps.
// Usage: node eval/dist/injection/main.js [--sensitivity low|medium|high] [--misses N]
import type { Sensitivity } from '@vigil/scanners';
import { dataset } from '../datasets.js';
import { labelAgentDojo } from './agentdojo.js';
import { evalAgentDojo, evalCorpus } from './run.js';

const args = process.argv.slice(2);
const opt = (name: string, def: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : def;
};
const sensitivity = opt('--sensitivity', 'medium') as Sensitivity;
const showMisses = Number(opt('--misses', '5'));
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const excerpt = (s: string, n = 240): string => JSON.stringify(s.length > n ? `${s.slice(0, n)}…` : s);

console.log(`# Injection scanner evaluation (sensitivity ${sensitivity})\n`);

const d = dataset('agentdojo');
if (!d.skip) {
  const r = evalAgentDojo(labelAgentDojo(d.dir), sensitivity);
  console.log('## AgentDojo (important_instructions), tool outputs\n');
  console.log('| file | attacked (paired) | recall | attacked (unpaired) | recall | clean | flagged | FP rate | clean-in-attacked | flagged |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const x of [...r.rows, r.total]) {
    console.log(`| ${x.file} | ${x.attacked} | ${pct(x.attacked ? x.caught / x.attacked : 1)} | ${x.unpaired} | ${pct(x.unpaired ? x.unpairedCaught / x.unpaired : 1)} | ${x.clean} | ${x.cleanFlagged} | ${pct(x.clean ? x.cleanFlagged / x.clean : 0)} | ${x.same} | ${x.sameFlagged} |`);
  }
  console.log(`\nOverall recall on attacked outputs: **${pct(r.recall)}**; clean outputs flagged: **${pct(r.falsePositiveRate)}**.\n`);
  if (showMisses > 0) {
    console.log(`### Misses (${r.misses.length}; first ${showMisses})\n`);
    for (const m of r.misses.slice(0, showMisses)) console.log(`- ${m.file} ${m.suite}/${m.userTask} ${m.tool} ${m.label}: new words ${JSON.stringify((m.novel ?? []).slice(0, 12))} ${excerpt(m.text)}`);
    console.log(`\n### False alarms on clean outputs (${r.falseAlarms.length}; first ${showMisses})\n`);
    for (const { item, findings } of r.falseAlarms.slice(0, showMisses)) {
      const f = findings[0]!;
      console.log(`- ${item.file} ${item.suite}/${item.userTask} ${item.tool}: ${f.rule} ${f.confidence} ${excerpt(item.text.slice(Math.max(0, f.start - 80), f.end + 80))}`);
    }
    console.log('');
  }
} else {
  console.log(`AgentDojo skipped: ${d.skip}\n`);
}

console.log('## Committed corpus (eval/corpora/injection)\n');
console.log('| set | precision | recall | F1 | TP | FP | FN | benign flagged |');
console.log('|---|---|---|---|---|---|---|---|');
const sets: [string, ((c: string) => boolean) | undefined][] = [
  ['all', undefined],
  ['development set', (c) => !c.startsWith('holdout')],
  ['holdout-1', (c) => c === 'holdout-1'],
  ['holdout-2', (c) => c === 'holdout-2'],
  ['holdout-3', (c) => c === 'holdout-3'],
];
for (const [name, only] of sets) {
  const c = evalCorpus(sensitivity, only);
  console.log(`| ${name} | ${pct(c.score.precision)} | ${pct(c.score.recall)} | ${pct(c.score.f1)} | ${c.score.tp} | ${c.score.fp} | ${c.score.fn} | ${pct(c.falsePositiveRate)} |`);
}
const c = evalCorpus(sensitivity);
console.log('\n| category | n | flagged |\n|---|---|---|');
for (const x of c.byCategory) console.log(`| ${x.category} | ${x.n} | ${x.flagged} |`);
if (showMisses > 0) {
  console.log(`\n### Corpus misses (${c.misses.length}; first ${showMisses})\n`);
  for (const m of c.misses.slice(0, showMisses)) console.log(`- ${m.id} (${m.category}): ${excerpt(m.text, 160)}`);
  console.log(`\n### Corpus false alarms (${c.falseAlarms.length}; first ${showMisses})\n`);
  for (const { item, findings } of c.falseAlarms.slice(0, showMisses)) console.log(`- ${item.id} (${item.category}): ${findings.map((f) => `${f.rule} ${f.confidence}`).join(', ')} ${excerpt(item.text, 160)}`);
}
