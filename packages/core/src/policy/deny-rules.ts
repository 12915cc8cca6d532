// The simplest enforcement there is: tool calls an administrator always denies, matched by tool
// name and by text in the call's input. Matching is literal (glob for tool names, substring for
// input), so a hostile input cannot make it slow. Scanners (a later issue) feed the same
// decision; this is the mechanism's first input.
import type { ToolRef } from '../model/event.js';
import { globMatcher } from './glob.js';

export interface DenyRule {
  /** Shown in the session and audit trail, e.g. "no-rm-rf". */
  name: string;
  /** Tool name; `*` matches any run of characters ("mcp__github__*", "*"). */
  tool: string;
  /** Denied when the input's text contains any of these (case-sensitive); absent: every call of the tool. */
  input_contains?: string[];
  /** Why, in words the agent can act on. */
  reason: string;
}

export interface DenyMatch {
  rule: string;
  reason: string;
}

export type CompiledRules = ReadonlyArray<{ rule: DenyRule; tool: (name: string) => boolean }>;

/** Checks a rule list once (at configuration time) and prepares it for matching. */
export function compileDenyRules(input: unknown): CompiledRules {
  if (!Array.isArray(input)) throw new Error('deny rules must be a JSON array of {name, tool, input_contains?, reason}');
  return input.map((r: unknown, i) => {
    const at = `deny rule [${i}]`;
    if (typeof r !== 'object' || r === null || Array.isArray(r)) throw new Error(`${at} must be an object`);
    const o = r as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!['name', 'tool', 'input_contains', 'reason'].includes(k)) throw new Error(`${at} has unknown field "${k}"`);
    for (const k of ['name', 'tool', 'reason']) if (typeof o[k] !== 'string' || o[k] === '') throw new Error(`${at}.${k} must be a non-empty string`);
    const contains = o.input_contains;
    if (contains !== undefined && (!Array.isArray(contains) || contains.length === 0 || !contains.every((c) => typeof c === 'string' && c !== ''))) {
      throw new Error(`${at}.input_contains must be a non-empty array of non-empty strings`);
    }
    const rule = o as unknown as DenyRule;
    return { rule, tool: globMatcher(rule.tool) };
  });
}

/** The input as the text rules look into: strings as they are, anything else as its JSON. */
function inputText(input: unknown): string {
  if (input === undefined || input === null) return '';
  return typeof input === 'string' ? input : JSON.stringify(input);
}

/** The first rule that denies this call, or null. */
export function matchDenyRules(rules: CompiledRules, tool: ToolRef, input: unknown): DenyMatch | null {
  let text: string | undefined;
  for (const { rule, tool: matches } of rules) {
    if (!matches(tool.name)) continue;
    if (rule.input_contains) {
      text ??= inputText(input);
      if (!rule.input_contains.some((c) => text!.includes(c))) continue;
    }
    return { rule: rule.name, reason: rule.reason };
  }
  return null;
}
