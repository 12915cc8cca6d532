// Merging Vigil's hooks into a Gemini CLI settings.json and taking them out again. Pure: the
// command (commands/setup.ts) does the reading, writing and backups. Format: Gemini CLI 0.61.0
// (docs/hooks/reference.md): hooks.<Event> = [{ matcher?, hooks: [{ type: "command", command, name, timeout (ms) }] }].
import { join, resolve } from 'node:path';
import { homedir } from 'node:os';
import { type ClientInstaller, type HookPlan, type Scope, isVigilCommand, jsonFile } from './installer.js';
import { addHooks, hooksIn, removeHooks, type MatcherGroupFormat } from './matcher-groups.js';

/**
 * The events Vigil installs with --event-hooks. Not installed: BeforeModel, AfterModel and
 * BeforeToolSelection (every model request or streamed chunk, each with the whole conversation),
 * and PreCompress, which 0.61.0 fires before every model turn whether or not it compresses.
 */
export const ALL_EVENTS = ['SessionStart', 'BeforeAgent', 'BeforeTool', 'AfterTool', 'AfterAgent', 'Notification', 'SessionEnd'] as const;
export const ENFORCEMENT_EVENTS = ['BeforeTool'] as const;
// Events whose matcher is a tool-name regex: Vigil matches every tool.
const TOOL_EVENTS = new Set(['BeforeTool', 'AfterTool']);
// Shown in /hooks panel; also the name hooksConfig.disabled would list.
const HOOK_NAME = 'vigil';

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const FORMAT: MatcherGroupFormat = {
  isVigil: (h) => h?.type === 'command' && isVigilCommand(h.command, 'gemini-cli'),
  // Gemini CLI's timeouts are in milliseconds.
  entry: (plan) => ({ name: HOOK_NAME, type: 'command', command: plan.target, timeout: plan.timeoutS * 1000 }),
  matcher: (event) => (TOOL_EVENTS.has(event) ? '*' : undefined),
};

export const removeVigilHooks = (settings: Json): Json => removeHooks(settings, FORMAT);
export const vigilHooksIn = (settings: Json) => hooksIn(settings, FORMAT);

/**
 * Adds Vigil's hooks (replacing earlier ones), keeping everything else. hooksConfig.enabled
 * false would silently switch them off, so it is turned back on (the only setting changed).
 */
export function addVigilHooks(settings: Json, plan: HookPlan): Json {
  if (plan.transport !== 'command') throw new Error('Gemini CLI runs command hooks only; use --transport command');
  const out = addHooks(settings, plan, FORMAT);
  if (isObj(out.hooksConfig) && out.hooksConfig.enabled === false) out.hooksConfig = { ...out.hooksConfig, enabled: true };
  return out;
}

/** Where Gemini CLI reads settings for each scope (managed: its system settings, which override all others). */
function settingsPath(scope: Scope, env = { home: homedir(), cwd: process.cwd(), os: process.platform }): string {
  if (scope === 'user') return join(env.home, '.gemini', 'settings.json');
  if (scope === 'project') return resolve(env.cwd, '.gemini', 'settings.json');
  if (env.os === 'darwin') return '/Library/Application Support/GeminiCli/settings.json';
  if (env.os === 'win32') return 'C:\\ProgramData\\gemini-cli\\settings.json';
  return '/etc/gemini-cli/settings.json';
}

export const geminiCliInstaller: ClientInstaller = {
  client: 'gemini-cli',
  label: 'Gemini CLI',
  path: settingsPath,
  allEvents: ALL_EVENTS,
  enforcementEvents: ENFORCEMENT_EVENTS,
  transports: ['command'],
  ...jsonFile({ add: addVigilHooks, remove: removeVigilHooks, find: vigilHooksIn }),
  notes: (_plan: HookPlan, scope: Scope) => [
    'Gemini CLI runs hooks only in trusted folders: headless runs need GEMINI_CLI_TRUST_WORKSPACE=true or --skip-trust in an untrusted one; with security.folderTrust.enabled an untrusted folder runs no hooks at all.',
    `Keep hooksConfig.enabled true and "${HOOK_NAME}" out of hooksConfig.disabled, or the hooks do not run. Restart Gemini CLI to load them.`,
    ...(scope === 'project' ? ['Project hooks are fingerprinted: Gemini CLI warns once when it first sees them in a folder.'] : []),
  ],
};
