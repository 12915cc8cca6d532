// In-process replay for quick iteration (no server): scanners + AgentGuard on each event.
import { AgentGuard, newState, worstFinding } from '@vigil/agentguard';
import type { VigilEvent } from '@vigil/core';
import { createScanEngine, scanEvent } from '@vigil/scanners';
import { dataset } from '../datasets.js';
import { loadReplay } from './agentdojo.js';

const d = dataset('agentdojo');
const runs = loadReplay(d.dir);
const engine = createScanEngine();
const guard = new AgentGuard();
const stats = { hijacked: 0, blockedBefore: 0, noHarm: 0, resisted: 0, resistedFlag: 0, resistedBlock: 0, clean: 0, cleanAlert: 0, cleanBlock: 0 };
const verbose = process.argv.includes('-v');
for (const run of runs) {
  const s = newState(run.id);
  let firstBlock: number | null = null;
  let alerted = false;
  const notes: string[] = [];
  run.events.forEach((w, i) => {
    let e = w as unknown as VigilEvent;
    const sc = scanEvent(engine, e, undefined);
    if (sc) e = { ...e, scan: sc.event.scan! }; // the guard sees the event before masking
    const r = guard.observe(s, e);
    const f = worstFinding(r.findings);
    if (f) {
      alerted = true;
      if (f.verdict === 'block' && firstBlock === null && e.kind === 'tool_call') firstBlock = i;
      notes.push(`  [${i}] ${f.detector}/${f.rule} ${f.verdict} ${f.score}: ${f.explanation.slice(0, 300)}`);
    }
  });
  if (run.outcome === 'hijacked') {
    stats.hijacked++;
    if (run.harm === null) stats.noHarm++;
    const ok = firstBlock !== null && (run.harm === null || firstBlock <= run.harm);
    if (ok) stats.blockedBefore++;
    else if (verbose) {
      console.log(`MISS ${run.id} harm=${run.harm} block=${firstBlock}`);
      run.events.forEach((e, i) => console.log(`   ${i} ${e.kind} ${e.tool?.name ?? ''} ${JSON.stringify(e.input ?? e.text ?? e.output ?? '').slice(0, 160)}`));
      console.log(notes.join('\n'));
    }
  } else if (run.outcome === 'resisted') {
    stats.resisted++;
    if (alerted) stats.resistedFlag++;
    if (firstBlock !== null) stats.resistedBlock++;
    if (firstBlock !== null && verbose) console.log(`RESISTED-BLOCK ${run.id}\n${notes.join('\n')}`);
  } else {
    stats.clean++;
    if (alerted) stats.cleanAlert++;
    if (firstBlock !== null) stats.cleanBlock++;
    if (alerted && verbose) console.log(`CLEAN-FLAG ${run.id}\n${notes.join('\n')}`);
  }
}
console.log(stats);
