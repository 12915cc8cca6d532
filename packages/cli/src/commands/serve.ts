import { readFileSync } from 'node:fs';
import { DEFAULTS, defaultDataDir, readConfigFile, startServer, type ServerConfig } from '@vigil/server';
import { STORE_OPTIONS, parse } from '../args.js';

function port(v: string | undefined): number {
  if (v === undefined) return DEFAULTS.port;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--port must be 0-65535, got "${v}"`);
  return n;
}

function threads(v: string | undefined): number {
  if (v === undefined) return DEFAULTS.ingestThreads;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new Error(`--ingest-threads must be 0-64, got "${v}"`);
  return n;
}

/** The deny-rule file, parsed; its rules are checked when the server starts. */
function denyRules(path: string | undefined): unknown {
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`--deny-rules: cannot read ${path}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`--deny-rules: ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

export async function serve(args: string[]): Promise<number> {
  const { values } = parse(args, {
    host: { type: 'string' },
    port: { type: 'string' },
    'log-level': { type: 'string' },
    'ingest-threads': { type: 'string' },
    'deny-rules': { type: 'string' },
    config: { type: 'string' },
    ...STORE_OPTIONS,
  });
  const env = process.env;
  const configPath = values.config ?? env.VIGIL_CONFIG;
  const file = configPath ? readConfigFile(configPath) : {};
  const rulesPath = values['deny-rules'] ?? env.VIGIL_DENY_RULES;
  if (rulesPath && file.deny_rules !== undefined) throw new Error('deny rules are given twice: by --deny-rules and by deny_rules in the --config file; keep one');
  const config: ServerConfig = {
    host: values.host ?? env.VIGIL_HOST ?? DEFAULTS.host,
    port: port(values.port ?? env.VIGIL_PORT),
    dataDir: values.data ?? defaultDataDir(env),
    databaseUrl: values['database-url'] ?? env.VIGIL_DATABASE_URL,
    adminToken: env.VIGIL_ADMIN_TOKEN,
    bodyLimit: DEFAULTS.bodyLimit,
    maxBatch: DEFAULTS.maxBatch,
    logLevel: values['log-level'] ?? env.VIGIL_LOG_LEVEL ?? DEFAULTS.logLevel,
    ingestThreads: threads(values['ingest-threads'] ?? env.VIGIL_INGEST_THREADS),
    denyRules: rulesPath ? denyRules(rulesPath) : file.deny_rules,
    scanning: file.scanning,
    agentguard: file.agentguard,
    retention: file.retention,
    sso: file.sso,
  };
  const server = await startServer(config);
  const err = process.stderr;
  // One write, so whoever reads for the "listening" line has the token too.
  let banner = `Vigil listening on ${server.url} (store: ${server.store.dialect} at ${server.store.location})\n`;
  if (server.firstAdminToken) {
    banner +=
      `\nFirst start: an admin token was created. It is shown only this once; keep it safe:\n\n  ${server.firstAdminToken}\n\n` +
      `Use it as: curl -H "Authorization: Bearer <token>" ${server.url}/v1/sessions\n\n`;
  }
  err.write(banner);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      err.write(`vigil: ${signal} again, exiting now\n`);
      process.exit(1);
    }
    stopping = true;
    server.app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    server.close().then(
      () => {
        server.app.log.info('stopped');
        process.exit(0);
      },
      (e: unknown) => {
        err.write(`vigil: shutdown failed: ${String(e)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  await new Promise<never>(() => {});
  return 0;
}
