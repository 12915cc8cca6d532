// Gemini CLI hook payloads (what a command hook reads on stdin) → canonical events. Pure: the
// relay and the server both use it. Payload shapes: Gemini CLI 0.61.0, captured from the real
// binary (fixtures/hooks/gemini-cli) and its hooks reference (docs/hooks/reference.md).
import type { ToolRef } from '../../model/event.js';
import type { EventKind } from '../../model/kinds.js';
import { hookEvent, hookStart, str, type HookCapture, type HookNormalised, type HookPayload } from '../hooks/adapter.js';
import { toolRefOf } from '../tools.js';
import { geminiMcpServer, geminiToolKind } from './tools.js';

/**
 * The hook events Vigil records, and the canonical kind each becomes. Left out on purpose:
 * BeforeModel, BeforeToolSelection and AfterModel fire on every model request (AfterModel on
 * every streamed chunk), each carrying the whole conversation so far; AfterAgent already has
 * the turn's reply and BeforeAgent its prompt. One kind per hook (the shared contract), so a
 * failed tool is a tool_error (with `error` set): Gemini CLI has no separate failure hook.
 */
export const GEMINI_CLI_HOOK_KINDS: Record<string, EventKind> = {
  SessionStart: 'session_start',
  BeforeAgent: 'prompt',
  BeforeTool: 'tool_call',
  AfterTool: 'tool_result',
  AfterAgent: 'response',
  PreCompress: 'compact',
  Notification: 'notification',
  SessionEnd: 'session_end',
};

const TOOL_HOOKS = new Set(['BeforeTool', 'AfterTool']);

/** FNV-1a, 32 bits, as hex: a short, stable digest for ids (no crypto needed). */
function digest(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Gemini CLI gives hooks no id for a tool call, so its call id is the tool and its input: the
 * same in BeforeTool and its AfterTool (the console pairs equal ids first-in first-out).
 */
export function geminiCallId(name: string, input: unknown): string {
  return `${name}:${digest(JSON.stringify(input ?? null))}`;
}

/**
 * A tool event's own id: the payload's timestamp (fixed when the hook fired, so a resend is the
 * same event) with the hook and call. Other events take the relay's id.
 */
function intrinsicId(hook: string, p: HookPayload, session: string, callId: string | undefined): string | undefined {
  const ts = str(p, 'timestamp');
  if (!ts || !callId || !TOOL_HOOKS.has(hook)) return undefined;
  return `gm:${session}:${ts}:${hook}:${digest(callId)}`;
}

function toolRef(p: HookPayload): ToolRef | undefined {
  const name = str(p, 'tool_name');
  if (!name) return undefined;
  return toolRefOf(name, geminiToolKind(name, p.mcp_context), geminiMcpServer(name, p.mcp_context), geminiCallId(name, p.tool_input));
}

/** A failed tool's message: tool_response.error.message (a command's non-zero exit is not one). */
function toolError(p: HookPayload): string | undefined {
  const r = p.tool_response as { error?: unknown } | undefined;
  const err = r?.error as { message?: unknown; type?: unknown } | string | undefined;
  if (typeof err === 'string' && err !== '') return err;
  if (err && typeof err === 'object') {
    if (typeof err.message === 'string' && err.message !== '') return err.message;
    if (typeof err.type === 'string' && err.type !== '') return err.type;
    return 'tool failed';
  }
  return undefined;
}

function textOf(hook: string, p: HookPayload): string | undefined {
  switch (hook) {
    case 'BeforeAgent':
      return str(p, 'prompt');
    case 'AfterAgent':
      return str(p, 'prompt_response');
    case 'Notification':
      return str(p, 'message');
    case 'SessionStart':
      return str(p, 'source') ? `session ${p.source as string}` : undefined;
    case 'SessionEnd':
      return str(p, 'reason') ? `session ended: ${p.reason as string}` : undefined;
    case 'PreCompress':
      return str(p, 'trigger') ? `compaction (${p.trigger as string})` : undefined;
    default:
      return undefined;
  }
}

const ADAPTER = { client: 'gemini-cli' as const, events: GEMINI_CLI_HOOK_KINDS, eventName: (p: HookPayload) => str(p, 'hook_event_name') };

/** One hook payload → one canonical event (the payload kept as `raw`), or why it cannot be one. */
export function normaliseGeminiCliHook(payload: unknown, cap: HookCapture): HookNormalised {
  const s = hookStart(ADAPTER, payload, (p) => str(p, 'session_id'));
  if ('error' in s) return { ok: false, error: s.error };
  const { p, hook, session } = s;
  const tool = toolRef(p);
  const error = hook === 'AfterTool' ? toolError(p) : undefined;
  // A failed call is a tool_error, so the session counts it as a failure.
  const e = hookEvent('gemini-cli', session, hook, error ? 'tool_error' : s.kind, cap, intrinsicId(hook, p, session, tool?.call_id));
  const cwd = str(p, 'cwd');
  if (cwd) e.cwd = cwd;
  const text = textOf(hook, p);
  if (text) e.text = text;
  if (tool) e.tool = tool;
  if (p.tool_input !== undefined) e.input = p.tool_input;
  if (p.tool_response !== undefined) e.output = p.tool_response;
  if (error) e.error = error;
  e.raw = p;
  return { ok: true, event: e, hook };
}
