import type { AuditEntry, AuditPage } from '@vigil/core';
import { entryHash } from '../repositories/audit.repository.js';
import type { Store } from '../repositories/store.js';
import { badRequest } from './errors.js';

const MAX_LIMIT = 500;
const EXPORT_MAX = 1_000_000;

/** RFC 4180 quoting, and no cell a spreadsheet would evaluate (=, +, -, @, tab, CR first). */
export function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(/"/g, '""')}"`;
}

export interface AuditProblem {
  id: number;
  problem: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** The last entry: publish its hash elsewhere to detect a rewrite of the whole tail later. */
  head: { id: number; hash: string } | null;
  problems: AuditProblem[];
}

const PROBLEMS_MAX = 50;

/** Walks the chain from the first entry and names every entry whose content or link does not check out. */
export async function verifyAudit(store: Store): Promise<AuditVerification> {
  const anchor = await store.settings.get(ANCHOR_KEY);
  let expectedPrev = (anchor?.value as { hash?: string } | undefined)?.hash ?? '';
  let prevId: number | null = (anchor?.value as { id?: number } | undefined)?.id ?? null;
  const problems: AuditProblem[] = [];
  let entries = 0;
  let head: AuditVerification['head'] = null;
  let after = 0;
  for (;;) {
    const rows = await store.audit.chain(after, 1000);
    if (rows.length === 0) break;
    for (const r of rows) {
      entries++;
      if (r.prev_hash !== expectedPrev) {
        const before = prevId === null ? 'the start of the log' : `entry ${prevId}`;
        problems.push({ id: r.id, problem: `entry ${r.id} does not link to ${before}: an entry between them was deleted, or this entry's link was altered` });
      }
      if (entryHash(r) !== r.hash) {
        problems.push({ id: r.id, problem: `entry ${r.id} (${r.action} on ${r.resource} at ${new Date(r.time_ms).toISOString()}) was altered: its content does not match its hash` });
      }
      expectedPrev = r.hash;
      prevId = r.id;
      head = { id: r.id, hash: r.hash };
      after = r.id;
    }
    if (problems.length >= PROBLEMS_MAX) break;
  }
  return { ok: problems.length === 0, entries, head, problems: problems.slice(0, PROBLEMS_MAX) };
}

/** Where the chain starts once old entries are purged: the last purged entry's id and hash. */
export const ANCHOR_KEY = 'audit_anchor';

/** Reading the audit log: filters by action, actor, resource and time, newest first. */
export class AuditService {
  constructor(private readonly store: Store) {}

  /**
   * Every entry matching the filters, oldest first, as JSON Lines or CSV; the export itself is
   * audited. CSV cells that a spreadsheet would run as a formula are prefixed with a quote.
   */
  async export(q: Record<string, string | undefined>, actor: string, nowMs: number = Date.now()): Promise<{ type: string; body: string; entries: number }> {
    const { format, ...filters } = q;
    if (format !== 'jsonl' && format !== 'csv') throw badRequest('format must be jsonl or csv');
    const all: AuditEntry[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await this.list({ ...filters, limit: String(MAX_LIMIT), ...(before ? { before } : {}) });
      all.push(...page.entries);
      if (page.next === null || all.length >= EXPORT_MAX) break;
      before = String(page.next);
    }
    all.reverse();
    await this.store.audit.append({ time_ms: nowMs, actor, action: 'audit.export', resource: 'audit', details: { format, filters, entries: all.length } });
    if (format === 'jsonl') return { type: 'application/x-ndjson; charset=utf-8', body: all.map((e) => JSON.stringify(e)).join('\n') + (all.length ? '\n' : ''), entries: all.length };
    const rows = [['id', 'time', 'actor', 'action', 'resource', 'details'], ...all.map((e) => [String(e.id), new Date(e.time_ms).toISOString(), e.actor, e.action, e.resource, JSON.stringify(e.details)])];
    return { type: 'text/csv; charset=utf-8', body: rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n', entries: all.length };
  }

  async list(q: Record<string, string | undefined>): Promise<AuditPage> {
    const int = (name: string): number | undefined => {
      const v = q[name];
      if (v === undefined || v === '') return undefined;
      if (!/^\d{1,16}$/.test(v)) throw badRequest(`${name} must be a non-negative integer`);
      return Number(v);
    };
    for (const k of Object.keys(q)) {
      if (!['action', 'actor', 'resource', 'client', 'from', 'to', 'before', 'limit'].includes(k)) throw badRequest(`unknown query parameter "${k}"; known: action, actor, resource, client, from, to (epoch ms), before, limit`);
    }
    const limit = Math.min(int('limit') ?? 100, MAX_LIMIT);
    if (limit < 1) throw badRequest('limit must be at least 1');
    const entries = await this.store.audit.list({ action: q.action, actor: q.actor, resource: q.resource, client: q.client, from_ms: int('from'), to_ms: int('to'), before: int('before'), limit: limit + 1 });
    const more = entries.length > limit;
    if (more) entries.pop();
    return { entries, next: more ? entries[entries.length - 1]!.id : null };
  }
}
