#!/usr/bin/env node
import { VERSION } from './version.js';

const USAGE = `vigil ${VERSION} — records and secures AI agent sessions

Usage:
  vigil serve [--host 127.0.0.1] [--port 7411] [--data DIR] [--database-url URL] [--ingest-threads N]
              [--config FILE.yaml] [--deny-rules FILE]
  vigil token create --name NAME [--role admin|ingest|read] [--data DIR] [--database-url URL]
  vigil token list [--json] [--data DIR] [--database-url URL]
  vigil token revoke ID [--data DIR] [--database-url URL]
  vigil audit verify [--data DIR] [--database-url URL] [--json]
  vigil setup hooks --client claude-code --install|--uninstall|--status [--event-hooks]
              [--scope user|project|managed] [--server URL] [--token T] [--mode monitor|enforce]
              [--transport command|http] [--yes]
  vigil hook claude-code [--config FILE] [--mode monitor|enforce]   (run by the client's hooks)
  vigil login --server URL [--no-browser] [--config FILE]   (approve this device in the console)
  vigil enrol --server URL --key vek_… [--user EMAIL] [--config FILE]   (organisation key, for MDM)
  vigil --version

Environment: VIGIL_HOST, VIGIL_PORT, VIGIL_DATA, VIGIL_DATABASE_URL, VIGIL_ADMIN_TOKEN, VIGIL_LOG_LEVEL,
VIGIL_INGEST_THREADS, VIGIL_DENY_RULES, VIGIL_CONFIG.
See README.md and docs/ for more.`;

// Each command loads its own modules when run, so a light command never pays for the server's.
type Command = (args: string[]) => Promise<number>;
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./commands/serve.js')).serve,
  token: async () => (await import('./commands/token.js')).token,
  audit: async () => (await import('./commands/audit.js')).audit,
  hook: async () => (await import('./commands/hook.js')).hook,
  setup: async () => (await import('./commands/setup.js')).setup,
  login: async () => (await import('./commands/login.js')).login,
  enrol: async () => (await import('./commands/enrol.js')).enrol,
};

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    process.stdout.write(USAGE + '\n');
    return cmd ? 0 : 2;
  }
  if (cmd === '--version' || cmd === 'version') {
    process.stdout.write(VERSION + '\n');
    return 0;
  }
  const load = COMMANDS[cmd];
  if (!load) {
    process.stderr.write(`vigil: unknown command "${cmd}"\n\n${USAGE}\n`);
    return 2;
  }
  return (await load())(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`vigil: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
