import { join } from 'node:path';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { buildApp } from './http/app.js';
import { migrate, openDatabase } from './repositories/database.js';
import { createStore, type Store } from './repositories/store.js';
import { MAIN_OWNER, WriteLock } from './repositories/write-lock.js';
import { AuthService } from './services/auth.service.js';
import { IngestService } from './services/ingest.service.js';
import { HookService } from './services/hook.service.js';
import { OtlpService } from './services/otlp.service.js';
import { compileDenyRules } from '@vigil/core';
import { IngestPool, inlineIngestor, type Ingestor } from './services/ingest.pool.js';
import { SessionService } from './services/session.service.js';
import { ScanningService } from './services/scanning.service.js';
import { AuditService } from './services/audit.service.js';
import { McpService } from './services/mcp.service.js';
import { GuardService } from './services/guard.service.js';
import { KillService } from './services/kill.service.js';
import { DecisionService } from './services/decision.service.js';
import { ClientsService } from './services/clients.service.js';
import { InsightsService } from './services/insights.service.js';
import { UserService } from './services/user.service.js';
import { PrivacyService } from './services/privacy.service.js';
import { RetentionService } from './services/retention.service.js';
import { TokenService } from './services/token.service.js';
import { DeviceService } from './services/device.service.js';
import { EnrolmentService } from './services/enrolment.service.js';
import { HermesWebhookService } from './services/hermes-webhook.service.js';
import type { ServerConfig } from './config.js';
import { parseSsoConfig } from './services/sso.config.js';
import { SsoService } from './services/sso.service.js';

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  store: Store;
  /** A new admin token created at this start, to be shown once; null otherwise. */
  firstAdminToken: string | null;
  /** Stops accepting, waits for in-flight requests (so every acknowledged event is committed), closes the store. */
  close(): Promise<void>;
}

export async function startServer(config: ServerConfig): Promise<RunningServer> {
  // Refuse a bad rule file before touching the store.
  const denyRules = compileDenyRules(config.denyRules ?? []);
  const ssoConfig = parseSsoConfig(config.sso);
  const database = { url: config.databaseUrl, sqlitePath: join(config.dataDir, 'vigil.db') };
  const handle = openDatabase(database);
  let store: Store | undefined;
  let ingest: Ingestor | undefined;
  try {
    await migrate(handle);
    // SQLite's writers (this thread, the ingest workers, the indexer's WAL rewinds) take turns by this lock.
    const writeLock = WriteLock.allocate();
    store = createStore(handle, { backgroundSearch: true, writeLock: { buffer: writeLock, owner: MAIN_OWNER } });
    const auth = new AuthService(store);
    const firstAdminToken = await auth.bootstrap(config.adminToken);
    const s = store;
    let log: FastifyBaseLogger | undefined;
    const scanning = new ScanningService(store);
    const stale = await scanning.load();
    // The config file's settings apply at every start (they are the operator's source of truth), audited like an API change.
    if (config.scanning !== undefined) await scanning.update(config.scanning, 'config-file');
    const startupWarnings = stale.length > 0 && config.scanning === undefined ? [`stored scanning settings are not valid any more, using defaults: ${stale.join('; ')}`] : [];
    const guard = new GuardService(store);
    const staleGuard = await guard.load();
    if (config.agentguard !== undefined) await guard.update(config.agentguard, 'config-file');
    else if (staleGuard.length > 0) startupWarnings.push(`stored agentguard settings are not valid any more, using defaults: ${staleGuard.join('; ')}`);
    const retention = new RetentionService(store, {
      onPurge: (r) => log?.info(r, 'retention: deleted sessions past their retention'),
      onError: (err) => log?.error({ err }, 'retention run failed; it is tried again within the hour'),
    });
    const staleRetention = await retention.load();
    if (config.retention !== undefined) await retention.update(config.retention, 'config-file');
    else if (staleRetention.length > 0) startupWarnings.push(`stored retention settings are not valid any more, using defaults: ${staleRetention.join('; ')}`);
    const kills = new KillService(store);
    await kills.load();
    const clients = new ClientsService(store);
    await clients.load();
    const privacy = new PrivacyService(store);
    await privacy.load();
    const disabledClients = () => clients.disabled();
    // Ingest runs on worker threads with their own connections; an in-memory SQLite database
    // cannot be shared between connections, so it ingests on the request thread.
    ingest =
      config.ingestThreads > 0 && handle.sqlitePath !== ':memory:'
        ? new IngestPool({
            threads: config.ingestThreads,
            writeLock,
            database: { ...database, poolSize: 2, autoCheckpoint: false },
            maxBatch: config.maxBatch,
            scanSettings: scanning.settings(),
            disabledClients: [...clients.disabled()],
            onStored: () => s.search.poke(),
            onError: (message) => log?.error(message),
          })
        : inlineIngestor(new IngestService(store, { maxBatch: config.maxBatch, scanning, disabledClients }));
    const pool = ingest;
    scanning.onChange((settings) => pool.configure(settings));
    clients.onChange((disabled) => pool.configureClients(disabled));
    const small = new IngestService(store, { maxBatch: 1000, scanning, disabledClients });
    const decisions = new DecisionService(small, denyRules, guard, kills, store);
    const hooks = new HookService(small, decisions);
    const hermesWebhooks = new HermesWebhookService(small, decisions, store.webhookDeliveries, config.hermesWebhookSecret ?? (process.env.VIGIL_HERMES_WEBHOOK_SECRET || undefined));
    const sso = ssoConfig ? new SsoService(store, ssoConfig) : undefined;
    const app = buildApp(
      { auth, ingest, sessions: new SessionService(store), store, hooks, otlp: new OtlpService(small, store), scanning, audit: new AuditService(store), mcp: new McpService(store, scanning), guard, kills, decisions, clients, insights: new InsightsService(store), tokens: new TokenService(store), retention, users: new UserService(store), device: new DeviceService(store), enrolment: new EnrolmentService(store), sso, privacy, hermesWebhooks },
      { bodyLimit: config.bodyLimit, logger: { level: config.logLevel } },
    );
    log = app.log;
    for (const w of startupWarnings) log.warn(w);
    // Discovered at start so a wrong issuer shows in the log now; an unreachable one is tried again at the first sign-in.
    if (sso) await sso.discover().catch((err: Error) => log?.warn(`${err.message}; trying again at the first sign-in`));
    await app.listen({ host: config.host, port: config.port });
    retention.start();
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    const i = ingest;
    let closing: Promise<void> | undefined;
    return {
      url: `http://${host}:${port}`,
      app,
      store: s,
      firstAdminToken,
      close: () => (closing ??= retention.stop().then(() => app.close()).then(() => i.close()).then(() => s.close())),
    };
  } catch (err) {
    await ingest?.close().catch(() => {});
    // The store's search indexer thread too: left running, it would keep the process alive.
    await (store ? store.close() : handle.close()).catch(() => {});
    throw err;
  }
}
