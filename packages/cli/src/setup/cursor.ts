// Merging Vigil's hooks into a Cursor hooks.json and taking them out again. Pure: the command
// (commands/setup.ts) does the reading, writing and backups. Format and locations:
// https://cursor.com/docs/agent/hooks ("Configuration"): { "version": 1, "hooks": { "<event>":
// [ { "command", "timeout" (seconds), "matcher", "failClosed", "type", "loop_limit" } ] } }.
import { join, resolve } from 'node:path';
import { homedir } from 'node:os';
import { type ClientInstaller, type HookPlan, type Scope, type Transport, isVigilCommand, jsonFile } from './installer.js';

/**
 * The agent events Vigil installs with --event-hooks. The generic tool hooks (preToolUse,
 * postToolUse, postToolUseFailure) see every tool call once, with its tool_use_id; the
 * tool-specific ones (beforeShellExecution, afterShellExecution, beforeMCPExecution,
 * afterMCPExecution, beforeReadFile) fire for the same calls again, without that id, so they
 * would count each shell, MCP and read call twice. Vigil reads them when a hand-written
 * hooks.json sends them, but does not install them.
 */
export const ALL_EVENTS = [
  'sessionStart', 'beforeSubmitPrompt', 'preToolUse', 'postToolUse', 'postToolUseFailure', 'afterFileEdit',
  'afterAgentThought', 'afterAgentResponse', 'subagentStart', 'subagentStop', 'preCompact', 'stop', 'sessionEnd',
] as const;
/** preToolUse alone: one decision per tool call, for every tool (Shell, Read, Write, Delete, Task, MCP:…). */
export const ENFORCEMENT_EVENTS = ['preToolUse'] as const;
/** Events whose deny stops the action: in enforce mode their hooks fail closed (Cursor fails open by default). */
const DECIDING = new Set(['preToolUse', 'beforeShellExecution', 'beforeMCPExecution', 'beforeReadFile', 'subagentStart']);

type Json = Record<string, unknown>;
interface HookEntry { command?: unknown; timeout?: number; failClosed?: boolean; [k: string]: unknown }

export const isVigilHook = (h: HookEntry | null | undefined): boolean => typeof h === 'object' && h !== null && isVigilCommand(h.command, 'cursor');

/** The file without any Vigil hook; events left empty are dropped, and a file left with nothing but its version is empty. */
export function removeVigilHooks(file: Json): Json {
  const hooks = file.hooks;
  if (typeof hooks !== 'object' || hooks === null || Array.isArray(hooks)) return file;
  const out: Json = {};
  for (const [event, entries] of Object.entries(hooks as Json)) {
    if (!Array.isArray(entries)) {
      out[event] = entries;
      continue;
    }
    const kept = (entries as HookEntry[]).filter((h) => !isVigilHook(h));
    if (kept.length > 0) out[event] = kept;
  }
  const { hooks: _, ...rest } = file;
  const left = Object.keys(out).length > 0 ? { ...rest, hooks: out } : rest;
  return Object.keys(left).length === 1 && left.version === 1 ? {} : left;
}

/** Adds Vigil's hooks (replacing any earlier ones), leaving everything else as it was. */
export function addVigilHooks(file: Json, plan: HookPlan): Json {
  if (plan.transport !== 'command') throw new Error('Cursor runs command hooks only: use --transport command');
  const base = removeVigilHooks(file);
  const hooks: Json = { ...((base.hooks as Json | undefined) ?? {}) };
  for (const event of plan.events) {
    const entry: HookEntry = { command: plan.target, timeout: plan.timeoutS };
    // Without it a crashed or timed-out relay lets the call through.
    if (plan.mode === 'enforce' && DECIDING.has(event)) entry.failClosed = true;
    hooks[event] = [...((hooks[event] as HookEntry[] | undefined) ?? []), entry];
  }
  return 'version' in base ? { ...base, hooks } : { version: 1, ...base, hooks };
}

/** Which events have a Vigil hook. */
export function vigilHooksIn(file: Json): { event: string; transport: Transport; target: string }[] {
  const found: { event: string; transport: Transport; target: string }[] = [];
  const hooks = file.hooks;
  if (typeof hooks !== 'object' || hooks === null) return found;
  for (const [event, entries] of Object.entries(hooks as Json)) {
    if (!Array.isArray(entries)) continue;
    for (const h of entries as HookEntry[]) if (isVigilHook(h)) found.push({ event, transport: 'command', target: h.command as string });
  }
  return found;
}

/** Where Cursor reads hooks.json for each scope (managed: the enterprise, MDM-distributed file). */
function hooksPath(scope: Scope, env = { home: homedir(), cwd: process.cwd(), os: process.platform }): string {
  if (scope === 'user') return join(env.home, '.cursor', 'hooks.json');
  if (scope === 'project') return resolve(env.cwd, '.cursor', 'hooks.json');
  if (env.os === 'darwin') return '/Library/Application Support/Cursor/hooks.json';
  if (env.os === 'win32') return 'C:\\ProgramData\\Cursor\\hooks.json';
  return '/etc/cursor/hooks.json';
}

function notes(plan: HookPlan, scope: Scope): string[] {
  const n = ['Cursor reloads hooks.json when it changes; if the hooks do not show in Customize > Hooks, restart Cursor.'];
  if (plan.mode === 'enforce') n.push('the deciding hooks have failClosed: true, so a relay that crashes or times out blocks the call (Cursor fails open otherwise).');
  n.push('only the generic tool hooks are installed (one event per tool call); Cursor names MCP tools MCP:<tool> there, without their server.');
  if (scope === 'project') n.push('project hooks run only in trusted workspaces, from the project root; cloud agents run them too, and the relay must exist where they run.');
  if (scope === 'user') n.push('cloud agents do not read ~/.cursor/hooks.json: use --scope project or managed to cover them.');
  return n;
}

export const cursorInstaller: ClientInstaller = {
  client: 'cursor',
  label: 'Cursor',
  path: hooksPath,
  allEvents: ALL_EVENTS,
  enforcementEvents: ENFORCEMENT_EVENTS,
  transports: ['command'],
  ...jsonFile({ add: addVigilHooks, remove: removeVigilHooks, find: vigilHooksIn }),
  notes,
};
