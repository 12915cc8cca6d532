import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { fileURLToPath } from 'node:url';
import { parse } from '../args.js';
import { DEFAULT_TIMEOUT_MS, defaultConfigPath, readHookConfig, type HookConfig, type HookMode } from '../hook/config.js';
import { INSTALLERS } from '../setup/clients.js';
import { SCOPES, type ClientInstaller, type Scope, type Transport } from '../setup/installer.js';

/** The relay's config: per user, except for managed roll-outs, where it sits beside the managed settings. */
function configPath(scope: Scope): string {
  if (scope !== 'managed') return defaultConfigPath();
  return platform() === 'darwin' ? '/Library/Application Support/Vigil/hook.json' : '/etc/vigil/hook.json';
}

const quote = (s: string) => `"${s.replace(/(["\\$`])/g, '\\$1')}"`;

/** The relay command line: the native relay for http:// servers when it was built, else the Node one. */
function relayCommand(client: string, server: string, config: string, mode: HookMode): string {
  const dist = dirname(fileURLToPath(import.meta.url)).replace(/[/\\]commands$/, '');
  const native = join(dist, 'vigil-hook');
  const tail = `${client} --config ${quote(config)} --mode ${mode}`;
  if (server.startsWith('http://') && existsSync(native)) return `${quote(native)} ${tail}`;
  return `${quote(process.execPath)} ${quote(join(dist, 'main.js'))} hook ${tail}`;
}

const readText = (path: string): string => (existsSync(path) ? readFileSync(path, 'utf8') : '');

/** The installer's work on a file, with the file named in any error. */
function onFile<T>(path: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
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

async function confirm(question: string, yes: boolean): Promise<void> {
  if (yes) return;
  if (!process.stdin.isTTY) throw new Error('not a terminal: pass --yes to confirm');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const a = await rl.question(`${question} [y/N] `);
  rl.close();
  if (!/^y(es)?$/i.test(a.trim())) throw new Error('cancelled');
}

async function reachable(cfg: HookConfig, client: string): Promise<string> {
  try {
    const health = await fetch(`${cfg.server}/healthz`, { signal: AbortSignal.timeout(2000) });
    if (!health.ok) return `answers ${health.status} on /healthz`;
    const probe = await fetch(`${cfg.server}/v1/hooks/${client}`, { method: 'POST', headers: { authorization: `Bearer ${cfg.token}`, 'content-type': 'application/json' }, body: '{}', signal: AbortSignal.timeout(2000) });
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
  const names = Object.keys(INSTALLERS).join(', ');
  if (positionals[0] !== 'hooks') throw new Error(`usage: vigil setup hooks --client ${names.replace(/, /g, '|')} --install|--uninstall|--status`);
  const client: ClientInstaller | undefined = values.client !== undefined && Object.hasOwn(INSTALLERS, values.client) ? INSTALLERS[values.client] : undefined;
  if (!client) throw new Error(`--client must be one of: ${names}`);
  const actions = [values.install, values.uninstall, values.status].filter(Boolean).length;
  if (actions !== 1) throw new Error('say exactly one of --install, --uninstall, --status');
  const scope = (values.scope ?? 'user') as Scope;
  if (!SCOPES.includes(scope)) throw new Error('--scope must be user, project or managed');
  const settingsPath = (sc: Scope) => client.path(sc, { home: homedir(), cwd: process.cwd(), os: platform() });
  const settings = values.settings ? resolve(values.settings) : settingsPath(scope);
  const config = values.config ? resolve(values.config) : configPath(scope);
  const out = (s: string) => process.stdout.write(s + '\n');

  if (values.status) {
    const paths = values.settings ? [[scope, settings] as const] : SCOPES.map((s) => [s, settingsPath(s)] as const);
    for (const [s, path] of paths) {
      let found: ReturnType<ClientInstaller['status']> = [];
      try {
        found = client.status(readText(path));
      } catch (e) {
        out(`${s}: ${path}: ${(e as Error).message}`);
        continue;
      }
      out(found.length === 0 ? `${s}: ${path}: no Vigil hooks` : `${s}: ${path}: Vigil hooks (${found[0]!.transport}) on ${found.map((f) => f.event).join(', ')}`);
    }
    try {
      const cfg = readHookConfig(config);
      out(`config: ${config}: server ${cfg.server}, mode ${cfg.mode}, spool ${cfg.spool_dir}`);
      out(`server: ${await reachable(cfg, client.client)}`);
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
    const stripped = onFile(settings, () => client.uninstall(readText(settings)));
    const backup = backupOf(settings);
    const absent = absentMarkerOf(settings);
    // Compared as the installer writes them: what is left equals the original once both are normalised.
    const same = (original: string) => onFile(settings, () => client.uninstall(original)) === stripped;
    if (existsSync(absent) && same('')) {
      rmSync(settings);
      out(`removed ${settings} (it did not exist before Vigil's hooks were installed)`);
    } else if (existsSync(backup) && same(readFileSync(backup, 'utf8'))) {
      writeAtomic(settings, readFileSync(backup, 'utf8'), 0o644);
      out(`restored ${settings} exactly as it was before install`);
    } else {
      writeAtomic(settings, stripped, 0o644);
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
  if (!client.transports.includes(transport)) throw new Error(`${client.label} hooks support --transport ${client.transports.join(' or ')}`);
  if (transport === 'http' && mode === 'enforce') throw new Error(`http hooks fail open (${client.label} carries on when they fail): enforce mode needs --transport command`);
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
  const existing = readText(settings);
  onFile(settings, () => client.status(existing));
  const events = values['event-hooks'] ? client.allEvents : client.enforcementEvents;
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
  const target = transport === 'command' ? relayCommand(client.client, server, config, mode) : `${server}/v1/hooks/${client.client}`;
  const plan = { events, mode, transport, target, token, timeoutS: Math.ceil(cfg.timeout_ms / 1000) + 5 };
  writeAtomic(settings, onFile(settings, () => client.install(existing, plan)), 0o644);
  out(`installed Vigil's ${transport} hooks (${mode} mode) on ${events.join(', ')} in ${settings}`);
  out(`relay config: ${config}`);
  for (const note of client.notes?.(plan, scope) ?? []) out(`note: ${note}`);
  out(`server: ${await reachable(cfg, client.client)}`);
  return 0;
}
