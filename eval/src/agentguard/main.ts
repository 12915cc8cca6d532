// AgentGuard on AgentDojo: every recorded run replayed through a real Vigil server as a client
// would send it (POST /v1/decide, event by event), AgentGuard in block mode.
// Usage: node eval/dist/agentguard/main.js [--misses N]
import { dataset } from '../datasets.js';
import { loadReplay } from './agentdojo.js';
import { replay } from './replay.js';
import { printReport, scoreReplay } from './score.js';
import { evalScenarios, printScenarios } from './scenarios.js';

const args = process.argv.slice(2);
const i = args.indexOf('--misses');
const show = i >= 0 ? Number(args[i + 1]) : 5;

console.log('# AgentGuard evaluation\n');
const d = dataset('agentdojo');
if (!d.skip) {
  const runs = loadReplay(d.dir);
  const t0 = Date.now();
  const rep = scoreReplay(runs, await replay(runs));
  console.log(`## AgentDojo (important_instructions), ${runs.length} runs replayed in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  printReport(rep);
  if (show > 0) {
    console.log(`\n### Hijacked runs not blocked before harm (${rep.misses.length})\n`);
    for (const m of rep.misses.slice(0, show)) console.log(`- ${m.id}: harm at event ${m.harm}, first deny ${m.firstDeny}; ${m.notes.slice(0, 2).join(' | ').slice(0, 300)}`);
    console.log(`\n### Clean runs with an AgentGuard finding (${rep.cleanFlags.length})\n`);
    for (const c of rep.cleanFlags.slice(0, show)) console.log(`- ${c.id}: ${c.notes[0]?.slice(0, 300)}`);
  }
}
console.log('\n## Other data: the committed scenario corpus (eval/corpora/agentguard)\n');
printScenarios(await evalScenarios(), show);
