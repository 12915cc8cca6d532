import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './http/app.js';
import { migrate, openDatabase } from './repositories/database.js';
import { createStore, type Store } from './repositories/store.js';
import { AuthService } from './services/auth.service.js';
import { IngestService } from './services/ingest.service.js';
import { SessionService } from './services/session.service.js';
import type { ServerConfig } from './config.js';

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
  const handle = openDatabase({ url: config.databaseUrl, sqlitePath: join(config.dataDir, 'vigil.db') });
  let store: Store | undefined;
  try {
    await migrate(handle);
    store = createStore(handle, { backgroundSearch: true });
    const auth = new AuthService(store);
    const firstAdminToken = await auth.bootstrap(config.adminToken);
    const app = buildApp(
      { auth, ingest: new IngestService(store, { maxBatch: config.maxBatch }), sessions: new SessionService(store), store },
      { bodyLimit: config.bodyLimit, logger: { level: config.logLevel } },
    );
    await app.listen({ host: config.host, port: config.port });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    const s = store;
    let closing: Promise<void> | undefined;
    return {
      url: `http://${host}:${port}`,
      app,
      store: s,
      firstAdminToken,
      close: () => (closing ??= app.close().then(() => s.close())),
    };
  } catch (err) {
    await handle.close().catch(() => {});
    throw err;
  }
}
