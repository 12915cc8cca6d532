// Claude Code's OpenTelemetry metrics (claude_code.token.usage, cost.usage, active_time.total,
// lines_of_code.count, …) → data points per session, and a session's totals from them. Each
// point keeps its series and interval, so an export sent twice is the same points, and both
// delta (Claude Code's default) and cumulative temporality add up correctly.
import type { SessionUsage } from '../../model/session.js';
import { nanosToMs, otlpAttributes, type KeyValue } from '../otlp/values.js';

export interface UsagePoint {
  session_id: string;
  metric: string;
  /** The series: its attributes other than identity, as canonical JSON. */
  attrs: string;
  start_ms: number;
  time_ms: number;
  value: number;
  /** Cumulative points are running totals of their series; delta points add up. */
  cumulative: boolean;
}


// Attributes that say who and where, not which series.
const IDENTITY = new Set(['session.id', 'user.id', 'user.email', 'user.account_uuid', 'organization.id', 'terminal.type', 'anthropic.provider', 'anthropic.custom_base_url', 'app.version']);
const CUMULATIVE = 2;

interface NumberPoint {
  attributes?: KeyValue[];
  startTimeUnixNano?: string | number;
  timeUnixNano?: string | number;
  asDouble?: number;
  asInt?: string | number;
}

export function claudeCodeOtlpMetrics(request: unknown): { points: UsagePoint[]; rejected: number } {
  const out = { points: [] as UsagePoint[], rejected: 0 };
  const resources = (request as { resourceMetrics?: unknown } | null)?.resourceMetrics;
  if (!Array.isArray(resources)) return out;
  for (const rm of resources as { scopeMetrics?: { metrics?: unknown[] }[] }[]) {
    for (const sm of Array.isArray(rm?.scopeMetrics) ? rm.scopeMetrics : []) {
      for (const m of (Array.isArray(sm?.metrics) ? sm.metrics : []) as { name?: string; sum?: { dataPoints?: NumberPoint[]; aggregationTemporality?: number }; gauge?: { dataPoints?: NumberPoint[] } }[]) {
        if (typeof m?.name !== 'string' || !m.name.startsWith('claude_code.')) continue;
        const data = m.sum ?? m.gauge;
        const cumulative = m.sum ? m.sum.aggregationTemporality === CUMULATIVE : true;
        for (const dp of Array.isArray(data?.dataPoints) ? data.dataPoints : []) {
          const a = otlpAttributes(dp?.attributes);
          const session = a['session.id'];
          const value = dp?.asDouble ?? (dp?.asInt !== undefined ? Number(dp.asInt) : NaN);
          const time = nanosToMs(dp?.timeUnixNano);
          if (typeof session !== 'string' || session === '' || !Number.isFinite(value) || !Number.isFinite(time)) {
            out.rejected++;
            continue;
          }
          const series = Object.keys(a).filter((k) => !IDENTITY.has(k)).sort();
          const start = nanosToMs(dp.startTimeUnixNano);
          out.points.push({
            session_id: session,
            metric: m.name.slice('claude_code.'.length),
            attrs: JSON.stringify(Object.fromEntries(series.map((k) => [k, a[k]]))),
            start_ms: Number.isFinite(start) ? start : 0,
            time_ms: time,
            value,
            cumulative,
          });
        }
      }
    }
  }
  return out;
}

const TOKEN_TYPES: Record<string, keyof SessionUsage> = { input: 'input_tokens', output: 'output_tokens', cacheRead: 'cache_read_tokens', cacheCreation: 'cache_creation_tokens' };

/** A session's totals: delta points summed; of cumulative ones, each series' latest value. */
export function usageTotals(points: readonly Pick<UsagePoint, 'metric' | 'attrs' | 'start_ms' | 'time_ms' | 'value' | 'cumulative'>[]): SessionUsage {
  const u: SessionUsage = { input_tokens: 0, output_tokens: 0, cache_read_tokens: 0, cache_creation_tokens: 0, cost_usd: 0, active_time_s: 0, lines_added: 0, lines_removed: 0 };
  const latest = new Map<string, { time: number; value: number; metric: string; attrs: string }>();
  const add = (metric: string, attrs: string, value: number) => {
    let type: unknown;
    try {
      type = (JSON.parse(attrs) as { type?: unknown }).type;
    } catch {
      type = undefined;
    }
    const tokens = typeof type === 'string' ? TOKEN_TYPES[type] : undefined;
    if (metric === 'token.usage' && tokens) u[tokens] += value;
    else if (metric === 'cost.usage') u.cost_usd += value;
    else if (metric === 'active_time.total') u.active_time_s += value;
    else if (metric === 'lines_of_code.count' && type === 'added') u.lines_added += value;
    else if (metric === 'lines_of_code.count' && type === 'removed') u.lines_removed += value;
  };
  for (const p of points) {
    if (!p.cumulative) {
      add(p.metric, p.attrs, p.value);
      continue;
    }
    const key = `${p.metric}\u0000${p.attrs}\u0000${p.start_ms}`;
    const seen = latest.get(key);
    if (!seen || p.time_ms > seen.time) latest.set(key, { time: p.time_ms, value: p.value, metric: p.metric, attrs: p.attrs });
  }
  for (const s of latest.values()) add(s.metric, s.attrs, s.value);
  u.cost_usd = Math.round(u.cost_usd * 1e6) / 1e6;
  u.active_time_s = Math.round(u.active_time_s * 1000) / 1000;
  return u;
}
