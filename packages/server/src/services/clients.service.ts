import { CLIENTS } from '@vigil/core';
import type { Store } from '../repositories/store.js';
import { badRequest } from './errors.js';

const KEY = 'clients';

export interface ClientSettings {
  /** Clients whose events are not stored: their hooks are answered "allow", their batches listed as ignored. */
  disabled: string[];
}

export interface ClientsView {
  settings: ClientSettings;
  updated_ms: number | null;
  updated_by: string | null;
  clients: readonly string[];
}

export function validateClientSettings(input: unknown): { ok: true; settings: ClientSettings } | { ok: false; errors: string[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, errors: ['settings must be an object: {"disabled": [client, ...]}'] };
  const errors: string[] = [];
  const v = input as Record<string, unknown>;
  for (const k of Object.keys(v)) if (k !== 'disabled') errors.push(`unknown key "${k}"; known: disabled`);
  const disabled = v.disabled ?? [];
  if (!Array.isArray(disabled)) errors.push('disabled must be an array of client names');
  else disabled.forEach((c, i) => {
    if (!(CLIENTS as readonly unknown[]).includes(c)) errors.push(`disabled[${i}]: ${JSON.stringify(c)} is not a client; known: ${CLIENTS.join(', ')}`);
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, settings: { disabled: [...new Set(disabled as string[])].sort() } };
}

/** Per-client enablement: which clients' events Vigil stores. Audited, applied on every ingest thread. */
export class ClientsService {
  private current: ClientSettings = { disabled: [] };
  private set: ReadonlySet<string> = new Set();
  private meta: { updated_ms: number | null; updated_by: string | null } = { updated_ms: null, updated_by: null };
  private readonly listeners: ((disabled: readonly string[]) => void)[] = [];

  constructor(private readonly store: Store) {}

  async load(): Promise<void> {
    const row = await this.store.settings.get(KEY);
    if (!row) return;
    const r = validateClientSettings(row.value);
    if (!r.ok) return;
    this.apply(r.settings);
    this.meta = { updated_ms: row.updated_ms, updated_by: row.updated_by };
  }

  private apply(s: ClientSettings): void {
    this.current = s;
    this.set = new Set(s.disabled);
    for (const fn of this.listeners) fn(s.disabled);
  }

  disabled(): ReadonlySet<string> {
    return this.set;
  }

  onChange(fn: (disabled: readonly string[]) => void): void {
    this.listeners.push(fn);
  }

  view(): ClientsView {
    return { settings: this.current, ...this.meta, clients: CLIENTS };
  }

  async update(input: unknown, actor: string, nowMs: number = Date.now()): Promise<ClientsView> {
    const r = validateClientSettings(input);
    if (!r.ok) throw badRequest(`client settings are not valid: ${r.errors.join('; ')}`, r.errors);
    const before = this.current;
    await this.store.transaction(async (repos) => {
      await repos.settings.put(KEY, r.settings, actor, nowMs);
      await repos.audit.append({ time_ms: nowMs, actor, action: 'settings.update', resource: `settings/${KEY}`, details: { before, after: r.settings } });
    });
    this.meta = { updated_ms: nowMs, updated_by: actor };
    this.apply(r.settings);
    return this.view();
  }
}
