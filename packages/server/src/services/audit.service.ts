import type { AuditEntry } from '../repositories/audit.repository.js';
import type { Store } from '../repositories/store.js';
import { badRequest } from './errors.js';

const MAX_LIMIT = 500;

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `before` for the next (older) page; null at the end. */
  next: number | null;
}

/** Reading the audit log: filters by action, actor, resource and time, newest first. */
export class AuditService {
  constructor(private readonly store: Store) {}

  async list(q: Record<string, string | undefined>): Promise<AuditPage> {
    const int = (name: string): number | undefined => {
      const v = q[name];
      if (v === undefined || v === '') return undefined;
      if (!/^\d{1,16}$/.test(v)) throw badRequest(`${name} must be a non-negative integer`);
      return Number(v);
    };
    for (const k of Object.keys(q)) {
      if (!['action', 'actor', 'resource', 'from', 'to', 'before', 'limit'].includes(k)) throw badRequest(`unknown query parameter "${k}"; known: action, actor, resource, from, to (epoch ms), before, limit`);
    }
    const limit = Math.min(int('limit') ?? 100, MAX_LIMIT);
    if (limit < 1) throw badRequest('limit must be at least 1');
    const entries = await this.store.audit.list({ action: q.action, actor: q.actor, resource: q.resource, from_ms: int('from'), to_ms: int('to'), before: int('before'), limit: limit + 1 });
    const more = entries.length > limit;
    if (more) entries.pop();
    return { entries, next: more ? entries[entries.length - 1]!.id : null };
  }
}
