// Claude Code behind the shared hook contract (../hooks/adapter.ts).
import type { HookAdapter } from '../hooks/adapter.js';
import { claudeCodeHookAnswer } from './answer.js';
import { CLAUDE_CODE_HOOK_KINDS, normaliseClaudeCodeHook } from './hook.js';

export const claudeCodeHookAdapter: HookAdapter = {
  contract: 1,
  client: 'claude-code',
  events: CLAUDE_CODE_HOOK_KINDS,
  deciding: new Set(['PreToolUse', 'PermissionRequest']),
  // Before a call, after one (the reason reaches the model) and on a prompt (it is dropped).
  blockable: new Set(['PreToolUse', 'PermissionRequest', 'PostToolUse', 'PostToolUseFailure', 'UserPromptSubmit']),
  eventName: (p) => (typeof p.hook_event_name === 'string' ? p.hook_event_name : undefined),
  normalise: normaliseClaudeCodeHook,
  answer: claudeCodeHookAnswer,
};
