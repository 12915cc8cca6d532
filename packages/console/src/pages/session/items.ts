// Timeline events → view items (pure, so it is cheap to rebuild on every live update):
// - a tool_call and its tool_result/tool_error (same tool.call_id) become one item;
// - scan_result/decision/guard_finding events about a call (verdict.target_event_id is the call
//   or its result) are attached to that call's item; others stay items of their own;
// - subagent activity (parent_id) is indented under its subagent_start, or, when no start is
//   known, one level under a "Subagent <parent_id>" header;
// - the order of the events is kept.
import type { VigilEvent } from '../../api/types';

export interface EventItem {
  type: 'event';
  key: string;
  event: VigilEvent;
  depth: number;
}

export interface ToolItem {
  type: 'tool';
  key: string;
  call: VigilEvent;
  result: VigilEvent | null;
  /** scan_result, decision and guard_finding events about this call, in timeline order. */
  related: VigilEvent[];
  depth: number;
}

export interface GroupItem {
  type: 'group';
  key: string;
  parentId: string;
  depth: number;
}

export type ViewItem = EventItem | ToolItem | GroupItem;

const RESULT_KINDS = new Set(['tool_result', 'tool_error']);
const VERDICT_KINDS = new Set(['scan_result', 'decision', 'guard_finding']);
const MAX_DEPTH = 8;

export function buildItems(events: readonly VigilEvent[]): ViewItem[] {
  // Pass 1: calls, their results, and what can be pointed at.
  const toolItems = new Map<string, ToolItem>(); // by call event id
  const openCalls = new Map<string, ToolItem[]>(); // by call_id, calls still without a result
  const pairedResults = new Set<string>();
  const byTarget = new Map<string, ToolItem>(); // call or result event id → item
  const starts = subagentStarts(events);
  const depth = depthFn(starts);

  for (const e of events) {
    if (e.kind !== 'tool_call' || toolItems.has(e.id)) continue;
    const item: ToolItem = { type: 'tool', key: e.id, call: e, result: null, related: [], depth: depth(e) };
    toolItems.set(e.id, item);
    byTarget.set(e.id, item);
    const cid = e.tool?.call_id;
    if (cid) openCalls.set(cid, [...(openCalls.get(cid) ?? []), item]);
  }
  for (const e of events) {
    const cid = e.tool?.call_id;
    if (!RESULT_KINDS.has(e.kind) || !cid) continue;
    const waiting = openCalls.get(cid);
    const item = waiting?.shift();
    if (!item) continue;
    item.result = e;
    pairedResults.add(e.id);
    byTarget.set(e.id, item);
  }

  // Pass 2: emit in order.
  const out: ViewItem[] = [];
  const seen = new Set<string>();
  let lastGroup: string | null = null;
  for (const e of events) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    if (pairedResults.has(e.id)) continue;
    if (VERDICT_KINDS.has(e.kind)) {
      const target = e.verdict?.target_event_id;
      const item = target ? byTarget.get(target) : undefined;
      if (item) {
        item.related.push(e);
        continue;
      }
    }
    // Activity of a subagent whose start is unknown: one header per run of its events.
    const orphan = e.parent_id && !starts.has(e.parent_id) ? e.parent_id : null;
    if (orphan && orphan !== lastGroup) out.push({ type: 'group', key: `group:${orphan}:${out.length}`, parentId: orphan, depth: 0 });
    lastGroup = orphan;
    out.push(toolItems.get(e.id) ?? { type: 'event', key: e.id, event: e, depth: depth(e) });
  }
  return out;
}

/** subagent_start events by the ids their activity may name: tool.call_id, id, or the agent id it carries. */
function subagentStarts(events: readonly VigilEvent[]): Map<string, VigilEvent> {
  const starts = new Map<string, VigilEvent>();
  for (const e of events) {
    if (e.kind !== 'subagent_start') continue;
    if (e.tool?.call_id && !starts.has(e.tool.call_id)) starts.set(e.tool.call_id, e);
    if (!starts.has(e.id)) starts.set(e.id, e);
  }
  // Hooks (e.g. Claude Code's SubagentStart) put the new agent's own id in parent_id.
  for (const e of events) if (e.kind === 'subagent_start' && e.parent_id && !starts.has(e.parent_id)) starts.set(e.parent_id, e);
  return starts;
}

function depthFn(starts: Map<string, VigilEvent>): (e: VigilEvent) => number {
  const memo = new Map<string, number>(); // depth of each start
  const depth = (e: VigilEvent, guard: number): number => {
    if (!e.parent_id) return 0;
    const start = starts.get(e.parent_id);
    if (!start) return 1;
    if (start === e) return 0; // a start naming its own agent: shown at the outer level
    if (guard >= MAX_DEPTH) return MAX_DEPTH; // a cycle of starts
    let d = memo.get(start.id);
    if (d === undefined) {
      d = depth(start, guard + 1);
      memo.set(start.id, d);
    }
    return Math.min(d + 1, MAX_DEPTH);
  };
  return (e) => depth(e, 0);
}

/** Items that carry a security signal (for the "flagged only" view). */
export function isFlagged(item: ViewItem): boolean {
  if (item.type === 'group') return false;
  const evs = item.type === 'tool' ? [item.call, ...(item.result ? [item.result] : []), ...item.related] : [item.event];
  return evs.some(
    (e) =>
      VERDICT_KINDS.has(e.kind) ||
      (e.scan !== undefined && e.scan.action !== 'pass') ||
      (e.verdict !== undefined && e.verdict.action !== 'pass') ||
      (typeof e.text === 'string' && e.text.includes('[MASKED:')),
  );
}
