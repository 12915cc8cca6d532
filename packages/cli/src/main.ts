#!/usr/bin/env node
import { serve } from './commands/serve.js';
import { token } from './commands/token.js';
import { VERSION } from './version.js';

const USAGE = `vigil ${VERSION} — records and secures AI agent sessions

Usage:
  vigil serve [--host 127.0.0.1] [--port 7411] [--data DIR] [--database-url URL]
  vigil token create --name NAME [--role admin|ingest|read] [--data DIR] [--database-url URL]
  vigil --version

Environment: VIGIL_HOST, VIGIL_PORT, VIGIL_DATA, VIGIL_DATABASE_URL, VIGIL_ADMIN_TOKEN, VIGIL_LOG_LEVEL.
See README.md and docs/ for more.`;

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = { serve, token };

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
  const run = COMMANDS[cmd];
  if (!run) {
    process.stderr.write(`vigil: unknown command "${cmd}"\n\n${USAGE}\n`);
    return 2;
  }
  return run(rest);
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
