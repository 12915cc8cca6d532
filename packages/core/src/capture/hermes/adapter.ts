// Hermes Agent behind the shared hook contract (../hooks/adapter.ts).
import type { HookAdapter } from '../hooks/adapter.js';
import { hermesHookAnswer } from './answer.js';
import { HERMES_HOOK_KINDS, hermesEventName, normaliseHermesHook } from './hook.js';

export const hermesHookAdapter: HookAdapter = {
  contract: 1,
  client: 'hermes',
  events: HERMES_HOOK_KINDS,
  deciding: new Set(['pre_tool_call']),
  // Hermes honours a block on pre_tool_call only (shell_hooks.py _BLOCKING_EVENTS); pre_llm_call
  // can inject context but not stop the turn.
  blockable: new Set(['pre_tool_call']),
  eventName: hermesEventName,
  normalise: normaliseHermesHook,
  answer: hermesHookAnswer,
};
