// Every client with hook capture, by the id in its endpoint (/v1/hooks/<client>) and in
// `vigil hook <client>`. Adding a client: its adapter here and its fixtures in fixtures/hooks/<client>/.
import type { HookAdapter } from './adapter.js';
import { claudeCodeHookAdapter } from '../claude-code/adapter.js';
import { cursorHookAdapter } from '../cursor/adapter.js';
import { hermesHookAdapter } from '../hermes/adapter.js';
import { geminiCliHookAdapter } from '../gemini-cli/adapter.js';
import { codexHookAdapter } from '../codex/adapter.js';

export const HOOK_ADAPTERS: Readonly<Record<string, HookAdapter>> = {
  'claude-code': claudeCodeHookAdapter,
  cursor: cursorHookAdapter,
  hermes: hermesHookAdapter,
  'gemini-cli': geminiCliHookAdapter,
  codex: codexHookAdapter,
};

export function hookAdapter(client: string): HookAdapter | undefined {
  return Object.hasOwn(HOOK_ADAPTERS, client) ? HOOK_ADAPTERS[client] : undefined;
}
