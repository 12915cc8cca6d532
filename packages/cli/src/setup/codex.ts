// Merging Vigil's hooks into a Codex CLI hooks.json and taking them out again. Pure: the command
// (commands/setup.ts) does the reading, writing and backups. Codex 0.169.0 reads hooks.json next
// to each config layer (https://developers.openai.com/codex/hooks): ~/.codex (user), <repo>/.codex
// (project, only in a trusted project) and the system layer /etc/codex, whose hooks are managed:
// trusted by policy. User and project hooks run only after the person trusts them (/hooks).
import { join, resolve } from 'node:path';
import { homedir } from 'node:os';
import { type ClientInstaller, type HookPlan, type Scope, isVigilCommand, jsonFile } from './installer.js';
import { addHooks, hooksIn, removeHooks, type MatcherGroupFormat } from './matcher-groups.js';

/** Every hook event Vigil records from Codex; the enforcement ones are installed by default. */
export const ALL_EVENTS = [
  'SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PermissionRequest', 'PostToolUse',
  'SubagentStart', 'SubagentStop', 'PreCompact', 'PostCompact', 'Stop', 'SessionEnd',
] as const;
export const ENFORCEMENT_EVENTS = ['PreToolUse', 'PermissionRequest'] as const;

type Json = Record<string, unknown>;

// No matcher: Codex's matcher is a regular expression, and a group without one matches every tool.
const FORMAT: MatcherGroupFormat = {
  isVigil: (h) => h?.type === 'command' && isVigilCommand(h.command, 'codex'),
  entry: (plan) => ({ type: 'command', command: plan.target, timeout: plan.timeoutS }),
  matcher: () => undefined,
};

export const removeVigilHooks = (file: Json): Json => removeHooks(file, FORMAT);
export function addVigilHooks(file: Json, plan: HookPlan): Json {
  if (plan.transport !== 'command') throw new Error('Codex runs command hooks only (no http hooks)');
  return addHooks(file, plan, FORMAT);
}
export const vigilHooksIn = (file: Json) => hooksIn(file, FORMAT);

/** Where Codex reads hooks.json for each scope. Managed: the system config layer (/etc/codex on Linux and macOS). */
function hooksPath(scope: Scope, env = { home: homedir(), cwd: process.cwd(), os: process.platform }): string {
  if (scope === 'user') return join(env.home, '.codex', 'hooks.json');
  if (scope === 'project') return resolve(env.cwd, '.codex', 'hooks.json');
  // Not verified on Windows: Codex's system layer there is under %ProgramData%.
  if (env.os === 'win32') return 'C:\\ProgramData\\OpenAI\\Codex\\hooks.json';
  return '/etc/codex/hooks.json';
}

function notes(_plan: HookPlan, scope: Scope): string[] {
  const out: string[] = [];
  if (scope === 'managed') {
    out.push('Codex treats hooks in its system layer (/etc/codex) as managed: they run without review and people cannot disable them in /hooks.');
  } else {
    out.push(
      'Codex runs a new or changed hook only after it is trusted, and skips it silently until then: open Codex, run /hooks and trust the Vigil hooks. ' +
        '(Automation that vets its hooks can pass --dangerously-bypass-hook-trust instead.) Until then nothing is recorded or enforced.',
    );
    if (scope === 'project') out.push('Codex loads a project\'s .codex/hooks.json only when the project itself is trusted (trust_level = "trusted" for it in ~/.codex/config.toml).');
    out.push('For enforcement people cannot switch off, install with --scope managed (/etc/codex/hooks.json).');
  }
  out.push('Hooks are on by default in Codex 0.169.0; if config.toml or requirements.toml sets [features] hooks = false, no hook runs.');
  return out;
}

export const codexInstaller: ClientInstaller = {
  client: 'codex',
  label: 'Codex CLI',
  path: hooksPath,
  allEvents: ALL_EVENTS,
  enforcementEvents: ENFORCEMENT_EVENTS,
  transports: ['command'],
  ...jsonFile({ add: addVigilHooks, remove: removeVigilHooks, find: vigilHooksIn }),
  notes,
};
