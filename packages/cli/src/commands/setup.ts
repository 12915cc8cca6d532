import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { fileURLToPath } from 'node:url';
import { parse } from '../args.js';
import { DEFAULT_TIMEOUT_MS, defaultConfigPath, readHookConfig, type HookConfig, type HookMode } from '../hook/config.js';
import { ALL_EVENTS, ENFORCEMENT_EVENTS, addVigilHooks, removeVigilHooks, vigilHooksIn, type Transport } from '../setup/claude-code.js';

type Scope = 'user' | 'project' | 'managed';
const SCOPES: Scope[] = ['user', 'project', 'managed'];

/** Where Claude Code reads settings for each scope. */
function settingsPath(scope: Scope): string {
  if (scope === 'user') return join(homedir(), '.claude', 'settings.json');
  if (scope === 'project') return resolve('.claude', 'settings.json');
  const os = platform();
  if (os === 'darwin') return '/Library/Application Support/ClaudeCode/managed-settings.json';
  if (os === 'win32') return 'C:\\Program Files\\ClaudeCode\\managed-settings.json';
  return '/etc/claude-code/managed-settings.json';
}

/** The relay's config: per user, except for managed roll-outs, where it sits beside the managed settings. */
function configPath(scope: Scope): string {
  if (scope !== 'managed') return defaultConfigPath();
  return platform() === 'darwin' ? '/Library/Application Support/Vigil/hook.json' : '/etc/vigil/hook.json';
}

const quote = (s: string) => `"${s.replace(/(["\\$`])/g, '\\$1')}"`;

/** The relay command line: the native relay for http:// servers when it was built, else the Node one. */
function relayCommand(server: string, config: string, mode: HookMode): string {
  const dist = dirname(fileURLToPath(import.meta.url)).replace(/[/\\]commands$/, '');
  const native = join(dist, 'vigil-hook');
  const tail = `claude-code --config ${quote(config)} --mode ${mode}`;
  if (server.startsWith('http://') && existsSync(native)) return `${quote(native)} ${tail}`;
  return `${quote(process.execPath)} ${quote(join(dist, 'main.js'))} hook ${tail}`;
}

function readJson(path: string): Record<string, unknown> {
  if (!existsSync(path)) return {};
  const text = readFileSync(path, 'utf8');
  if (text.trim() === '') return {};
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not a JSON object');
    return v as Record<string, unknown>;
  } catch (e) {
    throw new Error(`${path} is not valid JSON (${(e as Error).message}); fix it before installing hooks`);
  }
}

function writeAtomic(path: string, text: string, mode: number): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.vigil-tmp`;
  writeFileSync(tmp, text, { mode });
  renameSync(tmp, path);
}

const backupOf = (settings: string) => `${settings}.vigil-backup`;
const absentMarkerOf = (settings: string) => `${settings}.vigil-backup-absent`;
const stable = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));

async function confirm(question: string, yes: boolean): Promise<void> {
  if (yes) return;
  if (!process.stdin.isTTY) throw new Error('not a terminal: pass --yes to confirm');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const a = await rl.question(`${question} [y/N] `);
  rl.close();
  if (!/^y(es)?$/i.test(a.trim())) throw new Error('cancelled');
}

async function reachable(cfg: HookConfig): Promise<string> {
  try {
    const health = await fetch(`${cfg.server}/healthz`, { signal: AbortSignal.timeout(2000) });
    if (!health.ok) return `answers ${health.status} on /healthz`;
    const probe = await fetch(`${cfg.server}/v1/hooks/claude-code`, { method: 'POST', headers: { authorization: `Bearer ${cfg.token}`, 'content-type': 'application/json' }, body: '{}', signal: AbortSignal.timeout(2000) });
    if (probe.status === 401 || probe.status === 403) return `reachable, but the token is refused (${probe.status})`;
    return 'reachable, token accepted';
  } catch (e) {
    return `not reachable (${(e as Error).message})`;
  }
}

export async function setup(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    client: { type: 'string' },
    install: { type: 'boolean' },
    uninstall: { type: 'boolean' },
    status: { type: 'boolean' },
    'event-hooks': { type: 'boolean' },
    scope: { type: 'string' },
    server: { type: 'string' },
    token: { type: 'string' },
    mode: { type: 'string' },
    transport: { type: 'string' },
    settings: { type: 'string' },
    config: { type: 'string' },
    yes: { type: 'boolean' },
  });
  if (positionals[0] !== 'hooks') throw new Error('usage: vigil setup hooks --client claude-code --install|--uninstall|--status');
  if (values.client !== 'claude-code') throw new Error('--client must be claude-code (the only client with hooks so far)');
  const actions = [values.install, values.uninstall, values.status].filter(Boolean).length;
  if (actions !== 1) throw new Error('say exactly one of --install, --uninstall, --status');
  const scope = (values.scope ?? 'user') as Scope;
  if (!SCOPES.includes(scope)) throw new Error('--scope must be user, project or managed');
  const settings = values.settings ? resolve(values.settings) : settingsPath(scope);
  const config = values.config ? resolve(values.config) : configPath(scope);
  const out = (s: string) => process.stdout.write(s + '\n');

  if (values.status) {
    const paths = values.settings ? [[scope, settings] as const] : SCOPES.map((s) => [s, settingsPath(s)] as const);
    for (const [s, path] of paths) {
      let found: ReturnType<typeof vigilHooksIn> = [];
      try {
        found = vigilHooksIn(readJson(path));
      } catch (e) {
        out(`${s}: ${path}: ${(e as Error).message}`);
        continue;
      }
      out(found.length === 0 ? `${s}: ${path}: no Vigil hooks` : `${s}: ${path}: Vigil hooks (${found[0]!.transport}) on ${found.map((f) => f.event).join(', ')}`);
    }
    try {
      const cfg = readHookConfig(config);
      out(`config: ${config}: server ${cfg.server}, mode ${cfg.mode}, spool ${cfg.spool_dir}`);
      out(`server: ${await reachable(cfg)}`);
    } catch (e) {
      out(`config: ${(e as Error).message}`);
    }
    return 0;
  }

  if (values.uninstall) {
    if (!existsSync(settings)) {
      out(`${settings} does not exist: nothing to remove`);
      return 0;
    }
    await confirm(`Remove Vigil's hooks from ${settings}?`, values.yes ?? false);
    const stripped = removeVigilHooks(readJson(settings));
    const backup = backupOf(settings);
    const absent = absentMarkerOf(settings);
    if (existsSync(absent) && Object.keys(stripped).length === 0) {
      rmSync(settings);
      out(`removed ${settings} (it did not exist before Vigil's hooks were installed)`);
    } else if (existsSync(backup) && stable(stripped) === stable(JSON.parse(readFileSync(backup, 'utf8') || '{}'))) {
      writeAtomic(settings, readFileSync(backup, 'utf8'), 0o644);
      out(`restored ${settings} exactly as it was before install`);
    } else {
      writeAtomic(settings, JSON.stringify(stripped, null, 2) + '\n', 0o644);
      out(`removed Vigil's hooks from ${settings}; your other changes since install are kept`);
    }
    rmSync(backup, { force: true });
    rmSync(absent, { force: true });
    return 0;
  }

  // Install.
  const mode = (values.mode ?? 'monitor') as HookMode;
  if (mode !== 'monitor' && mode !== 'enforce') throw new Error('--mode must be monitor or enforce');
  const transport = (values.transport ?? 'command') as Transport;
  if (transport !== 'command' && transport !== 'http') throw new Error('--transport must be command or http');
  if (transport === 'http' && mode === 'enforce') throw new Error('http hooks fail open (Claude Code carries on when they fail): enforce mode needs --transport command');
  if (transport === 'http' && scope === 'project') throw new Error('an http hook carries the token in the settings file, and project settings are committed: use --scope user or managed');
  let previous: HookConfig | null = null;
  try {
    previous = readHookConfig(config);
  } catch {
    // none yet
  }
  const server = (values.server ?? previous?.server)?.replace(/\/+$/, '');
  const token = values.token ?? previous?.token;
  if (!server || !/^https?:\/\//.test(server)) throw new Error('--server URL is required (http:// or https://), e.g. --server http://vigil.internal:7411');
  if (!token) throw new Error('--token is required: an ingest token (vigil token create --name hooks --role ingest)');
  const existing = readJson(settings);
  const events = values['event-hooks'] ? ALL_EVENTS : ENFORCEMENT_EVENTS;
  await confirm(`Install Vigil's ${transport} hooks (${mode} mode) for ${events.join(', ')} into ${settings}?`, values.yes ?? false);

  const cfg: HookConfig = { server, token, mode, timeout_ms: previous?.timeout_ms ?? DEFAULT_TIMEOUT_MS, spool_dir: previous?.spool_dir ?? join(dirname(config), 'spool') };
  if (previous?.user) cfg.user = previous.user;
  if (previous?.device_id) cfg.device_id = previous.device_id;
  writeAtomic(config, JSON.stringify(cfg, null, 2) + '\n', scope === 'managed' ? 0o644 : 0o600);
  if (scope === 'managed') chmodSync(config, 0o644);

  // The first install keeps the original file (or notes there was none); reinstalls keep that backup.
  if (!existsSync(backupOf(settings)) && !existsSync(absentMarkerOf(settings))) {
    if (existsSync(settings)) writeFileSync(backupOf(settings), readFileSync(settings));
    else {
      mkdirSync(dirname(settings), { recursive: true });
      writeFileSync(absentMarkerOf(settings), '');
    }
  }
  const target = transport === 'command' ? relayCommand(server, config, mode) : `${server}/v1/hooks/claude-code`;
  const next = addVigilHooks(existing, { events, transport, target, token, timeoutS: Math.ceil(cfg.timeout_ms / 1000) + 5 });
  writeAtomic(settings, JSON.stringify(next, null, 2) + '\n', 0o644);
  out(`installed Vigil's ${transport} hooks (${mode} mode) on ${events.join(', ')} in ${settings}`);
  out(`relay config: ${config}`);
  out(`server: ${await reachable(cfg)}`);
  return 0;
}
