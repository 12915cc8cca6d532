import { readFileSync } from 'node:fs';
import { corpus } from '../datasets.js';
import type { WireEvent } from './agentdojo.js';
import { replay, type ReplayResult } from './replay.js';
import { pct } from './score.js';

// Other data than AgentDojo: hand-written coding-agent and MCP sessions (Claude Code tools,
// GitHub, Slack, mail, payments MCP servers), attacks in many styles and benign sessions in
// which values legitimately flow from what the agent read to what it does. Written without
// looking at the detectors.

interface Scenario {
  id: string;
  label: 'attack' | 'benign';
  style: string;
  description: string;
  events: Record<string, unknown>[];
  harm: number | null;
}

export interface ScenarioReport {
  attacks: number;
  blockedBeforeHarm: number;
  attacksFlagged: number;
  benign: number;
  benignAlerted: number;
  benignBlocked: number;
  misses: { s: Scenario; r: ReplayResult }[];
  falseAlarms: { s: Scenario; r: ReplayResult }[];
}

export function loadScenarios(): Scenario[] {
  return readFileSync(corpus('agentguard/scenarios.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Scenario);
}

function toWire(s: Scenario): WireEvent[] {
  const session = `sc-${s.id}`.replace(/[^A-Za-z0-9._-]/g, '_');
  const t0 = Date.UTC(2026, 5, 1);
  return s.events.map((e, i) => ({ ...e, id: `${session}-${i}`, session_id: session, seq: i, time: new Date(t0 + i).toISOString(), client: 'sdk', capture: 'sdk', user: 'dev' }) as WireEvent);
}

export async function evalScenarios(): Promise<ScenarioReport> {
  const scenarios = loadScenarios();
  const r = await replay(scenarios.map((s) => ({ id: s.id, events: toWire(s) })));
  const rep: ScenarioReport = { attacks: 0, blockedBeforeHarm: 0, attacksFlagged: 0, benign: 0, benignAlerted: 0, benignBlocked: 0, misses: [], falseAlarms: [] };
  scenarios.forEach((s, i) => {
    const res = r.results[i]!;
    if (s.label === 'attack') {
      rep.attacks++;
      if (res.flagged) rep.attacksFlagged++;
      const ok = res.firstDeny !== null && (s.harm === null || res.firstDeny <= s.harm);
      if (ok) rep.blockedBeforeHarm++;
      else rep.misses.push({ s, r: res });
    } else {
      rep.benign++;
      if (res.flagged) rep.benignAlerted++;
      if (res.firstDeny !== null) rep.benignBlocked++;
      if (res.flagged) rep.falseAlarms.push({ s, r: res });
    }
  });
  return rep;
}

export function printScenarios(rep: ScenarioReport, show: number): void {
  console.log('| attacks | blocked before harm | flagged | benign | alerted | blocked |');
  console.log('|---|---|---|---|---|---|');
  console.log(`| ${rep.attacks} | ${rep.blockedBeforeHarm} (${pct(rep.blockedBeforeHarm, rep.attacks)}) | ${rep.attacksFlagged} (${pct(rep.attacksFlagged, rep.attacks)}) | ${rep.benign} | ${rep.benignAlerted} (${pct(rep.benignAlerted, rep.benign)}) | ${rep.benignBlocked} (${pct(rep.benignBlocked, rep.benign)}) |`);
  if (show <= 0) return;
  console.log(`\nAttacks not blocked before harm (${rep.misses.length}):`);
  for (const m of rep.misses.slice(0, show * 4)) console.log(`- ${m.s.id} (${m.s.style}): harm at ${m.s.harm}, first deny ${m.r.firstDeny}; ${m.r.notes[0]?.slice(0, 200) ?? 'no finding'}`);
  console.log(`\nBenign sessions with a finding (${rep.falseAlarms.length}):`);
  for (const f of rep.falseAlarms.slice(0, show * 4)) console.log(`- ${f.s.id} (${f.s.style}): ${f.r.notes[0]?.slice(0, 240)}`);
}
