// The one way the app talks to the server: same-origin cookies, CSRF header on writes,
// JSON errors turned into ApiError, and a 401 anywhere sends the user to sign in.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrf = '';
let unauthorized: (() => void) | null = null;

export function setCsrf(token: string): void {
  csrf = token;
}

export function onUnauthorized(fn: (() => void) | null): void {
  unauthorized = fn;
}

export type Query = Record<string, string | number | null | undefined>;

/** Builds `path?query`, leaving out empty values (an empty form field means "no filter"). */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Sign-in and the session check handle 401 themselves. */
  noRedirect?: boolean;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') {
    headers['x-vigil-csrf'] = csrf;
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(withQuery(path, opts.query), {
    method,
    credentials: 'same-origin',
    headers,
    body: opts.body === undefined ? (method === 'GET' ? undefined : '{}') : JSON.stringify(opts.body),
    signal: opts.signal,
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const err = errorOf(json);
    if (res.status === 401 && !opts.noRedirect) unauthorized?.();
    throw new ApiError(res.status, err?.message ?? `${res.status} ${res.statusText || 'request failed'}`, err?.code, err?.details);
  }
  if (json === undefined) throw new ApiError(res.status, 'the server answered with something that is not JSON');
  return json as T;
}

function errorOf(json: unknown): { message?: string; code?: string; details?: unknown } | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const e = (json as { error?: unknown }).error;
  if (typeof e !== 'object' || e === null) return undefined;
  const { message, code, details } = e as Record<string, unknown>;
  return {
    message: typeof message === 'string' ? message : undefined,
    code: typeof code === 'string' ? code : undefined,
    details,
  };
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  post: <T>(path: string, body: unknown) => request<T>('POST', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
};

export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

export const isAbort = (err: unknown): boolean => err instanceof DOMException && err.name === 'AbortError';
