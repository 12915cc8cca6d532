import type { Kysely } from 'kysely';
import { EventRepository } from './event.repository.js';
import { SessionRepository } from './session.repository.js';
import { TokenRepository } from './token.repository.js';
import { UsageRepository } from './usage.repository.js';
import { SettingsRepository } from './settings.repository.js';
import { AuditRepository } from './audit.repository.js';
import { McpRepository } from './mcp.repository.js';
import { KillRepository } from './kill.repository.js';
import { WebSessionRepository } from './web-session.repository.js';
import { UserRepository } from './user.repository.js';
import { RevealRepository } from './reveal.repository.js';
import { WebhookDeliveryRepository } from './webhook-delivery.repository.js';
import { InsightsRepository } from './insights.repository.js';
import { RetentionRepository } from './retention.repository.js';
import { DeviceRepository } from './device.repository.js';
import type { Database, Dialect } from './schema.js';
import type { DatabaseHandle } from './database.js';
import type SQLite from 'better-sqlite3';
import { createSearchControl, noSearchUpkeep, type SearchControl } from './search.js';
import { WriteLock, type SharedLock } from './write-lock.js';

/** All I/O of the server goes through these repositories. */
export interface Repositories {
  events: EventRepository;
  sessions: SessionRepository;
  tokens: TokenRepository;
  usage: UsageRepository;
  settings: SettingsRepository;
  audit: AuditRepository;
  mcp: McpRepository;
  kills: KillRepository;
  webSessions: WebSessionRepository;
  users: UserRepository;
  reveals: RevealRepository;
  webhookDeliveries: WebhookDeliveryRepository;
  insights: InsightsRepository;
  retention: RetentionRepository;
  devices: DeviceRepository;
}

export interface Store extends Repositories {
  dialect: Dialect;
  search: SearchControl;
  location: string;
  /** Runs `fn` in one transaction with repositories bound to it. */
  transaction<T>(fn: (repos: Repositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function bind(db: Kysely<Database>, dialect: Dialect, sqlite?: SQLite.Database): Repositories {
  return {
    events: new EventRepository(db, dialect, sqlite),
    sessions: new SessionRepository(db, dialect, sqlite),
    tokens: new TokenRepository(db),
    usage: new UsageRepository(db),
    settings: new SettingsRepository(db),
    audit: new AuditRepository(db, dialect),
    mcp: new McpRepository(db),
    kills: new KillRepository(db),
    webSessions: new WebSessionRepository(db),
    users: new UserRepository(db),
    reveals: new RevealRepository(db),
    webhookDeliveries: new WebhookDeliveryRepository(db),
    insights: new InsightsRepository(db),
    retention: new RetentionRepository(db, dialect),
    devices: new DeviceRepository(db),
  };
}

export interface StoreOptions {
  /** Index search text on a worker thread (SQLite); otherwise search.catchUp() does it inline. */
  backgroundSearch?: boolean;
  /** False for a second store on the same database (an ingest worker's): the first keeps the index. */
  searchUpkeep?: boolean;
  /**
   * SQLite connections of several threads writing one file share this lock: the indexer holds it
   * to rewind the WAL and, with `transactions`, so does every transaction of this store (only for
   * a thread that runs one transaction at a time: the lock is not re-entrant).
   */
  writeLock?: SharedLock & { transactions?: boolean };
}

export function createStore(handle: DatabaseHandle, opts: StoreOptions = {}): Store {
  const shared = handle.dialect === 'sqlite' ? opts.writeLock : undefined;
  const search = opts.searchUpkeep === false ? noSearchUpkeep : createSearchControl(handle, opts.backgroundSearch ?? false, shared ?? null);
  const repos = bind(handle.db, handle.dialect, handle.sqlite);
  const lock = shared?.transactions ? new WriteLock(shared.buffer, shared.owner) : undefined;
  const run = <T>(fn: (repos: Repositories) => Promise<T>) =>
    handle.db.transaction().execute((tx) => fn(handle.dialect === 'sqlite' ? { ...bind(tx, handle.dialect), events: repos.events, sessions: repos.sessions } : bind(tx, handle.dialect)));
  return {
    ...repos,
    dialect: handle.dialect,
    location: handle.location,
    search,
    // better-sqlite3 is synchronous and Kysely gives a transaction the only connection, so the
    // prepared statements inside run on the transaction's connection.
    transaction: lock
      ? async (fn) => {
          lock.acquire();
          try {
            return await run(fn);
          } finally {
            lock.release();
          }
        }
      : run,
    close: async () => {
      await search.close();
      await handle.close();
    },
  };
}
