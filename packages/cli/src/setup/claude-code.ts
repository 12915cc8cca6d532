// Merging Vigil's hooks into a Claude Code settings file and taking them out again. Pure: the
// command (commands/setup.ts) does the reading, writing and backups.

/** Every hook event Claude Code emits; the enforcement ones are installed by default. */
export const ALL_EVENTS = [
  'SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PermissionRequest', 'PostToolUse', 'PostToolUseFailure',
  'Notification', 'SubagentStart', 'SubagentStop', 'PreCompact', 'Stop', 'SessionEnd',
] as const;
export const ENFORCEMENT_EVENTS = ['PreToolUse', 'PermissionRequest'] as const;
// Events whose matcher is a tool name: Vigil matches every tool.
const TOOL_EVENTS = new Set(['PreToolUse', 'PermissionRequest', 'PostToolUse', 'PostToolUseFailure']);

export type Transport = 'command' | 'http';

export interface HookPlan {
  events: readonly string[];
  transport: Transport;
  /** command: the relay command line; http: the endpoint URL. */
  target: string;
  /** http only. */
  token?: string;
  timeoutS: number;
}

type Json = Record<string, unknown>;
interface HookEntry { type?: string; command?: string; url?: string; [k: string]: unknown }
interface MatcherGroup { matcher?: string; hooks?: HookEntry[]; [k: string]: unknown }

/** Vigil's own entries: its relays' commands, or an http hook to a Vigil hooks endpoint. */
export function isVigilHook(h: HookEntry): boolean {
  // What setup writes: "<dir>/vigil-hook" claude-code --config … or "<node>" "<cli>/main.js" hook claude-code --config …
  if (h.type === 'command' && typeof h.command === 'string') return h.command.includes('claude-code --config') && /vigil-hook|\bhook claude-code/.test(h.command);
  if (h.type === 'http' && typeof h.url === 'string') return /\/v1\/hooks\/claude-code$/.test(h.url);
  return false;
}

/** The settings without any Vigil hook; groups and events left empty are dropped. */
export function removeVigilHooks(settings: Json): Json {
  const hooks = settings.hooks;
  if (typeof hooks !== 'object' || hooks === null || Array.isArray(hooks)) return settings;
  const out: Json = {};
  for (const [event, groups] of Object.entries(hooks as Json)) {
    if (!Array.isArray(groups)) {
      out[event] = groups;
      continue;
    }
    const kept = (groups as MatcherGroup[])
      .map((g) => (Array.isArray(g?.hooks) ? { ...g, hooks: g.hooks.filter((h) => !isVigilHook(h)) } : g))
      .filter((g) => !Array.isArray(g?.hooks) || g.hooks.length > 0);
    if (kept.length > 0) out[event] = kept;
  }
  const { hooks: _, ...rest } = settings;
  return Object.keys(out).length > 0 ? { ...rest, hooks: out } : rest;
}

/** Adds Vigil's hooks (replacing any earlier ones), leaving everything else as it was. */
export function addVigilHooks(settings: Json, plan: HookPlan): Json {
  const base = removeVigilHooks(settings);
  const hooks: Json = { ...((base.hooks as Json | undefined) ?? {}) };
  for (const event of plan.events) {
    const entry: HookEntry =
      plan.transport === 'command'
        ? { type: 'command', command: plan.target, timeout: plan.timeoutS }
        : { type: 'http', url: plan.target, headers: { Authorization: `Bearer ${plan.token ?? ''}` }, timeout: plan.timeoutS };
    const group: MatcherGroup = TOOL_EVENTS.has(event) ? { matcher: '*', hooks: [entry] } : { hooks: [entry] };
    hooks[event] = [...((hooks[event] as MatcherGroup[] | undefined) ?? []), group];
  }
  return { ...base, hooks };
}

/** Which events have a Vigil hook, and how. */
export function vigilHooksIn(settings: Json): { event: string; transport: Transport; target: string }[] {
  const found: { event: string; transport: Transport; target: string }[] = [];
  const hooks = settings.hooks;
  if (typeof hooks !== 'object' || hooks === null) return found;
  for (const [event, groups] of Object.entries(hooks as Json)) {
    if (!Array.isArray(groups)) continue;
    for (const g of groups as MatcherGroup[]) {
      for (const h of Array.isArray(g?.hooks) ? g.hooks : []) {
        if (isVigilHook(h)) found.push({ event, transport: h.type === 'http' ? 'http' : 'command', target: (h.type === 'http' ? h.url : h.command) as string });
      }
    }
  }
  return found;
}
