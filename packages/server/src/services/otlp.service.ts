import { claudeCodeOtlpMetrics, normaliseClaudeCodeOtlpLogs, normaliseCodexOtlpLogs, splitCodexOtlpLogs } from '@vigil/core';
import type { IngestService } from './ingest.service.js';
import type { Store } from '../repositories/store.js';

export interface OtlpOutcome {
  /** OTLP's partial success: records that could not be used, and why. */
  rejected: number;
  message?: string;
}

/**
 * OTLP signals from agents. Logs carry Claude Code's events (claude_code.*) and Codex's (codex.*), which become
 * canonical events on the hook-built sessions; metrics become the sessions' usage (tokens, cost,
 * active time). Traces are accepted and acknowledged so exporters do not retry, but not yet
 * recorded (docs/claude-code.md).
 */
/** What has arrived since the server started: for operators checking that telemetry flows. */
export interface OtlpCounters {
  requests: { logs: number; metrics: number; traces: number };
  log_records: number;
  events: number;
  data_points: number;
  last_ms: number | null;
}

export class OtlpService {
  readonly counters: OtlpCounters = { requests: { logs: 0, metrics: 0, traces: 0 }, log_records: 0, events: 0, data_points: 0, last_ms: null };

  constructor(
    private readonly ingest: IngestService,
    private readonly store: Store,
  ) {}

  /** Counts a traces export (accepted, not yet recorded). */
  received(signal: 'traces', nowMs: number = Date.now()): void {
    this.counters.requests[signal]++;
    this.counters.last_ms = nowMs;
  }

  /** Claude Code's metrics: data points stored per session (tokens, cost, active time, …). */
  async metrics(request: unknown, nowMs: number = Date.now()): Promise<OtlpOutcome> {
    const { points, rejected } = claudeCodeOtlpMetrics(request);
    await this.store.usage.insert(points.map((p) => ({ ...p, cumulative: p.cumulative ? 1 : 0 })));
    this.counters.requests.metrics++;
    this.counters.data_points += points.length;
    this.counters.last_ms = nowMs;
    return rejected === 0 ? { rejected } : { rejected, message: `${rejected} data points without session.id, value or time` };
  }

  async logs(request: unknown, nowMs: number = Date.now()): Promise<OtlpOutcome> {
    // Codex (codex.* events, service.name codex_*) and Claude Code share the endpoint.
    const split = splitCodexOtlpLogs(request);
    const r = normaliseClaudeCodeOtlpLogs(split.rest);
    const cx = normaliseCodexOtlpLogs(split.codex);
    // Where hooks capture the session, replies come from its transcript, block by block; OTLP's
    // assistant_response (one per API message, under another id) would repeat them. Codex's
    // prompt and session start share no id with its hooks, which report both already.
    const repeats = (e: { kind: string; client: string }) => e.kind === 'response' || (e.client === 'codex' && (e.kind === 'prompt' || e.kind === 'session_start'));
    r.events.push(...cx.events);
    r.records += cx.records;
    const responders = new Set(r.events.filter(repeats).map((e) => e.session_id));
    for (const id of responders) {
      if ((await this.store.sessions.get(id))?.row.capture !== 'hook') responders.delete(id);
    }
    if (responders.size > 0) r.events = r.events.filter((e) => !(repeats(e) && responders.has(e.session_id)));
    this.counters.requests.logs++;
    this.counters.log_records += r.records;
    this.counters.events += r.events.length;
    this.counters.last_ms = nowMs;
    const res = await this.ingest.ingestMany(r.events, nowMs);
    const reasons = res.rejected.slice(0, 3).flatMap((x) => x.errors);
    const rejected = r.rejected + cx.rejected + res.rejected.length;
    if (rejected === 0) return { rejected };
    const why = [...(r.rejected > 0 ? [`${r.rejected} records without session.id or time`] : []), ...(cx.rejected > 0 ? [`${cx.rejected} Codex records without conversation.id or time`] : [])];
    return { rejected, message: [...why, ...reasons].slice(0, 5).join('; ') };
  }
}
