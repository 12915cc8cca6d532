import { badRequest } from './errors.js';

// Query-string parameters as the API reads them: each given once, times as ISO 8601 or epoch ms.

export type Query = Record<string, unknown>;

export function one(q: Query, key: string): string | undefined {
  const v = q[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw badRequest(`${key} must be given once`);
  if (v.includes('\0')) throw badRequest(`${key} must not contain NUL`);
  return v;
}

export function parseTime(v: string | undefined, key: string): number | undefined {
  if (v === undefined) return undefined;
  const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(ms)) throw badRequest(`${key} must be an ISO 8601 date-time or epoch milliseconds`);
  return ms;
}
