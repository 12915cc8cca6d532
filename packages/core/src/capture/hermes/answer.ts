// Vigil's decision in Hermes Agent's shell-hook wire format: what the relay prints on stdout
// (exit 0). Hermes reads it with agent/shell_hooks.py _parse_response.
import type { HookDecision } from '../hooks/adapter.js';

/**
 * The JSON a hook answers for `hook` (hook_event_name). Allow is `{}`: Hermes carries on as if no
 * hook ran, so its own approval rules still apply. Only pre_tool_call honours a block: the
 * Hermes-canonical `{"action":"block","message":…}` (Claude Code's `{"decision":"block","reason":…}`
 * is accepted too); the message is returned to the model as the tool's error.
 * Rewrite (pre_tool_call only): `{"action":"modify","args":…}`, shallow-merged over the call's
 * arguments, so the masked input replaces every key it carries.
 * Other events cannot be denied (pre_llm_call only takes context, post_tool_call is an observer):
 * allow.
 */
export function hermesHookAnswer(hook: string, d: HookDecision): Record<string, unknown> {
  if (hook !== 'pre_tool_call' || d.action === 'allow') return {};
  if (d.action === 'rewrite') return { action: 'modify', args: d.input };
  return { action: 'block', message: d.reason };
}
