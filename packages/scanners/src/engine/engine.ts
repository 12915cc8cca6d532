import { globMatcher, type Action, type ScanFinding, type ScannerRun, type ScanRecord, type Severity } from '@vigil/core';
import type { RawFinding, ScannerV1, ScanPart, ScanStage, ScanTool, Sensitivity } from '@vigil/scanner-spec';
import { partAt, toParts } from '../parts.js';
import { DEFAULT_SCAN_SETTINGS, type ScanMode, type ScanOverride, type ScanSettings } from './settings.js';

// Runs the scanners that apply to a stage with the settings resolved for the client and tool,
// and turns their findings into actions. Pure apart from the clock it is given.

/** The lowest confidence reported at each sensitivity; below it a finding is recorded as pass. */
export const CONFIDENCE_FLOOR: Record<Sensitivity, number> = { low: 0.8, medium: 0.5, high: 0.25 };

/**
 * The least severity that counts toward an event's action (and so a session's Alerted tab) at
 * each sensitivity. Below it a finding is still recorded, and a maskable one still masked, but
 * an email address in a git log does not put a session up for review.
 */
export const SEVERITY_FLOOR: Record<Sensitivity, Severity> = { low: 'high', medium: 'medium', high: 'low' };

const ACTION_RANK: Record<Action, number> = { pass: 0, alert: 1, mask: 2, block: 3 };
const SEVERITY_RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
const BLOCKING: ReadonlySet<Severity> = new Set(['high', 'critical']);
// Replacing a one- or two-character match everywhere would mangle the stored event.
const MIN_MASK = 4;
const CACHE_MAX = 2048;

export function worseAction(a: Action, b: Action): Action {
  return ACTION_RANK[b] > ACTION_RANK[a] ? b : a;
}

export type ContentField = ScanFinding['field'];

export interface ScanRequest {
  field: ContentField;
  /** A string (prompt, error) or a structured tool input/output. */
  value: unknown;
  /** Record only maskable findings: content already decided on elsewhere (a result's copy of the call's input). */
  maskOnly?: boolean;
}

export interface ScanResult {
  record: ScanRecord;
  /** Matched text to redact wherever the event stores it → its replacement. */
  masks: Map<string, string>;
  /** A scanner in block mode masked the tool input: a client that can rewrite the input should. */
  rewrite: boolean;
  /** The block findings, worst first, for the reason the agent reads. */
  blocks: ScanFinding[];
}

interface Resolved {
  scanner: ScannerV1;
  mode: ScanMode;
  sensitivity: Sensitivity;
  settings: Record<string, unknown> | undefined;
}

interface CompiledOverride {
  o: ScanOverride;
  tool: ((name: string) => boolean) | null;
}

export class ScanEngine {
  private readonly overrides: CompiledOverride[];
  private readonly cache = new Map<string, Resolved[]>();

  constructor(
    private readonly scanners: readonly ScannerV1[],
    readonly settings: ScanSettings = DEFAULT_SCAN_SETTINGS,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.overrides = settings.overrides.map((o) => ({ o, tool: o.match.tool ? globMatcher(o.match.tool) : null }));
  }

  /** Scans one event's content at `stage`; several requests (say, a result's output and input) give one record. */
  scan(stage: ScanStage, client: string, tool: ScanTool | undefined, requests: readonly ScanRequest[]): ScanResult {
    const record: ScanRecord = { stage, action: 'pass', scanners: [], findings: [] };
    const result: ScanResult = { record, masks: new Map(), rewrite: false, blocks: [] };
    if (!this.settings.enabled) {
      record.disabled = true;
      return result;
    }
    let budget = this.settings.max_scan_bytes;
    let unscanned = 0;
    const inputs = requests.map((r) => {
      const all: ScanPart[] = typeof r.value === 'string' ? (r.value ? [{ path: '', text: r.value }] : []) : toParts(r.value);
      const parts: ScanPart[] = [];
      for (const p of all) {
        if (budget >= p.text.length) {
          parts.push(p);
          budget -= p.text.length;
        } else {
          if (budget > 0) parts.push({ path: p.path, text: p.text.slice(0, budget) });
          unscanned += p.text.length - Math.max(budget, 0);
          budget = 0;
        }
      }
      return { r, parts };
    });
    if (unscanned > 0) record.unscanned_bytes = unscanned;

    for (const c of this.resolve(client, tool)) {
      const applies = ({ r }: (typeof inputs)[number]) => (r.maskOnly ? c.scanner.masks === true && c.scanner.stages.includes('tool_input') : c.scanner.stages.includes(stage));
      if (!inputs.some(applies)) continue;
      const run: ScannerRun = { scanner: c.scanner.id, version: c.scanner.version, mode: c.mode, outcome: 'pass', ms: 0, findings: 0 };
      record.scanners.push(run);
      if (c.mode === 'off') {
        run.outcome = 'off';
        continue;
      }
      const started = this.clock();
      try {
        for (const { r, parts } of inputs) {
          if (parts.length === 0) continue;
          // A result's input is scanned as a tool input (it is one), and only for what to mask.
          const at: ScanStage = r.maskOnly ? 'tool_input' : stage;
          if (!applies({ r, parts })) continue;
          const options = c.settings ? { sensitivity: c.sensitivity, settings: c.settings } : { sensitivity: c.sensitivity };
          const found = c.scanner.scan(tool ? { stage: at, client, tool, value: r.value, parts } : { stage: at, client, value: r.value, parts }, options);
          for (const f of found) {
            if (r.maskOnly && !f.maskable) continue;
            const action = decide(c, at, f);
            const finding: ScanFinding = {
              scanner: c.scanner.id,
              rule: f.rule,
              severity: f.severity,
              confidence: f.confidence,
              action,
              field: r.field,
              path: f.path,
              start: f.start,
              end: f.end,
              message: f.message,
            };
            record.findings.push(finding);
            run.findings++;
            if (action === 'block' || SEVERITY_RANK[f.severity] >= SEVERITY_RANK[SEVERITY_FLOOR[c.sensitivity]]) run.outcome = worseAction(run.outcome as Action, action);
            if (action === 'mask' || (f.maskable && action !== 'pass')) {
              const text = partAt(parts, f.path)?.text.slice(f.start, f.end);
              if (text && text.length >= MIN_MASK) result.masks.set(text, `[MASKED:${c.scanner.id}/${f.rule}]`);
              if (action === 'mask' && c.mode === 'block' && at === 'tool_input' && !r.maskOnly) result.rewrite = true;
            }
            if (action === 'block') result.blocks.push(finding);
          }
        }
      } catch (err) {
        // A scanner that fails is shown, and the event is flagged for review: never silently passed.
        run.outcome = 'error';
        run.error = err instanceof Error ? err.message.slice(0, 500) : String(err).slice(0, 500);
        record.action = worseAction(record.action, 'alert');
      }
      run.ms = Math.round((this.clock() - started) * 1000) / 1000;
      if (run.outcome !== 'error') record.action = worseAction(record.action, run.outcome as Action);
    }
    result.blocks.sort((a, b) => b.confidence - a.confidence);
    return result;
  }

  /** Each scanner's mode, sensitivity and settings for this client and tool (cached: the hot path). */
  resolve(client: string, tool: ScanTool | undefined): Resolved[] {
    const key = `${client}\u0000${tool?.name ?? ''}\u0000${tool?.mcp_server ?? ''}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const s = this.settings;
    const matching = this.overrides.filter(({ o, tool: t }) =>
      (o.match.client === undefined || o.match.client === client) &&
      (t === null || (tool !== undefined && t(tool.name))) &&
      (o.match.mcp_server === undefined || o.match.mcp_server === tool?.mcp_server));
    const out = this.scanners.map((scanner) => {
      const r: Resolved = { scanner, mode: s.mode, sensitivity: s.sensitivity, settings: undefined };
      apply(r, s.scanners[scanner.id]);
      for (const { o } of matching) {
        if (o.mode) r.mode = o.mode;
        if (o.sensitivity) r.sensitivity = o.sensitivity;
        apply(r, o.scanners?.[scanner.id]);
      }
      return r;
    });
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(key, out);
    return out;
  }
}

function apply(r: Resolved, s: { mode?: ScanMode; sensitivity?: Sensitivity; settings?: Record<string, unknown> } | undefined): void {
  if (!s) return;
  if (s.mode) r.mode = s.mode;
  if (s.sensitivity) r.sensitivity = s.sensitivity;
  if (s.settings) r.settings = s.settings;
}

/**
 * A finding's action. Below the sensitivity's confidence floor: pass. Alert mode never changes
 * what the agent does: alert, or mask in what Vigil stores. Block mode stops high and critical
 * findings, except that a maskable value in a tool's input or output is redacted instead (a
 * prompt cannot be rewritten, so there it blocks).
 */
function decide(c: Resolved, stage: ScanStage, f: RawFinding): Action {
  if (f.confidence < CONFIDENCE_FLOOR[c.sensitivity]) return 'pass';
  if (!f.maskable && SEVERITY_RANK[f.severity] < SEVERITY_RANK[SEVERITY_FLOOR[c.sensitivity]]) return 'pass';
  if (c.mode === 'block') {
    if (f.maskable && (stage !== 'prompt' || !BLOCKING.has(f.severity))) return 'mask';
    return BLOCKING.has(f.severity) ? 'block' : 'alert';
  }
  return f.maskable ? 'mask' : 'alert';
}
