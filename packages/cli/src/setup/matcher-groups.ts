// The hooks layout Claude Code, Codex and Gemini CLI share in their JSON settings:
// hooks.<Event> = [{ matcher?, hooks: [{ type, command | url, timeout, … }] }]. Each client says
// which entries are Vigil's and how its own entry looks; adding, removing and finding are shared.
import type { HookPlan, Transport } from './installer.js';

type Json = Record<string, unknown>;
export interface HookEntry { type?: string; command?: string; url?: string; [k: string]: unknown }
interface MatcherGroup { matcher?: string; hooks?: HookEntry[]; [k: string]: unknown }

export interface MatcherGroupFormat {
  /** Whether an entry is one of Vigil's (its relay command for this client, or its http endpoint). */
  isVigil(h: HookEntry): boolean;
  /** Vigil's entry for one event. */
  entry(plan: HookPlan, event: string): HookEntry;
  /** The group's matcher for an event (undefined: no matcher, which matches every tool). */
  matcher(event: string): string | undefined;
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The settings without any Vigil hook; groups and events left empty, and an empty hooks object, are dropped. */
export function removeHooks(settings: Json, f: MatcherGroupFormat): Json {
  if (!isObj(settings.hooks)) return settings;
  const out: Json = {};
  for (const [event, groups] of Object.entries(settings.hooks)) {
    if (!Array.isArray(groups)) {
      out[event] = groups;
      continue;
    }
    const kept = (groups as MatcherGroup[])
      .map((g) => (Array.isArray(g?.hooks) ? { ...g, hooks: g.hooks.filter((h) => !f.isVigil(h)) } : g))
      .filter((g) => !Array.isArray(g?.hooks) || g.hooks.length > 0);
    if (kept.length > 0) out[event] = kept;
  }
  const { hooks: _, ...rest } = settings;
  return Object.keys(out).length > 0 ? { ...rest, hooks: out } : rest;
}

/** Adds Vigil's hooks (replacing any earlier ones), leaving everything else as it was. */
export function addHooks(settings: Json, plan: HookPlan, f: MatcherGroupFormat): Json {
  const base = removeHooks(settings, f);
  const hooks: Json = { ...(isObj(base.hooks) ? base.hooks : {}) };
  for (const event of plan.events) {
    const matcher = f.matcher(event);
    const entry = f.entry(plan, event);
    const group: MatcherGroup = matcher === undefined ? { hooks: [entry] } : { matcher, hooks: [entry] };
    hooks[event] = [...(Array.isArray(hooks[event]) ? (hooks[event] as MatcherGroup[]) : []), group];
  }
  return { ...base, hooks };
}

/** Which events have a Vigil hook, and how. */
export function hooksIn(settings: Json, f: MatcherGroupFormat): { event: string; transport: Transport; target: string }[] {
  const found: { event: string; transport: Transport; target: string }[] = [];
  if (!isObj(settings.hooks)) return found;
  for (const [event, groups] of Object.entries(settings.hooks)) {
    if (!Array.isArray(groups)) continue;
    for (const g of groups as MatcherGroup[]) {
      for (const h of Array.isArray(g?.hooks) ? g.hooks : []) {
        if (f.isVigil(h)) found.push({ event, transport: h.type === 'http' ? 'http' : 'command', target: (h.type === 'http' ? h.url : h.command) as string });
      }
    }
  }
  return found;
}
