// Codex CLI hook payloads (what a command hook reads on stdin) → canonical events. Pure: the
// relay and the server both use it. Payload shapes: Codex 0.169.0, captured from the real binary
// (fixtures/hooks/codex) and https://developers.openai.com/codex/hooks.
import type { ToolRef } from '../../model/event.js';
import type { EventKind } from '../../model/kinds.js';
import { hookEvent, hookStart, str, type HookCapture, type HookNormalised, type HookPayload } from '../hooks/adapter.js';
import { mcpNamedToolRef } from '../tools.js';
import { codexToolKind } from './tools.js';

/**
 * The hook events Vigil records, and the canonical kind each becomes. Left out on purpose:
 * PreModelRequest (fires before every model request and carries nothing but the turn) and
 * Interrupt. One kind per hook (the shared contract): Codex has no failure hook, so a failed
 * tool is a tool_result with `error` set, where the response says so.
 */
export const CODEX_HOOK_KINDS: Record<string, EventKind> = {
  SessionStart: 'session_start',
  UserPromptSubmit: 'prompt',
  PreToolUse: 'tool_call',
  PermissionRequest: 'notification',
  PostToolUse: 'tool_result',
  SubagentStart: 'subagent_start',
  SubagentStop: 'subagent_stop',
  PreCompact: 'compact',
  PostCompact: 'compact',
  Stop: 'notification',
  SessionEnd: 'session_end',
};

const TOOL_HOOKS = new Set(['PreToolUse', 'PostToolUse', 'PermissionRequest']);

/**
 * The id of a tool event: its call id (tool_use_id, the Responses API call_id) with the hook, so
 * a resend is the same event. PermissionRequest payloads carry no call id: they take the relay's.
 */
export function codexEventId(session: string, callId: string, hook: string): string {
  return `cx:${session}:${callId}:${hook}`;
}

function toolRef(p: HookPayload): ToolRef | undefined {
  const name = str(p, 'tool_name');
  return name ? mcpNamedToolRef(name, codexToolKind, str(p, 'tool_use_id')) : undefined;
}

/**
 * A failed tool's message, where the response says it failed: an MCP result with isError, or an
 * apply_patch report with a non-zero exit code. A shell command's response is only its output
 * (no exit code reaches the hook), so its failure is not knowable here.
 */
function toolError(p: HookPayload): string | undefined {
  const r = p.tool_response;
  if (r && typeof r === 'object' && (r as { isError?: unknown }).isError === true) {
    const content = (r as { content?: { type?: string; text?: string }[] }).content;
    const text = Array.isArray(content) ? content.map((c) => (typeof c?.text === 'string' ? c.text : '')).join('\n').trim() : '';
    return text || 'the MCP tool reported an error';
  }
  if (typeof r === 'string') {
    const m = /^Exit code: (\d+)/.exec(r);
    if (m && m[1] !== '0') return r.slice(0, 2000);
  }
  return undefined;
}

function textOf(hook: string, p: HookPayload): string | undefined {
  switch (hook) {
    case 'UserPromptSubmit':
      return str(p, 'prompt');
    case 'Stop':
    case 'SubagentStop':
      return str(p, 'last_assistant_message');
    case 'PermissionRequest': {
      const what = (p.tool_input as { description?: unknown } | undefined)?.description;
      const base = str(p, 'tool_name') ? `permission requested for ${p.tool_name as string}` : 'permission requested';
      return typeof what === 'string' && what !== '' ? `${base}: ${what}` : base;
    }
    case 'SubagentStart':
      return str(p, 'agent_type') ? `subagent started (${p.agent_type as string})` : 'subagent started';
    case 'SessionStart':
      return str(p, 'source') ? `session ${p.source as string}` : undefined;
    case 'SessionEnd':
      return str(p, 'reason') ? `session ended: ${p.reason as string}` : undefined;
    case 'PreCompact':
      return str(p, 'trigger') ? `compaction (${p.trigger as string})` : 'compaction';
    case 'PostCompact':
      return str(p, 'trigger') ? `compacted (${p.trigger as string})` : 'compacted';
    default:
      return undefined;
  }
}

const ADAPTER = { client: 'codex' as const, events: CODEX_HOOK_KINDS, eventName: (p: HookPayload) => str(p, 'hook_event_name') };

/** One hook payload → one canonical event (the payload kept as `raw`), or why it cannot be one. */
export function normaliseCodexHook(payload: unknown, cap: HookCapture): HookNormalised {
  const s = hookStart(ADAPTER, payload, (p) => str(p, 'session_id'));
  if ('error' in s) return { ok: false, error: s.error };
  const { p, hook, session } = s;
  const tool = toolRef(p);
  const own = tool?.call_id && TOOL_HOOKS.has(hook) ? codexEventId(session, tool.call_id, hook) : undefined;
  const e = hookEvent('codex', session, hook, s.kind, cap, own);
  const cwd = str(p, 'cwd');
  if (cwd) e.cwd = cwd;
  const model = str(p, 'model');
  if (model) e.model = model;
  const turn = str(p, 'turn_id');
  if (turn) e.turn_id = turn;
  // Subagent events, and everything a subagent does, keep the parent's session_id and name the subagent.
  const agent = str(p, 'agent_id');
  if (agent) e.parent_id = agent;
  const text = textOf(hook, p);
  if (text) e.text = text;
  if (tool) e.tool = tool;
  if (p.tool_input !== undefined) e.input = p.tool_input;
  if (p.tool_response !== undefined) e.output = p.tool_response;
  const error = hook === 'PostToolUse' ? toolError(p) : undefined;
  if (error) e.error = error;
  e.raw = p;
  return { ok: true, event: e, hook };
}
