// What `vigil setup hooks --client NAME` needs to know about a client: where its hook
// configuration lives and how Vigil's hooks go in and come out. Pure text in, text out, so each
// client keeps its own file format (JSON, TOML, YAML with comments) and is tested without a disk;
// commands/setup.ts does the reading, writing, backups and the relay's config.
import type { HookMode } from '../hook/config.js';

export type Scope = 'user' | 'project' | 'managed';
export const SCOPES: readonly Scope[] = ['user', 'project', 'managed'];

export type Transport = 'command' | 'http';

export interface HookPlan {
  events: readonly string[];
  /** monitor or enforce: some clients also need telling to fail closed (Cursor's failClosed, Hermes' fail_closed). */
  mode: HookMode;
  transport: Transport;
  /** command: the relay command line (relayCommand); http: the endpoint URL. */
  target: string;
  /** http only. */
  token?: string;
  timeoutS: number;
}

export interface ClientInstaller {
  /** The client id (as in `vigil hook <client>` and /v1/hooks/<client>). */
  client: string;
  /** The client's name as people write it. */
  label: string;
  /** The file the client reads hooks from for a scope (managed: the MDM/enterprise location for this OS). */
  path(scope: Scope, env?: { home: string; cwd: string; os: NodeJS.Platform }): string;
  /** Every hook event; the enforcement ones are installed unless --event-hooks asks for all. */
  allEvents: readonly string[];
  enforcementEvents: readonly string[];
  /** Transports the client supports (command for all; http where the client has http hooks). */
  transports: readonly Transport[];
  /** The file's text with Vigil's hooks added (replacing earlier ones) and everything else kept. '' means the file does not exist. */
  install(text: string, plan: HookPlan): string;
  /** The file's text without Vigil's hooks. */
  uninstall(text: string): string;
  /** The events that have a Vigil hook, and how. */
  status(text: string): { event: string; transport: Transport; target: string }[];
  /** Anything the person installing must know or do next (printed after install). */
  notes?(plan: HookPlan, scope: Scope): string[];
}

/**
 * Whether a hook command is one of Vigil's relays for `client`, as setup writes them:
 * `"<dir>/vigil-hook" <client> --config …` or `"<node>" "<cli>/main.js" hook <client> --config …`.
 */
export function isVigilCommand(command: unknown, client: string): boolean {
  if (typeof command !== 'string') return false;
  return command.includes(`vigil-hook" ${client} --config`) || command.includes(` hook ${client} --config`);
}

/** A JSON config file's text as an object ('' → {}), or an error that names the file's problem. */
export function parseJsonObject(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new Error(`not valid JSON (${(e as Error).message}); fix it before installing hooks`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not a JSON object; fix it before installing hooks');
  return v as Record<string, unknown>;
}

export const jsonText = (v: Record<string, unknown>): string => JSON.stringify(v, null, 2) + '\n';

/** install/uninstall/status for a client whose hooks live in a JSON file, from its object-level functions. */
export function jsonFile(f: {
  add(file: Record<string, unknown>, plan: HookPlan): Record<string, unknown>;
  remove(file: Record<string, unknown>): Record<string, unknown>;
  find(file: Record<string, unknown>): { event: string; transport: Transport; target: string }[];
}): Pick<ClientInstaller, 'install' | 'uninstall' | 'status'> {
  return {
    install: (text, plan) => jsonText(f.add(parseJsonObject(text), plan)),
    uninstall: (text) => jsonText(f.remove(parseJsonObject(text))),
    status: (text) => f.find(parseJsonObject(text)),
  };
}
