// What a tool call item says about security: its scans, whether it was blocked and why.
import type { ScanRecord, VigilEvent } from '../../api/types';
import type { ToolItem } from './items';

export interface ScanView {
  key: string;
  label: string;
  scan: ScanRecord;
}

export function scansOf(item: ToolItem): ScanView[] {
  const out: ScanView[] = [];
  if (item.call.scan) out.push({ key: `${item.call.id}:scan`, label: 'input', scan: item.call.scan });
  if (item.result?.scan) out.push({ key: `${item.result.id}:scan`, label: 'output', scan: item.result.scan });
  for (const e of item.related) if (e.kind === 'scan_result' && e.scan) out.push({ key: e.id, label: e.scan.stage, scan: e.scan });
  return out;
}

export interface Block {
  reason: string;
  source: string | null;
}

export function blockOf(item: ToolItem): Block | null {
  const decision = item.related.find((e) => e.kind === 'decision' && e.verdict?.action === 'block');
  if (decision) return fromVerdict(decision);
  const guard = item.related.find((e) => e.kind === 'guard_finding' && e.verdict?.action === 'block');
  if (guard) return { reason: `AgentGuard stopped this session: ${guard.verdict?.reason ?? guard.text ?? guard.verdict?.rule ?? ''}`, source: guard.verdict?.source ?? 'agentguard' };
  if (item.call.verdict?.action === 'block') return fromVerdict(item.call);
  // A scanner block has no decision event: say what the server told the agent (its scanBlockReason).
  const scan = scansOf(item).find((s) => s.scan.action === 'block');
  if (scan) {
    const tool = item.call.tool?.name;
    const what = scan.label === 'output' || scan.label === 'tool_output' ? `the output of ${tool ?? 'this tool'}` : `this ${tool ?? 'tool'} call`;
    const blocks = (scan.scan.findings ?? []).filter((f) => f.action === 'block');
    const lines = blocks.slice(0, 3).map((f) => `${f.message} (${f.scanner}/${f.rule})`);
    return { reason: `Vigil blocked ${what}: ${lines.join(' ') || 'a scanner finding'}`, source: 'scanners' };
  }
  return null;
}

function fromVerdict(e: VigilEvent): Block {
  const v = e.verdict!;
  const rule = [v.source, v.rule].filter(Boolean).join('/');
  return { reason: v.reason ?? e.text ?? (rule ? `Blocked by ${rule}` : 'Blocked'), source: rule || null };
}

export type CallStatus = 'blocked' | 'error' | 'ok' | 'pending';

export function statusOf(item: ToolItem, blocked: boolean): CallStatus {
  if (blocked) return 'blocked';
  if (item.result?.kind === 'tool_error' || item.result?.error || item.call.error) return 'error';
  return item.result ? 'ok' : 'pending';
}

/** The audit log view of decisions on a call (audited as resource event/<call event id>). */
export const auditHref = (eventId: string): string => `/audit?resource=${encodeURIComponent(`event/${eventId}`)}`;
