// Hermes Agent shell-hook payloads (what a `hooks:` command reads on stdin; outbound webhooks POST
// the same shape) → canonical events. Pure: the relay, the hooks endpoint and the webhook
// endpoint all use it, so an event reported by both paths gets the same id and is stored once.
//
// Wire (agent/shell_hooks.py _payload_fields, hermes-agent 0.21.3):
//   { hook_event_name, tool_name, tool_input, session_id, cwd, profile, extra }
// tool_name/tool_input are null outside tool events; `extra` holds every other keyword the hook
// site passes (task_id, tool_call_id, turn_id, user_message, result, child_goal, …). session_id is
// the parent's for subagent events (parent_session_id is promoted to it).
import type { ToolRef, VigilEvent } from '../../model/event.js';
import type { EventKind } from '../../model/kinds.js';
import { isValidId } from '../../model/validate.js';
import { hookEvent, hookStart, num, str, type HookCapture, type HookNormalised, type HookPayload } from '../hooks/adapter.js';
import { toolRefOf } from '../tools.js';
import { hermesToolKind, parseHermesMcpToolName } from './tools.js';

/**
 * The shell-hook events Vigil installs and understands, and the canonical kind each becomes.
 * on_session_end fires at the end of every turn (not of the session): a notification.
 * on_session_finalize is the session's teardown (/new, quit, gateway reset).
 */
export const HERMES_HOOK_KINDS: Record<string, EventKind> = {
  on_session_start: 'session_start',
  pre_llm_call: 'prompt',
  pre_tool_call: 'tool_call',
  post_tool_call: 'tool_result',
  post_llm_call: 'response',
  subagent_start: 'subagent_start',
  subagent_stop: 'subagent_stop',
  on_session_end: 'notification',
  on_session_finalize: 'session_end',
};
export const HERMES_HOOK_EVENTS = Object.keys(HERMES_HOOK_KINDS);

const TOOL_HOOKS = new Set(['pre_tool_call', 'post_tool_call']);
// post_tool_call's status for a call that did not succeed (blocked by a hook, raised, timed out).
const FAILED = new Set(['error', 'failed', 'failure', 'blocked', 'timeout', 'timed_out', 'denied', 'cancelled']);

const obj = (v: unknown): HookPayload => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as HookPayload) : {});

/** A multimodal user message is a list of content parts: its text parts. */
function messageText(v: unknown): string | undefined {
  if (typeof v === 'string') return v !== '' ? v : undefined;
  if (!Array.isArray(v)) return undefined;
  const parts = v.map((p) => (typeof p === 'string' ? p : str(obj(p), 'text'))).filter((s): s is string => !!s);
  return parts.length > 0 ? parts.join('\n') : undefined;
}

/** A tool result is a JSON string: kept parsed when it is JSON, else as the text. */
function resultValue(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return JSON.parse(t);
    } catch {
      // not JSON after all
    }
  }
  return v;
}

function failed(x: HookPayload): string | undefined {
  const status = str(x, 'status');
  const message = str(x, 'error_message') ?? str(x, 'error_type');
  if (message) return message;
  if (status && FAILED.has(status.toLowerCase())) return `tool call ${status}`;
  return undefined;
}

function textOf(hook: string, x: HookPayload): string | undefined {
  switch (hook) {
    case 'pre_llm_call':
      return messageText(x.user_message);
    case 'post_llm_call':
      return str(x, 'assistant_response');
    case 'on_session_start': {
      const where = [str(x, 'platform'), str(x, 'model')].filter(Boolean).join(', ');
      return where ? `session started (${where})` : 'session started';
    }
    case 'on_session_end': {
      const outcome = x.interrupted === true ? 'interrupted' : x.completed === true ? 'completed' : x.failed === true ? 'failed' : 'ended';
      const why = str(x, 'turn_exit_reason') ?? str(x, 'reason');
      return why ? `turn ${outcome}: ${why}` : `turn ${outcome}`;
    }
    case 'on_session_finalize':
      return str(x, 'reason') ? `session finalized: ${x.reason as string}` : 'session finalized';
    case 'subagent_start':
      return str(x, 'child_goal');
    case 'subagent_stop':
      return str(x, 'child_summary') ?? (str(x, 'child_status') ? `subagent ${x.child_status as string}` : undefined);
    default:
      return undefined;
  }
}

/** The subagent a subagent event is about: its session when it has one, else its subagent id. */
const childOf = (x: HookPayload): string | undefined => str(x, 'child_session_id') ?? str(x, 'child_subagent_id');

/**
 * The id of an event that carries its own identity: a tool call's tool_call_id, a turn's turn_id,
 * a subagent's id, or the session itself for the once-per-session events. The same whether it
 * came from a shell hook or an outbound webhook.
 */
function intrinsicId(hook: string, session: string, x: HookPayload): string | undefined {
  let key: string | undefined;
  if (TOOL_HOOKS.has(hook)) key = str(x, 'tool_call_id');
  else if (hook === 'pre_llm_call' || hook === 'post_llm_call' || hook === 'on_session_end') key = str(x, 'turn_id');
  else if (hook === 'subagent_start' || hook === 'subagent_stop') key = childOf(x);
  else if (hook === 'on_session_start' || hook === 'on_session_finalize') return hermesEventId(session, undefined, hook);
  return key ? hermesEventId(session, key, hook) : undefined;
}

/** `hermes:<session>[:<key>]:<hook>`, or undefined when the client's ids make it an invalid id. */
export function hermesEventId(session: string, key: string | undefined, hook: string): string | undefined {
  const id = key ? `hermes:${session}:${key}:${hook}` : `hermes:${session}:${hook}`;
  return isValidId(id) ? id : undefined;
}

function toolRef(p: HookPayload, x: HookPayload): ToolRef | undefined {
  const name = str(p, 'tool_name');
  if (!name) return undefined;
  return toolRefOf(name, hermesToolKind(name), parseHermesMcpToolName(name)?.server, str(x, 'tool_call_id'));
}

export function hermesEventName(p: HookPayload): string | undefined {
  return str(p, 'hook_event_name');
}

/** The session a payload belongs to: session_id; a tool hook fired without one falls back to its task id. */
function sessionOf(p: HookPayload): string | undefined {
  return str(p, 'session_id') ?? str(obj(p.extra), 'task_id');
}

/**
 * One payload → one canonical event (the payload kept as raw), or why it cannot be one.
 * Unknown events are refused rather than guessed at.
 */
export function normaliseHermesHook(payload: unknown, cap: HookCapture): HookNormalised {
  const s = hookStart({ client: 'hermes', events: HERMES_HOOK_KINDS, eventName: hermesEventName }, payload, sessionOf);
  if ('error' in s) return { ok: false, error: s.error };
  const { p, hook, session } = s;
  const x = obj(p.extra);
  // One post_tool_call for success and failure: a failure becomes a tool_error carrying its error.
  const error = hook === 'post_tool_call' ? failed(x) : undefined;
  const e: VigilEvent = hookEvent('hermes', session, hook, error ? 'tool_error' : s.kind, cap, intrinsicId(hook, session, x));
  const cwd = str(p, 'cwd');
  if (cwd) e.cwd = cwd;
  const model = str(x, 'model');
  if (model) e.model = model;
  const turn = str(x, 'turn_id') ?? str(x, 'parent_turn_id');
  if (turn) e.turn_id = turn;
  if (hook === 'subagent_start' || hook === 'subagent_stop') {
    const child = childOf(x);
    if (child) e.parent_id = child;
  }
  const text = textOf(hook, x);
  if (text) e.text = text;
  const tool = toolRef(p, x);
  if (tool) e.tool = tool;
  if (TOOL_HOOKS.has(hook) && p.tool_input !== undefined && p.tool_input !== null) e.input = p.tool_input;
  if (hook === 'post_tool_call' && x.result !== undefined && x.result !== null) e.output = resultValue(x.result);
  if (error) e.error = error;
  const duration = num(x, 'duration_ms');
  if (duration !== undefined && (hook === 'post_tool_call' || hook === 'subagent_stop')) e.duration_ms = duration;
  e.raw = p;
  return { ok: true, event: e, hook };
}
