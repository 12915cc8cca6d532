// Vigil's decision in Gemini CLI's hook wire format: the JSON the relay prints on stdout (exit 0).
import type { HookDecision } from '../hooks/adapter.js';

/**
 * The JSON a hook answers for `hook` (hook_event_name). Allow is `{}`: Gemini CLI carries on
 * as if no hook ran. Deny is `decision: "deny"` with the reason, which means, per event:
 * - BeforeTool: the tool does not run; the model gets "Tool execution blocked: <reason>".
 * - AfterTool: the tool ran, but the model gets the reason instead of its output.
 * - BeforeAgent: the turn is dropped and the prompt is not kept in history.
 * Other events cannot be denied (AfterAgent's deny would make the agent retry): allow.
 * Rewrite (BeforeTool only): hookSpecificOutput.tool_input, which Gemini CLI merges over the
 * model's arguments key by key, so masked values replace the originals.
 */
export function geminiCliHookAnswer(hook: string, d: HookDecision): Record<string, unknown> {
  if (d.action === 'allow') return {};
  if (d.action === 'rewrite') return hook === 'BeforeTool' ? { hookSpecificOutput: { tool_input: d.input } } : {};
  switch (hook) {
    case 'BeforeTool':
    case 'AfterTool':
    case 'BeforeAgent':
      return { decision: 'deny', reason: d.reason };
    default:
      return {};
  }
}
