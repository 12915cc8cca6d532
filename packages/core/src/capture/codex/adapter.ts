// The OpenAI Codex CLI behind the shared hook contract (../hooks/adapter.ts).
import type { HookAdapter } from '../hooks/adapter.js';
import { codexHookAnswer } from './answer.js';
import { CODEX_HOOK_KINDS, normaliseCodexHook } from './hook.js';

export const codexHookAdapter: HookAdapter = {
  contract: 1,
  client: 'codex',
  events: CODEX_HOOK_KINDS,
  // Fires before every model request and carries nothing but the turn.
  ignored: new Set(['PreModelRequest']),
  deciding: new Set(['PreToolUse', 'PermissionRequest']),
  // Before a call, at an approval prompt, after a call (the reason replaces the output) and on a prompt (it is dropped).
  blockable: new Set(['PreToolUse', 'PermissionRequest', 'PostToolUse', 'UserPromptSubmit']),
  eventName: (p) => (typeof p.hook_event_name === 'string' ? p.hook_event_name : undefined),
  normalise: normaliseCodexHook,
  answer: codexHookAnswer,
};
