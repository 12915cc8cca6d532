import type { Store } from '../repositories/store.js';
import { badRequest } from './errors.js';

export type Validation<T> = { ok: true; settings: T } | { ok: false; errors: string[] };

export interface SettingsView<T> {
  settings: T;
  updated_ms: number | null;
  updated_by: string | null;
}

/**
 * One settings document (a key of the settings table): validated, stored, audited as
 * settings.update with before and after, and handed to listeners. The services that own a
 * document (AgentGuard, clients, privacy, retention) keep one of these.
 */
export class SettingsDocument<T> {
  private value: T;
  private meta: { updated_ms: number | null; updated_by: string | null } = { updated_ms: null, updated_by: null };
  private readonly listeners: ((v: T) => void)[] = [];

  constructor(
    private readonly store: Store,
    readonly key: string,
    defaults: T,
    private readonly validate: (input: unknown) => Validation<T>,
  ) {
    this.value = defaults;
  }

  /** Loads the stored document; returns its errors when it no longer validates (defaults stay). */
  async load(): Promise<string[]> {
    const row = await this.store.settings.get(this.key);
    if (!row) return [];
    const r = this.validate(row.value);
    if (!r.ok) return r.errors;
    this.value = r.settings;
    this.meta = { updated_ms: row.updated_ms, updated_by: row.updated_by };
    for (const fn of this.listeners) fn(r.settings);
    return [];
  }

  get(): T {
    return this.value;
  }

  view(): SettingsView<T> {
    return { settings: this.value, ...this.meta };
  }

  onChange(fn: (v: T) => void): void {
    this.listeners.push(fn);
  }

  /** Replaces the document (a 400 naming every mistake), stores and audits the change, applies it. */
  async update(input: unknown, actor: string, nowMs: number = Date.now()): Promise<SettingsView<T>> {
    const r = this.validate(input);
    if (!r.ok) throw badRequest(`${this.key} settings are not valid: ${r.errors.join('; ')}`, r.errors);
    const before = this.value;
    await this.store.transaction(async (repos) => {
      await repos.settings.put(this.key, r.settings, actor, nowMs);
      await repos.audit.append({ time_ms: nowMs, actor, action: 'settings.update', resource: `settings/${this.key}`, details: { before, after: r.settings } });
    });
    this.value = r.settings;
    this.meta = { updated_ms: nowMs, updated_by: actor };
    for (const fn of this.listeners) fn(r.settings);
    return this.view();
  }
}
