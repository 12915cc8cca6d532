import { randomUUID } from 'node:crypto';
import { isValidId } from '@vigil/core';
import type { Store } from '../repositories/store.js';
import { can, ownSessionsOnly, readerKey, type Principal } from './access.js';
import { badRequest, notFound } from './errors.js';
import { SettingsDocument, type Validation } from './settings-document.js';

const KEY = 'privacy';
/** How long a reveal lasts. */
export const REVEAL_MS = 60 * 60_000;

export interface PrivacySettings {
  /** Workspace privacy: others' session content is redacted unless revealed with a reason. */
  enabled: boolean;
}

/**
 * What one reader may see of sessions: members only their own; with privacy on, others'
 * sessions without their content unless the reader revealed that session (with a reason, audited).
 */
export interface Reader {
  /** The only user whose sessions this reader sees (members), or null for all. */
  own: string | null;
  /** Whether the content of a session of `user` must be redacted for this reader. */
  redacts(sessionId: string, user: string | null): Promise<boolean>;
  /** Full-text search reads content: refused where it would search redacted sessions. */
  searchRefusal: string | null;
}

/** A reader that sees everything (tests, tools on the store itself). */
export const FULL_READER: Reader = { own: null, redacts: async () => false, searchRefusal: null };

export function validatePrivacySettings(input: unknown): Validation<PrivacySettings> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, errors: ['privacy settings must be an object: {"enabled": true | false}'] };
  const errors = Object.keys(input).filter((k) => k !== 'enabled').map((k) => `unknown key "${k}"; known: enabled`);
  const enabled = (input as { enabled?: unknown }).enabled;
  if (typeof enabled !== 'boolean') errors.push('"enabled" must be true or false');
  return errors.length > 0 ? { ok: false, errors } : { ok: true, settings: { enabled: enabled as boolean } };
}

export class PrivacyService {
  private readonly doc: SettingsDocument<PrivacySettings>;

  constructor(private readonly store: Store) {
    this.doc = new SettingsDocument(store, KEY, { enabled: false }, validatePrivacySettings);
  }

  load(): Promise<string[]> {
    return this.doc.load();
  }

  view() {
    return this.doc.view();
  }

  update(input: unknown, actor: string, nowMs: number = Date.now()) {
    return this.doc.update(input, actor, nowMs);
  }

  reader(p: Principal | undefined, nowMs: number = Date.now()): Reader {
    if (!p) return FULL_READER;
    const own = ownSessionsOnly(p);
    if (!this.doc.get().enabled) return { own, redacts: async () => false, searchRefusal: null };
    // One read of the reader's reveals per request, not one per session listed.
    let revealed: Promise<Set<string>> | undefined;
    return {
      own,
      redacts: async (sessionId, user) => {
        if (own !== null && user === own) return false;
        revealed ??= this.store.reveals.activeFor(readerKey(p), nowMs);
        return !(await revealed).has(sessionId);
      },
      searchRefusal: own === null ? 'full-text search reads session content, which workspace privacy keeps from you; filter by user, client, device, tool or decision instead' : null,
    };
  }

  /** Reveals one session's content to the caller for REVEAL_MS, for the reason given; audited. */
  async reveal(sessionId: string, body: unknown, p: Principal, actor: string, nowMs: number = Date.now()): Promise<{ session_id: string; expires_ms: number }> {
    if (!isValidId(sessionId) || !(await this.store.sessions.get(sessionId))) throw notFound(`no session with id ${JSON.stringify(sessionId)}`);
    if (!can(p, 'sessions:reveal')) throw badRequest('you may not reveal session content');
    const b = body as { reason?: unknown } | null;
    if (typeof b !== 'object' || b === null || Array.isArray(b)) throw badRequest('body must be {"reason": "..."}');
    for (const k of Object.keys(b)) if (k !== 'reason') throw badRequest(`unknown field "${k}"; known: reason`);
    const reason = typeof b.reason === 'string' ? b.reason.trim() : '';
    if (reason.length < 10 || reason.length > 1000) throw badRequest('"reason" must say why, in 10 to 1,000 characters (it is kept in the audit log)');
    const expires_ms = nowMs + REVEAL_MS;
    await this.store.transaction(async (repos) => {
      await repos.reveals.insert({ id: randomUUID(), session_id: sessionId, reader: readerKey(p), reason, created_ms: nowMs, expires_ms });
      await repos.audit.append({ time_ms: nowMs, actor, action: 'session.reveal', resource: `session/${sessionId}`, details: { reason, expires_ms } });
    });
    return { session_id: sessionId, expires_ms };
  }
}
