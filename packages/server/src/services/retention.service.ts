import type { Store } from '../repositories/store.js';
import { SettingsDocument } from './settings-document.js';
import { ANCHOR_KEY } from './audit.service.js';

const KEY = 'retention';
const DAY_MS = 86_400_000;
const MAX_DAYS = 3650;

export interface RetentionSettings {
  /** Sessions whose last activity is older than this many days are deleted with all their rows. */
  sessions_days: number;
  /** Audit entries older than this many days are deleted (oldest first, the chain re-anchored). */
  audit_days: number;
}

export const DEFAULT_RETENTION: RetentionSettings = { sessions_days: 30, audit_days: 365 };

export interface RetentionView {
  settings: RetentionSettings;
  updated_ms: number | null;
  updated_by: string | null;
}

export interface PurgeResult {
  cutoff_ms: number;
  sessions: number;
  events: number;
}

export interface RetentionOptions {
  /** Sessions picked per batch; their events go in transactions of at most `eventsPerBatch`. */
  sessionsPerBatch?: number;
  eventsPerBatch?: number;
  /** Pause between transactions, so ingest and queries get the store in between. */
  pauseMs?: number;
  firstRunMs?: number;
  everyMs?: number;
  onPurge?: (r: PurgeResult) => void;
  onError?: (err: unknown) => void;
}

export function validateRetentionSettings(input: unknown): { ok: true; settings: RetentionSettings } | { ok: false; errors: string[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, errors: ['settings must be an object: {"sessions_days": 1-3650, "audit_days": 30-3650}'] };
  const v = input as Record<string, unknown>;
  const errors: string[] = [];
  for (const k of Object.keys(v)) if (k !== 'sessions_days' && k !== 'audit_days') errors.push(`unknown key "${k}"; known: sessions_days, audit_days`);
  const days = v.sessions_days === undefined ? DEFAULT_RETENTION.sessions_days : v.sessions_days;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_DAYS) errors.push(`sessions_days must be a whole number of days from 1 to ${MAX_DAYS}, got ${JSON.stringify(days)}`);
  const audit = v.audit_days === undefined ? DEFAULT_RETENTION.audit_days : v.audit_days;
  // The audit log must outlive the sessions it refers to.
  if (typeof audit !== 'number' || !Number.isInteger(audit) || audit < 30 || audit > MAX_DAYS) errors.push(`audit_days must be a whole number of days from 30 to ${MAX_DAYS}, got ${JSON.stringify(audit)}`);
  else if (typeof days === 'number' && audit < days) errors.push(`audit_days (${audit}) must be at least sessions_days (${days}): audit entries outlive the sessions they name`);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, settings: { sessions_days: days as number, audit_days: audit as number } };
}

/**
 * Retention: sessions are operational data, deleted with all their rows once their last activity
 * is older than `sessions_days`. Runs shortly after start and then hourly, in small transactions
 * with a pause between them so ingest never waits long. Audit entries are never deleted here.
 */
export class RetentionService {
  private readonly doc: SettingsDocument<RetentionSettings>;
  private readonly o: Required<Omit<RetentionOptions, 'onPurge' | 'onError'>> & RetentionOptions;
  private timers: NodeJS.Timeout[] = [];
  private running: Promise<PurgeResult> | null = null;
  private stopping = false;

  constructor(
    private readonly store: Store,
    opts: RetentionOptions = {},
  ) {
    this.doc = new SettingsDocument(store, KEY, DEFAULT_RETENTION, validateRetentionSettings);
    this.o = { sessionsPerBatch: 500, eventsPerBatch: 5000, pauseMs: 10, firstRunMs: 60_000, everyMs: 3_600_000, ...opts };
  }

  load(): Promise<string[]> {
    return this.doc.load();
  }

  settings(): RetentionSettings {
    return this.doc.get();
  }

  view(): RetentionView {
    return this.doc.view();
  }

  update(input: unknown, actor: string, nowMs: number = Date.now()): Promise<RetentionView> {
    return this.doc.update(input, actor, nowMs);
  }

  /** Runs the job shortly after start, then every `everyMs`; timers do not keep the process alive. */
  start(): void {
    const tick = () => {
      if (this.running || this.stopping) return;
      this.runOnce().then((r) => {
        if (r.sessions > 0 || r.events > 0) this.o.onPurge?.(r);
      }, (err: unknown) => this.o.onError?.(err));
    };
    this.timers.push(setTimeout(tick, this.o.firstRunMs).unref(), setInterval(tick, this.o.everyMs).unref());
  }

  /** Stops the timers; a run in progress ends after its current transaction. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    await this.running?.catch(() => {});
  }

  /** One run: deletes every session last seen before now − sessions_days. Audited when it deleted anything. */
  runOnce(nowMs: number = Date.now()): Promise<PurgeResult> {
    const run = this.purge(nowMs - this.doc.get().sessions_days * DAY_MS, nowMs).finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  private async purge(cutoffMs: number, nowMs: number): Promise<PurgeResult> {
    const { store, o } = this;
    const out: PurgeResult = { cutoff_ms: cutoffMs, sessions: 0, events: 0 };
    const pause = () => new Promise((r) => setTimeout(r, o.pauseMs));
    while (!this.stopping) {
      const ids = (await store.retention.expired(cutoffMs, o.sessionsPerBatch)).map((s) => s.id);
      if (ids.length === 0) break;
      // The events first, a bounded number per transaction (a session may hold many thousands)...
      for (;;) {
        const r = await store.transaction((repos) => repos.retention.deleteEvents(ids, cutoffMs, o.eventsPerBatch));
        out.events += r.ords.length;
        store.search.forget(r.ords);
        await pause();
        if ((r.ords.length < o.eventsPerBatch && r.searchRows < o.eventsPerBatch) || this.stopping) break;
      }
      if (this.stopping) break;
      // ...then the sessions, with their other rows.
      const gone = await store.transaction((repos) => repos.retention.deleteSessions(ids, cutoffMs));
      out.sessions += gone.length;
      // None could go (all came back to life meanwhile): stop rather than pick them again.
      if (gone.length === 0) break;
      await pause();
    }
    await store.transaction((repos) => repos.retention.deleteOrphanUsage(cutoffMs));
    if (out.sessions > 0 || out.events > 0) {
      await store.transaction((repos) => repos.audit.append({ time_ms: nowMs, actor: 'retention', action: 'retention.purge', resource: 'sessions', details: { ...out } }));
    }
    if (!this.stopping) await this.purgeAudit(nowMs - this.doc.get().audit_days * DAY_MS, nowMs);
    return out;
  }

  /**
   * Audit entries past `audit_days`, oldest first. The last one deleted becomes the chain's anchor
   * (setting `audit_anchor`), so `vigil audit verify` checks the rest from it; the purge is audited.
   */
  private async purgeAudit(cutoffMs: number, nowMs: number): Promise<void> {
    await this.store.transaction(async (repos) => {
      const r = await repos.audit.purgeBefore(cutoffMs);
      if (!r.anchor) return;
      await repos.settings.put(ANCHOR_KEY, r.anchor, 'retention', nowMs);
      await repos.audit.append({ time_ms: nowMs, actor: 'retention', action: 'audit.purge', resource: 'audit', details: { cutoff_ms: cutoffMs, entries: r.deleted, through_id: r.anchor.id, anchor_hash: r.anchor.hash } });
    });
  }
}
