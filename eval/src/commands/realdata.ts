import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanInput, ScanToolKind } from '@vigil/scanner-spec';
import { toParts } from '@vigil/scanners';
import { dataset } from '../datasets.js';
import { scanBoth } from './run.js';

const KINDS: Record<string, ScanToolKind> = {
  Bash: 'shell', Read: 'file_read', Glob: 'file_read', Grep: 'file_read', LS: 'file_read', NotebookRead: 'file_read',
  Write: 'file_write', Edit: 'file_write', MultiEdit: 'file_write', NotebookEdit: 'file_write', WebFetch: 'web', WebSearch: 'web',
};

export interface RealResult {
  calls: number;
  withFindings: number;
  blocked: number;
  examples: string[];
}

/** Tool inputs of the captured Claude Code hook payloads (PreToolUse / PermissionRequest). */
export function claudeCodeCalls(): { calls: ScanInput[]; skip: string | false } {
  const d = dataset('claude-code');
  if (d.skip) return { calls: [], skip: d.skip };
  const dir = join(d.dir, 'hooks');
  const calls: ScanInput[] = [];
  for (const f of readdirSync(dir).sort()) {
    const p = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { hook_event_name?: string; tool_name?: string; tool_input?: unknown };
    if (!p.tool_name || p.tool_input === undefined || (p.hook_event_name !== 'PreToolUse' && p.hook_event_name !== 'PermissionRequest')) continue;
    const kind = KINDS[p.tool_name] ?? (p.tool_name.startsWith('mcp__') ? 'mcp' : 'other');
    calls.push({ stage: 'tool_input', client: 'claude-code', tool: { name: p.tool_name, kind }, value: p.tool_input, parts: toParts(p.tool_input) });
  }
  return { calls, skip: false };
}

/** Every tool call of the AgentDojo runs (benign and attacked; no shell, but file and message tools). */
export function agentDojoCalls(): { calls: ScanInput[]; skip: string | false } {
  const d = dataset('agentdojo');
  if (d.skip) return { calls: [], skip: d.skip };
  const calls: ScanInput[] = [];
  for (const f of readdirSync(d.dir).filter((x) => x.endsWith('.jsonl')).sort()) {
    const lines = readFileSync(join(d.dir, f), 'utf8').split('\n');
    for (let i = 1; i < lines.length; i++) {
      if (lines[i]!.trim() === '') continue;
      const run = JSON.parse(lines[i]!) as { messages?: Array<{ tool_calls?: Array<{ function?: { name?: string; arguments?: unknown } }> }> };
      for (const m of run.messages ?? []) {
        for (const tc of m.tool_calls ?? []) {
          const name = tc.function?.name ?? 'tool';
          const value = tc.function?.arguments ?? {};
          const kind: ScanToolKind = /read_file|get_file|search_files|list_files/.test(name) ? 'file_read' : /create_file|append_to_file|delete_file/.test(name) ? 'file_write' : 'other';
          calls.push({ stage: 'tool_input', client: 'agentdojo', tool: { name, kind }, value, parts: toParts(value) });
        }
      }
    }
  }
  return { calls, skip: false };
}

export function scanCalls(calls: readonly ScanInput[]): RealResult {
  const r: RealResult = { calls: calls.length, withFindings: 0, blocked: 0, examples: [] };
  for (const c of calls) {
    const f = scanBoth(c).filter((x) => x.confidence >= 0.5);
    if (f.length === 0) continue;
    r.withFindings++;
    if (f.some((x) => x.severity === 'high' || x.severity === 'critical')) r.blocked++;
    if (r.examples.length < 5) r.examples.push(`${c.tool?.name}: ${f.map((x) => `${x.scanner}/${x.rule}`).join(', ')}`);
  }
  return r;
}
