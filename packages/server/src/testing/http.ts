// The real server over HTTP for tests: one on a fresh database of the given engine, and a client
// that calls it with a bearer token and JSON. Not exported from testing/index.ts: no other
// package needs it.
import { startServer, type RunningServer } from '../server.js';
import { DEFAULTS, type ServerConfig } from '../config.js';
import type { Dialect } from '../repositories/schema.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

export interface TestServer {
  db: TestDatabase;
  /** The server close() closes: a test that restarts it puts the new one here. */
  server: RunningServer;
  readonly url: string;
  /** Another server on the same database, with this one's config and `over`; the caller closes it. */
  start(over?: Partial<ServerConfig>): Promise<RunningServer>;
  /** Closes the server, then drops the database. */
  close(): Promise<void>;
}

/** A server on a port of its own and a fresh database, silent, with `config` over the defaults. */
export async function testServer(engine: Dialect, config: Partial<ServerConfig> = {}): Promise<TestServer> {
  const db = await createTestDatabase(engine);
  const start = (over: Partial<ServerConfig> = {}) =>
    startServer({ ...DEFAULTS, port: 0, dataDir: db.dataDir, databaseUrl: db.url, logLevel: 'silent', ...config, ...over });
  let server: RunningServer;
  try {
    server = await start();
  } catch (err) {
    await db.drop();
    throw err;
  }
  const t: TestServer = {
    db,
    server,
    get url() {
      return t.server.url;
    },
    start,
    async close() {
      try {
        await t.server.close();
      } finally {
        await db.drop();
      }
    },
  };
  return t;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response says it is JSON, else the text; null when empty. */
  body: any;
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** Calls the server at `url()` as `token`, unless `headers` say otherwise ({} for no credentials). */
export function apiClient(url: () => string, token: string) {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = bearer(token)): Promise<ApiResponse> => {
    const r = await fetch(url() + path, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    const json = r.headers.get('content-type')?.startsWith('application/json');
    return { status: r.status, headers: r.headers, body: text === '' ? null : json ? JSON.parse(text) : text };
  };
  return {
    call,
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => call('POST', path, body, headers),
  };
}
