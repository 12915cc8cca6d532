// Vigil's decision in Codex's own hook wire format: what the relay prints on stdout (exit 0).
// Verified against Codex 0.169.0 (the real binary, see fixtures/hooks/codex).
import type { HookDecision } from '../hooks/adapter.js';

/**
 * The JSON a hook answers for `hook` (hook_event_name). Allow is `{}`: Codex 0.169.0 refuses
 * permissionDecision "allow" and "ask" as unsupported (the hook counts as failed and the call
 * runs anyway), so saying nothing is the clean allow. Deny, per event:
 * - PreToolUse: hookSpecificOutput.permissionDecision "deny" with a non-empty reason (Codex
 *   ignores a deny without one); the model is told "Command blocked by PreToolUse hook: <reason>".
 * - PermissionRequest: hookSpecificOutput.decision.behavior "deny" with the reason as message.
 * - PostToolUse: decision "block": the model gets the reason instead of the tool's output.
 * - UserPromptSubmit: decision "block": the prompt never reaches the model.
 * Other events cannot be denied (Stop's "block" would make Codex continue): allow.
 * Rewrite: Codex 0.169.0 cannot run a call with other input (updatedInput is refused unless with
 * permissionDecision "allow", which is itself unsupported), so a rewrite is answered as allow.
 */
export function codexHookAnswer(hook: string, d: HookDecision): Record<string, unknown> {
  if (d.action !== 'deny') return {};
  const reason = d.reason.trim() === '' ? 'denied by Vigil' : d.reason;
  switch (hook) {
    case 'PreToolUse':
      return { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: reason } };
    case 'PermissionRequest':
      return { hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'deny', message: reason } } };
    case 'PostToolUse':
    case 'UserPromptSubmit':
      return { decision: 'block', reason };
    default:
      return {};
  }
}
