import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULTS, startServer } from '@vigil/server';
import type { WireEvent } from './agentdojo.js';

// Replays recorded sessions through a real Vigil server (embedded SQLite, AgentGuard in block
// mode, scanners at their defaults) as a client would send them: each event posted to
// POST /v1/decide over HTTP, in order, one at a time. A recorded call that Vigil denies is still
// replayed after (the recording went on), so what follows a block is measured too.

export interface ReplayInput {
  id: string;
  events: WireEvent[];
}

export interface ReplayResult {
  id: string;
  /** Index of the first tool call denied, or null. */
  firstDeny: number | null;
  /** Any AgentGuard finding (alert or block) in the run. */
  flagged: boolean;
  /** AgentGuard findings, for reports: "index detector/rule verdict: explanation". */
  notes: string[];
  /** The deny reasons the agent would have read. */
  reasons: string[];
}

export interface Replay {
  results: ReplayResult[];
  /** Milliseconds per decision on a tool call, client side (HTTP round trip and the durable write included). */
  latencies: number[];
  /** Milliseconds AgentGuard itself took on each tool call (server side). */
  guardMs: number[];
}

const TOKEN = 'eval-agentguard-admin-token-0123456789';

export async function replay(runs: readonly ReplayInput[], onProgress?: (done: number) => void): Promise<Replay> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-eval-guard-'));
  const server = await startServer({ ...DEFAULTS, port: 0, dataDir: dir, adminToken: TOKEN, logLevel: 'silent', ingestThreads: 0 });
  const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
  const post = async (path: string, body: unknown, method = 'POST') => {
    const r = await fetch(server.url + path, { method, headers, body: JSON.stringify(body) });
    const json = (await r.json()) as any;
    if (r.status >= 400) throw new Error(`${path}: ${r.status} ${JSON.stringify(json).slice(0, 300)}`);
    return json;
  };
  try {
    await post('/v1/settings/agentguard', { mode: 'block' }, 'PUT');
    const results: ReplayResult[] = [];
    const latencies: number[] = [];
    const guardMs: number[] = [];
    for (const [n, run] of runs.entries()) {
      const res: ReplayResult = { id: run.id, firstDeny: null, flagged: false, notes: [], reasons: [] };
      for (const [i, e] of run.events.entries()) {
        const t0 = performance.now();
        const d = await post('/v1/decide', { schema_version: 1, event: e });
        if (e.kind === 'tool_call') {
          latencies.push(performance.now() - t0);
          if (typeof d.guard_ms === 'number') guardMs.push(d.guard_ms);
        }
        for (const g of d.guard as { detector: string; rule: string; verdict: string; explanation: string }[]) {
          res.flagged = true;
          res.notes.push(`${i} ${g.detector}/${g.rule} ${g.verdict}: ${g.explanation}`);
        }
        if (d.decision === 'deny') {
          res.reasons.push(d.reason);
          if (res.firstDeny === null && e.kind === 'tool_call') res.firstDeny = i;
        }
      }
      results.push(res);
      onProgress?.(n + 1);
    }
    return { results, latencies, guardMs };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
