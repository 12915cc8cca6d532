// One client's hook adapter, loaded on its own: the Node relay starts a process per hook event,
// and loading every client's adapter (registry.ts) would cost it ~15 ms more each time.
// The contract test checks this list against the registry.
import type { HookAdapter } from './adapter.js';

const LOADERS: Readonly<Record<string, () => Promise<HookAdapter>>> = {
  'claude-code': async () => (await import('../claude-code/adapter.js')).claudeCodeHookAdapter,
  cursor: async () => (await import('../cursor/adapter.js')).cursorHookAdapter,
  codex: async () => (await import('../codex/adapter.js')).codexHookAdapter,
  'gemini-cli': async () => (await import('../gemini-cli/adapter.js')).geminiCliHookAdapter,
  hermes: async () => (await import('../hermes/adapter.js')).hermesHookAdapter,
};

export const HOOK_CLIENTS: readonly string[] = Object.keys(LOADERS);

export function loadHookAdapter(client: string): Promise<HookAdapter | undefined> {
  return Object.hasOwn(LOADERS, client) ? LOADERS[client]!() : Promise.resolve(undefined);
}
