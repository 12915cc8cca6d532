// Gemini CLI behind the shared hook contract (../hooks/adapter.ts).
import { str, type HookAdapter } from '../hooks/adapter.js';
import { geminiCliHookAnswer } from './answer.js';
import { GEMINI_CLI_HOOK_KINDS, normaliseGeminiCliHook } from './hook.js';

export const geminiCliHookAdapter: HookAdapter = {
  contract: 1,
  client: 'gemini-cli',
  events: GEMINI_CLI_HOOK_KINDS,
  // Every model request (AfterModel: every streamed chunk), each with the whole conversation; AfterAgent has the reply.
  ignored: new Set(['BeforeModel', 'AfterModel', 'BeforeToolSelection']),
  deciding: new Set(['BeforeTool']),
  // Before a call, after one (the model gets the reason instead of the output) and on a prompt (it is dropped).
  blockable: new Set(['BeforeTool', 'AfterTool', 'BeforeAgent']),
  eventName: (p) => str(p, 'hook_event_name'),
  normalise: normaliseGeminiCliHook,
  answer: geminiCliHookAnswer,
};
