import type { ScannerV1, Sensitivity } from '@vigil/scanner-spec';

// The operator's scanning settings: one global mode and sensitivity, per-scanner values, and
// overrides that apply to a client, a tool (glob) or an MCP server. Later overrides win.

export type ScanMode = 'off' | 'alert' | 'block';

export interface ScannerSettings {
  mode?: ScanMode;
  sensitivity?: Sensitivity;
  /** Scanner-specific options (e.g. egress allow/deny lists), checked by the scanner. */
  settings?: Record<string, unknown>;
}

export interface ScanOverride {
  /** Every given field must match. `tool` is a glob ("mcp__github__*"). */
  match: { client?: string; tool?: string; mcp_server?: string };
  mode?: ScanMode;
  sensitivity?: Sensitivity;
  scanners?: Record<string, ScannerSettings>;
}

export interface ScanSettings {
  /** Full session scanning; off stores events unscanned (and says so on each one). */
  enabled: boolean;
  mode: ScanMode;
  sensitivity: Sensitivity;
  scanners: Record<string, ScannerSettings>;
  overrides: ScanOverride[];
  /** Content beyond this many bytes (UTF-16 units) per event is not scanned; the record says how much. */
  max_scan_bytes: number;
}

export const DEFAULT_SCAN_SETTINGS: ScanSettings = Object.freeze({
  enabled: true,
  mode: 'alert',
  sensitivity: 'medium',
  scanners: {},
  overrides: [],
  max_scan_bytes: 4 * 1024 * 1024,
}) as ScanSettings;

const MODES: ReadonlySet<string> = new Set(['off', 'alert', 'block']);
const SENSITIVITIES: ReadonlySet<string> = new Set(['low', 'medium', 'high']);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export type SettingsResult = { ok: true; settings: ScanSettings } | { ok: false, errors: string[] };

/**
 * Checks settings from the API or a config file against the known scanners. Missing keys take
 * the defaults; unknown keys and bad values are errors that name their path.
 */
export function validateScanSettings(input: unknown, scanners: readonly ScannerV1[]): SettingsResult {
  const errors: string[] = [];
  if (!isObj(input)) return { ok: false, errors: ['scanning settings must be an object'] };
  const byId = new Map(scanners.map((s) => [s.id, s]));
  noExtra(input, 'scanning', ['enabled', 'mode', 'sensitivity', 'scanners', 'overrides', 'max_scan_bytes'], errors);
  const out: ScanSettings = { ...DEFAULT_SCAN_SETTINGS, scanners: {}, overrides: [] };
  if (input.enabled !== undefined) {
    if (typeof input.enabled === 'boolean') out.enabled = input.enabled;
    else errors.push('scanning.enabled must be true or false');
  }
  const mode = oneOf(input.mode, 'scanning.mode', MODES, errors);
  if (mode) out.mode = mode as ScanMode;
  const sens = oneOf(input.sensitivity, 'scanning.sensitivity', SENSITIVITIES, errors);
  if (sens) out.sensitivity = sens as Sensitivity;
  if (input.max_scan_bytes !== undefined) {
    const n = input.max_scan_bytes;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 1024 && n <= 256 * 1024 * 1024) out.max_scan_bytes = n;
    else errors.push('scanning.max_scan_bytes must be an integer from 1024 to 268435456');
  }
  if (input.scanners !== undefined) out.scanners = scannerMap(input.scanners, 'scanning.scanners', byId, errors);
  if (input.overrides !== undefined) {
    if (!Array.isArray(input.overrides)) errors.push('scanning.overrides must be a list');
    else input.overrides.forEach((o, i) => {
      const at = `scanning.overrides[${i}]`;
      if (!isObj(o)) return void errors.push(`${at} must be an object`);
      noExtra(o, at, ['match', 'mode', 'sensitivity', 'scanners'], errors);
      const ov: ScanOverride = { match: {} };
      if (!isObj(o.match)) errors.push(`${at}.match must be an object with client, tool and/or mcp_server`);
      else {
        noExtra(o.match, `${at}.match`, ['client', 'tool', 'mcp_server'], errors);
        for (const k of ['client', 'tool', 'mcp_server'] as const) {
          const v = o.match[k];
          if (v === undefined) continue;
          if (typeof v === 'string' && v !== '' && v.length <= 256) ov.match[k] = v;
          else errors.push(`${at}.match.${k} must be a non-empty string`);
        }
        if (Object.keys(ov.match).length === 0) errors.push(`${at}.match names nothing: give client, tool or mcp_server`);
      }
      const m = oneOf(o.mode, `${at}.mode`, MODES, errors);
      if (m) ov.mode = m as ScanMode;
      const s = oneOf(o.sensitivity, `${at}.sensitivity`, SENSITIVITIES, errors);
      if (s) ov.sensitivity = s as Sensitivity;
      if (o.scanners !== undefined) ov.scanners = scannerMap(o.scanners, `${at}.scanners`, byId, errors);
      out.overrides.push(ov);
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, settings: out };
}

function scannerMap(v: unknown, at: string, byId: ReadonlyMap<string, ScannerV1>, errors: string[]): Record<string, ScannerSettings> {
  const out: Record<string, ScannerSettings> = {};
  if (!isObj(v)) {
    errors.push(`${at} must be an object keyed by scanner id (${[...byId.keys()].join(', ')})`);
    return out;
  }
  for (const [id, s] of Object.entries(v)) {
    const p = `${at}.${id}`;
    const scanner = byId.get(id);
    if (!scanner) {
      errors.push(`${p}: unknown scanner "${id}"; known: ${[...byId.keys()].join(', ')}`);
      continue;
    }
    if (!isObj(s)) {
      errors.push(`${p} must be an object with mode, sensitivity and/or settings`);
      continue;
    }
    noExtra(s, p, ['mode', 'sensitivity', 'settings'], errors);
    const one: ScannerSettings = {};
    const m = oneOf(s.mode, `${p}.mode`, MODES, errors);
    if (m) one.mode = m as ScanMode;
    const sens = oneOf(s.sensitivity, `${p}.sensitivity`, SENSITIVITIES, errors);
    if (sens) one.sensitivity = sens as Sensitivity;
    if (s.settings !== undefined) {
      if (!isObj(s.settings)) errors.push(`${p}.settings must be an object`);
      else {
        const problem = scanner.validateSettings ? scanner.validateSettings(s.settings) : `the ${id} scanner takes no settings`;
        if (problem) errors.push(`${p}.settings: ${problem}`);
        else one.settings = s.settings;
      }
    }
    out[id] = one;
  }
  return out;
}

function oneOf(v: unknown, at: string, set: ReadonlySet<string>, errors: string[]): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string' && set.has(v)) return v;
  errors.push(`${at} must be one of ${[...set].join(', ')}`);
  return undefined;
}

function noExtra(o: Obj, at: string, known: readonly string[], errors: string[]): void {
  for (const k of Object.keys(o)) if (!known.includes(k)) errors.push(`${at} has unknown key "${k}" (known: ${known.join(', ')})`);
}
