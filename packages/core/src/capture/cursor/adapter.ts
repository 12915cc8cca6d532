// Cursor behind the shared hook contract (../hooks/adapter.ts).
import type { HookAdapter } from '../hooks/adapter.js';
import { cursorHookAnswer } from './answer.js';
import { CURSOR_HOOK_KINDS, normaliseCursorHook } from './hook.js';

export const cursorHookAdapter: HookAdapter = {
  contract: 1,
  client: 'cursor',
  events: CURSOR_HOOK_KINDS,
  // Asked before the action runs, with a documented `permission` deny.
  deciding: new Set(['preToolUse', 'beforeShellExecution', 'beforeMCPExecution', 'beforeReadFile', 'subagentStart']),
  // And the prompt, which `continue: false` drops.
  blockable: new Set(['preToolUse', 'beforeShellExecution', 'beforeMCPExecution', 'beforeReadFile', 'subagentStart', 'beforeSubmitPrompt']),
  eventName: (p) => (typeof p.hook_event_name === 'string' && p.hook_event_name !== '' ? p.hook_event_name : undefined),
  normalise: normaliseCursorHook,
  answer: cursorHookAnswer,
};
