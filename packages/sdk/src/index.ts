// A small client for the Vigil API: custom agents send canonical events with it, and the
// benchmarks and tests use it too. Depends only on global fetch (Node 20+, browsers).
import type { SessionRecord, VigilEvent } from '@vigil/core';

export type EventInput = Omit<VigilEvent, 'id' | 'time'> & { id?: string; time?: string | number };

export interface IngestResult {
  accepted: string[];
  duplicates: string[];
  rejected: { index: number; id?: string; errors: string[] }[];
}

export interface SessionPage {
  sessions: SessionRecord[];
  next_cursor: string | null;
}

export interface SessionDetail {
  session: SessionRecord;
  timeline: VigilEvent[];
  next_cursor: string | null;
}

export interface ClientOptions {
  url: string;
  token: string;
  fetch?: typeof fetch;
}

export class VigilError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown,
  ) {
    super(`${status} ${code}: ${message}`);
  }
}

type Params = Record<string, string | number | boolean | undefined>;

export class VigilClient {
  private readonly base: string;
  private readonly fetch: typeof fetch;

  constructor(private readonly opts: ClientOptions) {
    this.base = opts.url.replace(/\/+$/, '');
    this.fetch = opts.fetch ?? globalThis.fetch;
  }

  /** Sends a batch; resolves for 200 and 207 (inspect `rejected`), throws VigilError otherwise. */
  async send(events: EventInput[]): Promise<IngestResult> {
    const res = await this.fetch(`${this.base}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.opts.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ schema_version: 1, events }),
    });
    const body = (await res.json().catch(() => null)) as IngestResult | { error?: { code: string; message: string } } | null;
    if (res.status === 200 || res.status === 207) return body as IngestResult;
    throw this.error(res.status, body);
  }

  listSessions(params: Params = {}): Promise<SessionPage> {
    return this.get('/v1/sessions', params);
  }

  getSession(id: string, params: Params = {}): Promise<SessionDetail> {
    return this.get(`/v1/sessions/${encodeURIComponent(id)}`, params);
  }

  private async get<T>(path: string, params: Params): Promise<T> {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined) qs.set(k, String(v));
    const q = qs.toString();
    const res = await this.fetch(`${this.base}${path}${q ? `?${q}` : ''}`, { headers: { authorization: `Bearer ${this.opts.token}` } });
    const body = await res.json().catch(() => null);
    if (res.ok) return body as T;
    throw this.error(res.status, body);
  }

  private error(status: number, body: unknown): VigilError {
    const e = (body as { error?: { code?: string; message?: string } } | null)?.error;
    return new VigilError(status, e?.code ?? 'http_error', e?.message ?? 'request failed', body);
  }
}
