// Vigil's decision in Claude Code's own hook wire format: what the relay prints on stdout
// (exit 0) or an http hook returns as its body.
import type { HookDecision } from '../hooks/adapter.js';

/**
 * The JSON a hook answers for `hook` (hook_event_name). Allow is `{}`: Claude Code carries on as
 * if no hook ran, so its own permission rules still apply. Deny, per event:
 * - PreToolUse: hookSpecificOutput.permissionDecision "deny"; the reason is shown to Claude.
 * - PermissionRequest: hookSpecificOutput.decision.behavior "deny" with the reason as message.
 * - PostToolUse, UserPromptSubmit: decision "block" with the reason (the tool already ran, or
 *   the prompt is dropped).
 * Other events cannot be denied: allow.
 * Rewrite (PreToolUse only): hookSpecificOutput.updatedInput without a permission decision, so
 * Claude Code's own permission rules and prompts still apply to the rewritten call.
 */
export function claudeCodeHookAnswer(hook: string, d: HookDecision): Record<string, unknown> {
  if (d.action === 'allow') return {};
  if (d.action === 'rewrite') {
    return hook === 'PreToolUse' ? { hookSpecificOutput: { hookEventName: 'PreToolUse', updatedInput: d.input } } : {};
  }
  switch (hook) {
    case 'PreToolUse':
      return { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: d.reason } };
    case 'PermissionRequest':
      return { hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'deny', message: d.reason } } };
    case 'PostToolUse':
    case 'PostToolUseFailure':
    case 'UserPromptSubmit':
      return { decision: 'block', reason: d.reason };
    default:
      return {};
  }
}
