import { ALL_SCANNERS, ScanEngine, DEFAULT_SCAN_SETTINGS, validateScanSettings, warmUp, type ScanSettings } from '@vigil/scanners';
import type { Store } from '../repositories/store.js';
import { badRequest } from './errors.js';

const KEY = 'scanning';

export interface ScanningView {
  settings: ScanSettings;
  updated_ms: number | null;
  updated_by: string | null;
  scanners: { id: string; version: string; stages: readonly string[] }[];
}

/**
 * The scanning settings and the engine built from them. Changes come from the API or a config
 * file at start; each is validated, stored, audited, and handed to whoever runs scans elsewhere
 * (the ingest workers).
 */
export class ScanningService {
  private current: ScanEngine;
  private meta: { updated_ms: number | null; updated_by: string | null } = { updated_ms: null, updated_by: null };
  private readonly listeners: ((s: ScanSettings) => void)[] = [];

  constructor(private readonly store: Store) {
    this.current = new ScanEngine(ALL_SCANNERS, DEFAULT_SCAN_SETTINGS);
    warmUp(this.current);
  }

  /** Loads the stored settings (if any). A stored document that no longer validates is reported, and defaults apply. */
  async load(): Promise<string[]> {
    const row = await this.store.settings.get(KEY);
    if (!row) return [];
    const r = validateScanSettings(row.value, ALL_SCANNERS);
    if (!r.ok) return r.errors;
    this.current = new ScanEngine(ALL_SCANNERS, r.settings);
    this.meta = { updated_ms: row.updated_ms, updated_by: row.updated_by };
    return [];
  }

  engine(): ScanEngine {
    return this.current;
  }

  settings(): ScanSettings {
    return this.current.settings;
  }

  view(): ScanningView {
    return {
      settings: this.current.settings,
      ...this.meta,
      scanners: ALL_SCANNERS.map((s) => ({ id: s.id, version: s.version, stages: s.stages })),
    };
  }

  onChange(fn: (s: ScanSettings) => void): void {
    this.listeners.push(fn);
  }

  /** Replaces the settings (400 naming every mistake), stores and audits the change, and applies it. */
  async update(input: unknown, actor: string, nowMs: number = Date.now()): Promise<ScanningView> {
    const r = validateScanSettings(input, ALL_SCANNERS);
    if (!r.ok) throw badRequest(`scanning settings are not valid: ${r.errors.join('; ')}`, r.errors);
    const before = this.current.settings;
    await this.store.transaction(async (repos) => {
      await repos.settings.put(KEY, r.settings, actor, nowMs);
      await repos.audit.append({ time_ms: nowMs, actor, action: 'settings.update', resource: `settings/${KEY}`, details: { before, after: r.settings } });
    });
    this.current = new ScanEngine(ALL_SCANNERS, r.settings);
    this.meta = { updated_ms: nowMs, updated_by: actor };
    for (const fn of this.listeners) fn(r.settings);
    return this.view();
  }
}
