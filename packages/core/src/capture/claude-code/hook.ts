// Claude Code hook payloads (what a hook command reads on stdin, or an http hook receives) →
// canonical events. Pure: the relay and the server both use it.
import type { ToolRef, VigilEvent } from '../../model/event.js';
import type { HookCapture, HookNormalised } from '../hooks/adapter.js';
import type { EventKind } from '../../model/kinds.js';
import { isoUtc } from '../../model/time.js';
import { str } from '../hooks/adapter.js';
import { claudeCodeToolKind, mcpNamedToolRef } from '../tools.js';

/** The hook events Claude Code emits, and the canonical kind each becomes. */
export const CLAUDE_CODE_HOOK_KINDS: Record<string, EventKind> = {
  SessionStart: 'session_start',
  UserPromptSubmit: 'prompt',
  PreToolUse: 'tool_call',
  PermissionRequest: 'notification',
  PostToolUse: 'tool_result',
  PostToolUseFailure: 'tool_error',
  Notification: 'notification',
  SubagentStart: 'subagent_start',
  SubagentStop: 'subagent_stop',
  PreCompact: 'compact',
  Stop: 'notification',
  SessionEnd: 'session_end',
};
export const CLAUDE_CODE_HOOK_EVENTS = Object.keys(CLAUDE_CODE_HOOK_KINDS);

type Payload = Record<string, unknown>;


function toolRef(p: Payload): ToolRef | undefined {
  const name = str(p, 'tool_name');
  return name ? mcpNamedToolRef(name, claudeCodeToolKind, str(p, 'tool_use_id')) : undefined;
}

/** Text a reviewer reads for events that are not tool calls. */
function textOf(hook: string, p: Payload): string | undefined {
  switch (hook) {
    case 'UserPromptSubmit':
      return str(p, 'prompt');
    case 'Notification':
      return str(p, 'message');
    case 'Stop':
    case 'SubagentStop':
      return str(p, 'last_assistant_message');
    case 'PermissionRequest':
      return str(p, 'tool_name') ? `permission requested for ${p.tool_name as string}` : 'permission requested';
    case 'SessionStart':
      return str(p, 'source') ? `session ${p.source as string}` : undefined;
    case 'SessionEnd':
      return str(p, 'reason') ? `session ended: ${p.reason as string}` : undefined;
    case 'PreCompact':
      return str(p, 'trigger') ? `compaction (${p.trigger as string})` : undefined;
    default:
      return undefined;
  }
}

/**
 * The id of an event that carries its own identity (a tool call's tool_use_id, a prompt's
 * prompt_id): the same one the OTLP normaliser gives it, so an event reported by both capture
 * paths, or resent, is stored once.
 */
function intrinsicId(hook: string, p: Payload, session: string): string | undefined {
  const call = str(p, 'tool_use_id');
  if (call && (hook === 'PreToolUse' || hook === 'PostToolUse' || hook === 'PostToolUseFailure' || hook === 'PermissionRequest')) {
    return claudeCodeEventId(session, call, hook);
  }
  const prompt = str(p, 'prompt_id');
  if (prompt && hook === 'UserPromptSubmit') return claudeCodeEventId(session, prompt, hook);
  return undefined;
}

/**
 * The id of the `hook` event of a tool call or prompt (`key`: its tool_use_id or prompt_id),
 * shared by every capture path. Scoped to the session: ids a client makes up need only be unique there.
 */
export function claudeCodeEventId(session: string, key: string, hook: string): string {
  return `cc:${session}:${key}:${hook}`;
}

/**
 * One hook payload → one canonical event (the payload kept as `raw`), or why it cannot be one.
 * Unknown hook events are refused rather than guessed at.
 */
export function normaliseClaudeCodeHook(payload: unknown, cap: HookCapture): HookNormalised {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return { ok: false, error: 'the hook payload must be a JSON object' };
  const p = payload as Payload;
  const hook = str(p, 'hook_event_name');
  if (!hook) return { ok: false, error: 'hook_event_name is missing' };
  const kind = CLAUDE_CODE_HOOK_KINDS[hook];
  if (!kind) return { ok: false, error: `hook_event_name "${hook}" is not a Claude Code hook event this server knows (${CLAUDE_CODE_HOOK_EVENTS.join(', ')})` };
  const session = str(p, 'session_id');
  if (!session) return { ok: false, error: 'session_id is missing' };

  const e: VigilEvent = {
    // Otherwise the relay's id (fixed when the hook fired), else one from the time.
    id: intrinsicId(hook, p, session) ?? cap.id ?? `cc:${session}:${hook}:${cap.timeMs}`,
    session_id: session,
    time: isoUtc(cap.timeMs),
    kind,
    client: 'claude-code',
    capture: 'hook',
  };
  if (cap.clientVersion) e.client_version = cap.clientVersion;
  if (cap.user) e.user = cap.user;
  if (cap.device) e.device = cap.device;
  const cwd = str(p, 'cwd');
  if (cwd) e.cwd = cwd;
  // Subagent events carry the subagent's id; tool calls inside a subagent carry it too (2.1+).
  const agent = str(p, 'agent_id');
  if (agent) e.parent_id = agent;
  const text = textOf(hook, p);
  if (text) e.text = text;
  const tool = toolRef(p);
  if (tool) e.tool = tool;
  if (p.tool_input !== undefined) e.input = p.tool_input;
  if (p.tool_response !== undefined) e.output = p.tool_response;
  const error = str(p, 'error');
  if (error) e.error = error;
  if (typeof p.duration_ms === 'number' && Number.isFinite(p.duration_ms) && p.duration_ms >= 0) e.duration_ms = p.duration_ms;
  e.raw = p;
  return { ok: true, event: e, hook };
}
