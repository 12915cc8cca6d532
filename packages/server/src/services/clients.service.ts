import { CLIENTS } from '@vigil/core';
import type { Store } from '../repositories/store.js';
import { SettingsDocument } from './settings-document.js';

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
  private readonly doc: SettingsDocument<ClientSettings>;
  private set: ReadonlySet<string> = new Set();

  constructor(store: Store) {
    this.doc = new SettingsDocument(store, KEY, { disabled: [] }, validateClientSettings);
    this.doc.onChange((s) => (this.set = new Set(s.disabled)));
  }

  load(): Promise<string[]> {
    return this.doc.load();
  }

  disabled(): ReadonlySet<string> {
    return this.set;
  }

  onChange(fn: (disabled: readonly string[]) => void): void {
    this.doc.onChange((s) => fn(s.disabled));
  }

  view(): ClientsView {
    return { ...this.doc.view(), clients: CLIENTS };
  }

  async update(input: unknown, actor: string, nowMs: number = Date.now()): Promise<ClientsView> {
    await this.doc.update(input, actor, nowMs);
    return this.view();
  }
}
