// Vigil's decision in Cursor's hook wire format: the JSON the relay prints on stdout (exit 0).
// Output schemas: https://cursor.com/docs/agent/hooks ("Hook events").
import type { HookDecision } from '../hooks/adapter.js';

/** What the person at the keyboard reads when Vigil blocks something. */
export const cursorUserMessage = (reason: string): string => `Blocked by Vigil: ${reason}`;
/** What the agent reads, so it does not simply try the same call again. */
export const cursorAgentMessage = (reason: string): string => `Vigil's policy denied this action: ${reason.replace(/[.\s]+$/, '')}. Do not retry it in another form; tell the user what was blocked.`;

/**
 * The JSON a hook answers for `hook` (hook_event_name).
 *
 * Allow is `{}`, with no `permission`: Cursor then decides as if no hook had answered, so its own
 * approval settings (auto-run, allowlists, asking the user) still apply. `"permission": "allow"`
 * would approve the call outright, and `"ask"` is not enforced on preToolUse. beforeSubmitPrompt
 * is answered `{"continue": true}`: the prompt has no approval of its own to keep, and the docs
 * give `continue` as its one decision field.
 *
 * Deny, per event (the ones whose documented output has a decision):
 * - preToolUse, beforeShellExecution, beforeMCPExecution: permission "deny" with user_message
 *   (shown in Cursor) and agent_message (fed back to the agent).
 * - beforeReadFile, subagentStart: permission "deny" with user_message (their only fields).
 * - beforeSubmitPrompt: continue false with user_message.
 * Other events cannot be denied (sessionStart's `continue` is documented as not enforced): allow.
 *
 * Rewrite: preToolUse only, `updated_input` with permission "allow" — the form Cursor is known to
 * apply (a rewrite without a decision may be ignored, and running the unmasked input is the worse
 * failure). Other events have no documented way to change the input: allow.
 */
export function cursorHookAnswer(hook: string, d: HookDecision): Record<string, unknown> {
  if (d.action === 'allow') return hook === 'beforeSubmitPrompt' ? { continue: true } : {};
  if (d.action === 'rewrite') {
    if (hook === 'preToolUse') return { permission: 'allow', updated_input: d.input };
    return hook === 'beforeSubmitPrompt' ? { continue: true } : {};
  }
  switch (hook) {
    case 'preToolUse':
    case 'beforeShellExecution':
    case 'beforeMCPExecution':
      return { permission: 'deny', user_message: cursorUserMessage(d.reason), agent_message: cursorAgentMessage(d.reason) };
    case 'beforeReadFile':
    case 'subagentStart':
      return { permission: 'deny', user_message: cursorUserMessage(d.reason) };
    case 'beforeSubmitPrompt':
      return { continue: false, user_message: cursorUserMessage(d.reason) };
    default:
      return {};
  }
}
