import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULTS, startServer, type RunningServer } from '@vigil/server';

/** A real Vigil server on a fresh embedded store, with a known admin token. */
export async function startConsoleServer(adminToken: string, over: { dataDir?: string; ingestThreads?: number } = {}): Promise<{ server: RunningServer; api: Api; close(): Promise<void> }> {
  const dataDir = over.dataDir ?? mkdtempSync(join(tmpdir(), 'vigil-console-'));
  const server = await startServer({ ...DEFAULTS, port: 0, dataDir, adminToken, logLevel: 'silent', ingestThreads: over.ingestThreads ?? 0 });
  return {
    server,
    api: api(server.url, adminToken),
    close: async () => {
      await server.close();
      if (!over.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Api = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;

export function api(baseUrl: string, token: string): Api {
  return async (method, path, body) => {
    const r = await fetch(baseUrl + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };
}

/** A canonical event with the fields every test repeats. */
export function ev(over: Record<string, unknown>): Record<string, unknown> {
  return { client: 'claude-code', capture: 'hook', kind: 'notification', ...over };
}
