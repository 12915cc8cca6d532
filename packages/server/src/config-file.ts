import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** What a `vigil serve --config FILE` (YAML) may set. Each key is validated where it is used. */
export interface ConfigFile {
  /** Scanner settings (docs/scanners.md). */
  scanning?: unknown;
  /** Tool calls always denied (docs/api.md, deny rules). */
  deny_rules?: unknown;
  /** AgentGuard settings (docs/agentguard.md). */
  agentguard?: unknown;
  /** How long sessions are kept (docs/storage.md, retention). */
  retention?: unknown;
  /** OpenID Connect single sign-on (docs/console.md, single sign-on). */
  sso?: unknown;
}

const KEYS = ['scanning', 'deny_rules', 'agentguard', 'retention', 'sso'] as const;

/** Reads and parses the file; an unknown top-level key is an error (a typo must not be ignored). */
export function readConfigFile(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`--config: cannot read ${path}: ${(e as Error).message}`);
  }
  return parseConfigFile(text, path);
}

export function parseConfigFile(text: string, name = 'config'): ConfigFile {
  let doc: unknown;
  try {
    // YAML 1.2 core schema: no custom tags, so a file cannot construct anything but plain data.
    doc = parse(text, { schema: 'core', maxAliasCount: 100 });
  } catch (e) {
    throw new Error(`--config: ${name} is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new Error(`--config: ${name} must be a mapping with keys ${KEYS.join(', ')}`);
  const o = doc as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!(KEYS as readonly string[]).includes(k)) throw new Error(`--config: ${name} has unknown key "${k}" (known: ${KEYS.join(', ')})`);
  }
  const out: ConfigFile = {};
  if (o.scanning !== undefined) out.scanning = o.scanning;
  if (o.deny_rules !== undefined) out.deny_rules = o.deny_rules;
  if (o.agentguard !== undefined) out.agentguard = o.agentguard;
  if (o.retention !== undefined) out.retention = o.retention;
  if (o.sso !== undefined) out.sso = o.sso;
  return out;
}
