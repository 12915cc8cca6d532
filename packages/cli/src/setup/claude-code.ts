// Merging Vigil's hooks into a Claude Code settings file and taking them out again. Pure: the
// command (commands/setup.ts) does the reading, writing and backups.
import { join, resolve } from 'node:path';
import { homedir } from 'node:os';
import { type ClientInstaller, type HookPlan, type Scope, isVigilCommand, jsonFile } from './installer.js';
import { addHooks, hooksIn, removeHooks, type HookEntry, type MatcherGroupFormat } from './matcher-groups.js';

/** Every hook event Claude Code emits; the enforcement ones are installed by default. */
export const ALL_EVENTS = [
  'SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PermissionRequest', 'PostToolUse', 'PostToolUseFailure',
  'Notification', 'SubagentStart', 'SubagentStop', 'PreCompact', 'Stop', 'SessionEnd',
] as const;
export const ENFORCEMENT_EVENTS = ['PreToolUse', 'PermissionRequest'] as const;
// Events whose matcher is a tool name: Vigil matches every tool.
const TOOL_EVENTS = new Set(['PreToolUse', 'PermissionRequest', 'PostToolUse', 'PostToolUseFailure']);

type Json = Record<string, unknown>;

/** Vigil's own entries: its relays' commands, or an http hook to a Vigil hooks endpoint. */
export function isVigilHook(h: HookEntry): boolean {
  if (h.type === 'command') return isVigilCommand(h.command, 'claude-code');
  if (h.type === 'http' && typeof h.url === 'string') return /\/v1\/hooks\/claude-code$/.test(h.url);
  return false;
}

const FORMAT: MatcherGroupFormat = {
  isVigil: isVigilHook,
  entry: (plan) =>
    plan.transport === 'command'
      ? { type: 'command', command: plan.target, timeout: plan.timeoutS }
      : { type: 'http', url: plan.target, headers: { Authorization: `Bearer ${plan.token ?? ''}` }, timeout: plan.timeoutS },
  matcher: (event) => (TOOL_EVENTS.has(event) ? '*' : undefined),
};

export const removeVigilHooks = (settings: Json): Json => removeHooks(settings, FORMAT);
export const addVigilHooks = (settings: Json, plan: HookPlan): Json => addHooks(settings, plan, FORMAT);
export const vigilHooksIn = (settings: Json) => hooksIn(settings, FORMAT);

/** Where Claude Code reads settings for each scope. */
function settingsPath(scope: Scope, env = { home: homedir(), cwd: process.cwd(), os: process.platform }): string {
  if (scope === 'user') return join(env.home, '.claude', 'settings.json');
  if (scope === 'project') return resolve(env.cwd, '.claude', 'settings.json');
  if (env.os === 'darwin') return '/Library/Application Support/ClaudeCode/managed-settings.json';
  if (env.os === 'win32') return 'C:\\Program Files\\ClaudeCode\\managed-settings.json';
  return '/etc/claude-code/managed-settings.json';
}

export const claudeCodeInstaller: ClientInstaller = {
  client: 'claude-code',
  label: 'Claude Code',
  path: settingsPath,
  allEvents: ALL_EVENTS,
  enforcementEvents: ENFORCEMENT_EVENTS,
  transports: ['command', 'http'],
  ...jsonFile({ add: addVigilHooks, remove: removeVigilHooks, find: vigilHooksIn }),
};
