import type { Kysely } from 'kysely';
import { EventRepository } from './event.repository.js';
import { SessionRepository } from './session.repository.js';
import { TokenRepository } from './token.repository.js';
import type { Database, Dialect } from './schema.js';
import type { DatabaseHandle } from './database.js';

/** All I/O of the server goes through these repositories. */
export interface Repositories {
  events: EventRepository;
  sessions: SessionRepository;
  tokens: TokenRepository;
}

export interface Store extends Repositories {
  dialect: Dialect;
  location: string;
  /** Runs `fn` in one transaction with repositories bound to it. */
  transaction<T>(fn: (repos: Repositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function bind(db: Kysely<Database>, dialect: Dialect): Repositories {
  return {
    events: new EventRepository(db, dialect),
    sessions: new SessionRepository(db, dialect),
    tokens: new TokenRepository(db),
  };
}

export function createStore(handle: DatabaseHandle): Store {
  return {
    ...bind(handle.db, handle.dialect),
    dialect: handle.dialect,
    location: handle.location,
    transaction: (fn) => handle.db.transaction().execute((tx) => fn(bind(tx, handle.dialect))),
    close: () => handle.close(),
  };
}
