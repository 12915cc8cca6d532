// Cursor agent hook payloads (what a hooks.json command reads on stdin) → canonical events.
// Pure: the relay and the server both use it. Schemas: https://cursor.com/docs/agent/hooks
// (the page also served at /docs/hooks; read 2026-11-22, the version fetched 2026-08-24).
//
// One tool call reaches two hooks: the generic preToolUse (every tool, with tool_use_id) and, for
// Shell, MCP and Read, a tool-specific one too (beforeShellExecution, beforeMCPExecution,
// beforeReadFile; no tool_use_id). Both are tool_call events with ids scoped to their hook, so
// with both installed a call is counted twice: Vigil's installer therefore installs only the
// generic ones (see packages/cli/src/setup/cursor.ts); the specific ones are still read when a
// configuration written by hand sends them.
import type { ToolRef, VigilEvent } from '../../model/event.js';
import type { EventKind } from '../../model/kinds.js';
import { hookEvent, hookStart, num, str, type HookAdapter, type HookCapture, type HookNormalised, type HookPayload } from '../hooks/adapter.js';
import { toolRefOf } from '../tools.js';
import { cursorToolKind, parseCursorMcpToolName } from './tools.js';

/** The agent hook events Cursor emits, and the canonical kind each becomes. */
export const CURSOR_HOOK_KINDS: Record<string, EventKind> = {
  sessionStart: 'session_start',
  sessionEnd: 'session_end',
  beforeSubmitPrompt: 'prompt',
  preToolUse: 'tool_call',
  beforeShellExecution: 'tool_call',
  beforeMCPExecution: 'tool_call',
  beforeReadFile: 'tool_call',
  postToolUse: 'tool_result',
  afterShellExecution: 'tool_result',
  afterMCPExecution: 'tool_result',
  // There is no event before an edit: preToolUse (Write) is the call, this its result.
  afterFileEdit: 'tool_result',
  postToolUseFailure: 'tool_error',
  afterAgentThought: 'reasoning',
  afterAgentResponse: 'response',
  subagentStart: 'subagent_start',
  subagentStop: 'subagent_stop',
  preCompact: 'compact',
  stop: 'notification',
};

const eventName = (p: HookPayload): string | undefined => str(p, 'hook_event_name');

/**
 * The session: conversation_id (sessionStart's session_id is the same). A subagent's own events
 * name its parent's conversation in parent_conversation_id: they go to the parent's session.
 */
const sessionOf = (p: HookPayload): string | undefined => str(p, 'parent_conversation_id') ?? str(p, 'conversation_id') ?? str(p, 'session_id');

/** A JSON string (MCP params and results, tool_output) as the value it holds; anything else as it is. */
function parsed(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

/** The MCP server a payload names: its name where Cursor sends one, else the server's URL or command line. */
const mcpServerOf = (p: HookPayload): string | undefined => str(p, 'mcp_server_name') ?? str(p, 'server_name') ?? str(p, 'mcp_server_url') ?? str(p, 'url') ?? str(p, 'command');

function toolOf(hook: string, p: HookPayload): ToolRef | undefined {
  switch (hook) {
    case 'beforeShellExecution':
    case 'afterShellExecution':
      return { name: 'Shell', kind: 'shell' };
    case 'beforeReadFile':
      return { name: 'Read', kind: 'file_read' };
    case 'afterFileEdit':
      return { name: 'Write', kind: 'file_write' };
    case 'beforeMCPExecution':
    case 'afterMCPExecution':
      return toolRefOf(str(p, 'tool_name') ?? 'unknown', 'mcp', mcpServerOf(p));
    case 'preToolUse':
    case 'postToolUse':
    case 'postToolUseFailure': {
      const name = str(p, 'tool_name') ?? 'unknown';
      // The docs name no server on the generic events; take one if a payload carries it.
      const server = parseCursorMcpToolName(name) ? (str(p, 'mcp_server_name') ?? str(p, 'server_name')) : undefined;
      return toolRefOf(name, cursorToolKind(name), server, str(p, 'tool_use_id'));
    }
    default:
      return undefined;
  }
}

function inputOf(hook: string, p: HookPayload): unknown {
  switch (hook) {
    case 'beforeShellExecution':
    case 'afterShellExecution': {
      const cwd = str(p, 'cwd');
      return { command: p.command, ...(cwd ? { cwd } : {}) };
    }
    // The file's content is what the read sends to the model: it is scanned with the path.
    case 'beforeReadFile':
      return { file_path: p.file_path, ...(typeof p.content === 'string' ? { content: p.content } : {}) };
    case 'afterFileEdit':
      return { file_path: p.file_path, edits: p.edits };
    default:
      return p.tool_input === undefined ? undefined : parsed(p.tool_input);
  }
}

function outputOf(hook: string, p: HookPayload): unknown {
  if (hook === 'afterShellExecution') return p.output;
  if (hook === 'afterMCPExecution') return parsed(p.result_json);
  if (hook === 'postToolUse') return parsed(p.tool_output);
  return undefined;
}

/** Text a reviewer reads for events that are not tool calls. */
function textOf(hook: string, p: HookPayload): string | undefined {
  switch (hook) {
    case 'beforeSubmitPrompt':
      return str(p, 'prompt');
    case 'afterAgentResponse':
    case 'afterAgentThought':
      return str(p, 'text');
    case 'sessionStart': {
      const mode = str(p, 'composer_mode');
      return `session started${mode ? ` (${mode})` : ''}${p.is_background_agent === true ? ', background agent' : ''}`;
    }
    case 'sessionEnd':
      return str(p, 'reason') ? `session ended: ${p.reason as string}` : 'session ended';
    case 'stop':
      return `agent loop ${str(p, 'status') ?? 'ended'}`;
    case 'preCompact': {
      const pct = num(p, 'context_usage_percent');
      return `compaction (${str(p, 'trigger') ?? 'unknown trigger'}${pct !== undefined ? `, ${pct}% of context` : ''})`;
    }
    case 'subagentStart':
      return str(p, 'task');
    case 'subagentStop':
      return str(p, 'summary') ?? `subagent ${str(p, 'status') ?? 'stopped'}`;
    default:
      return undefined;
  }
}

/**
 * The id of an event that carries its own identity, so a resend is stored once: a tool event's
 * tool_use_id, a subagent's id, a prompt's or a turn end's generation (one per user message).
 * Scoped to the hook: the generic and the tool-specific event of one call are different events.
 */
function intrinsicId(hook: string, p: HookPayload, session: string): string | undefined {
  const id = (key: string) => `cu:${session}:${key}:${hook}`;
  const call = str(p, 'tool_use_id');
  if (call && (hook === 'preToolUse' || hook === 'postToolUse' || hook === 'postToolUseFailure')) return id(call);
  const sub = str(p, 'subagent_id');
  if (sub && (hook === 'subagentStart' || hook === 'subagentStop')) return id(sub);
  const gen = str(p, 'generation_id');
  if (gen && (hook === 'beforeSubmitPrompt' || hook === 'stop')) return id(gen);
  if (hook === 'sessionStart' || hook === 'sessionEnd') return `cu:${session}:${hook}`;
  return undefined;
}

const KNOWN = { client: 'cursor' as const, events: CURSOR_HOOK_KINDS, eventName } satisfies Pick<HookAdapter, 'client' | 'events' | 'eventName'>;

/** One Cursor hook payload → one canonical event (the payload kept as `raw`), or why it cannot be one. */
export function normaliseCursorHook(payload: unknown, cap: HookCapture): HookNormalised {
  const s = hookStart(KNOWN, payload, sessionOf);
  if ('error' in s) return { ok: false, error: s.error };
  const { p, hook, kind, session } = s;
  // Without the relay's id, one from the time: prefixed cu: like the intrinsic ones.
  const e: VigilEvent = hookEvent('cursor', session, hook, kind, cap.id ? cap : { ...cap, id: `cu:${session}:${hook}:${cap.timeMs}` }, intrinsicId(hook, p, session));
  // The relay's version wins (it may know better); else the payload's.
  if (!e.client_version) {
    const v = str(p, 'cursor_version');
    if (v) e.client_version = v;
  }
  // Cursor's signed-in account is the user the session belongs to.
  const user = str(p, 'user_email');
  if (user) e.user = user;
  const roots = Array.isArray(p.workspace_roots) ? p.workspace_roots.filter((r): r is string => typeof r === 'string' && r !== '') : [];
  const cwd = str(p, 'cwd') ?? roots[0];
  if (cwd) e.cwd = cwd;
  const model = hook === 'subagentStart' ? (str(p, 'subagent_model') ?? str(p, 'model')) : (str(p, 'model_id') ?? str(p, 'model'));
  if (model) e.model = model;
  const turn = str(p, 'generation_id');
  if (turn) e.turn_id = turn;
  // A subagent's lifecycle events name it; its own events, if they name their parent, nest under it.
  const own = str(p, 'conversation_id');
  const sub = str(p, 'subagent_id') ?? (own && own !== session ? own : undefined);
  if (sub) e.parent_id = sub;
  const text = textOf(hook, p);
  if (text) e.text = text;
  const tool = toolOf(hook, p);
  if (tool) e.tool = tool;
  const input = inputOf(hook, p);
  if (tool && input !== undefined) e.input = input;
  const output = outputOf(hook, p);
  if (output !== undefined) e.output = output;
  if (hook === 'postToolUseFailure') {
    const type = str(p, 'failure_type');
    const msg = str(p, 'error_message') ?? 'tool failed';
    e.error = p.is_interrupt === true ? `${msg} (interrupted)` : type && type !== 'error' ? `${msg} (${type})` : msg;
  } else if (hook === 'sessionEnd' || hook === 'stop' || hook === 'subagentStop') {
    const err = str(p, 'error_message');
    if (err) e.error = err;
  }
  const duration = num(p, 'duration') ?? num(p, 'duration_ms');
  if (duration !== undefined) e.duration_ms = duration;
  e.raw = p;
  return { ok: true, event: e, hook };
}
