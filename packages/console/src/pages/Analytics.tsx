import { useMemo } from 'react';
import type { Scale } from 'chart.js';
import { api } from '../api/client';
import type { Analytics, Bucket } from '../api/types';
import { Chart, type ChartConfig } from '../components/Chart';
import { ErrorBox, Loading } from '../components/ErrorBox';
import { chartLabel, num } from '../format';
import { useApi, useReadyFlag } from '../hooks/useApi';
import { href, navigate, useRoute } from '../router';

const RANGES = {
  '24h': { label: 'Last 24 hours', ms: 24 * 3600_000, bucket: 'hour' },
  '7d': { label: 'Last 7 days', ms: 7 * 86400_000, bucket: 'day' },
  '30d': { label: 'Last 30 days', ms: 30 * 86400_000, bucket: 'day' },
  '90d': { label: 'Last 90 days', ms: 90 * 86400_000, bucket: 'day' },
} as const satisfies Record<string, { label: string; ms: number; bucket: Bucket }>;
type Range = keyof typeof RANGES;

const C = { sessions: '#2563eb', tool_calls: '#64748b', alerts: '#d97706', blocks: '#dc2626', failures: '#9333ea' };

export function AnalyticsPage() {
  const route = useRoute();
  const q = route.query.get('range');
  const range: Range = q && q in RANGES ? (q as Range) : '7d';
  const r = RANGES[range];
  const data = useApi((signal) => {
    const to = Date.now();
    return api.get<Analytics>('/v1/analytics', { from: to - r.ms, to, bucket: r.bucket }, signal);
  }, range);
  const d = data.data;
  const charts = useMemo(() => (d ? configs(d) : null), [d]);
  // Chart effects run before this page's, so the canvases are drawn when the flag is set.
  useReadyFlag('analytics', !data.loading && (charts !== null || data.error !== null));

  const totals = useMemo(() => {
    const t = { sessions: 0, tool_calls: 0, alerts: 0, blocks: 0 };
    for (const p of d?.series ?? []) {
      t.sessions += p.sessions;
      t.tool_calls += p.tool_calls;
      t.alerts += p.alerts;
      t.blocks += p.blocks;
    }
    return t;
  }, [d]);

  return (
    <div className="page">
      <div className="page-head">
        <h1>Analytics</h1>
        <div className="spacer" />
        <label className="field inline">
          <span>Range</span>
          <select data-testid="analytics-range" value={range} onChange={(e) => navigate(href('/analytics', { range: e.target.value }), { replace: true })}>
            {(Object.keys(RANGES) as Range[]).map((k) => (
              <option key={k} value={k}>
                {RANGES[k].label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorBox error={data.error} />
      {!d && data.loading ? <Loading what="Loading analytics" /> : null}
      {d && charts ? (
        <>
          <div className="stats" data-testid="analytics-totals">
            <Stat label="Sessions" n={totals.sessions} />
            <Stat label="Tool calls" n={totals.tool_calls} />
            <Stat label="Alerts" n={totals.alerts} tone="amber" />
            <Stat label="Blocks" n={totals.blocks} tone="red" />
          </div>
          <section className="panel chart-panel wide" data-testid="chart-activity">
            <h2>Activity · per {d.bucket}</h2>
            <Chart config={charts.activity} label="Sessions, tool calls, alerts and blocks over time" />
          </section>
          <div className="grid-2">
            <ChartPanel id="chart-top-tools" title="Top tools" config={charts.tools} empty={d.top_tools.length === 0} />
            <ChartPanel id="chart-blocked-rules" title="Top blocking rules" config={charts.rules} empty={d.top_blocked_rules.length === 0} />
            <ChartPanel id="chart-by-client" title="By client" config={charts.clients} empty={d.by_client.length === 0} />
            <ChartPanel id="chart-by-user" title="By user" config={charts.users} empty={d.by_user.length === 0} />
          </div>
        </>
      ) : null}
    </div>
  );
}

function Stat({ label, n, tone }: { label: string; n: number; tone?: 'amber' | 'red' }) {
  return (
    <div className={`stat${tone && n > 0 ? ` text-${tone}` : ''}`}>
      <div className="stat-n">{num(n)}</div>
      <div className="stat-l">{label}</div>
    </div>
  );
}

function ChartPanel({ id, title, config, empty }: { id: string; title: string; config: ChartConfig; empty: boolean }) {
  return (
    <section className="panel chart-panel" data-testid={id}>
      <h2>
        {title}
        {empty ? <span className="muted small"> · nothing in this range</span> : null}
      </h2>
      <Chart config={config} label={title} />
    </section>
  );
}

// Long names (MCP tools, user emails) are cut on the axis; the tooltip has them whole.
function shortLabel(this: Scale, value: string | number): string {
  const l = String(this.getLabelForValue(Number(value)));
  return l.length > 28 ? `${l.slice(0, 27)}…` : l;
}

function barConfig(labels: string[], sets: { label: string; data: number[]; color: string }[], opts: { stacked?: boolean } = {}): ChartConfig {
  return {
    type: 'bar',
    data: { labels, datasets: sets.map((s) => ({ label: s.label, data: s.data, backgroundColor: s.color, borderRadius: 2, maxBarThickness: 18 })) },
    options: {
      animation: false,
      maintainAspectRatio: false,
      indexAxis: 'y',
      plugins: { legend: { display: sets.length > 1, position: 'bottom', labels: { boxWidth: 10 } } },
      scales: {
        x: { stacked: opts.stacked, beginAtZero: true, ticks: { precision: 0 } },
        y: { stacked: opts.stacked, ticks: { callback: shortLabel, autoSkip: false } },
      },
    },
  };
}

function configs(d: Analytics) {
  const labels = d.series.map((p) => chartLabel(p.t_ms, d.bucket));
  const line = (label: string, key: 'sessions' | 'tool_calls' | 'alerts' | 'blocks', axis: 'y' | 'y1') => ({
    label,
    data: d.series.map((p) => p[key]),
    borderColor: C[key],
    backgroundColor: C[key],
    yAxisID: axis,
    tension: 0, // straight segments: counts between buckets are not interpolated values
    pointRadius: d.series.length > 60 ? 0 : 2,
    borderWidth: 2,
  });
  const activity: ChartConfig = {
    type: 'line',
    data: {
      labels,
      datasets: [line('Sessions', 'sessions', 'y'), line('Alerts', 'alerts', 'y'), line('Blocks', 'blocks', 'y'), line('Tool calls', 'tool_calls', 'y1')],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 10 } } },
      scales: {
        x: { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 12 } },
        y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'sessions · alerts · blocks' } },
        y1: { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false }, ticks: { precision: 0 }, title: { display: true, text: 'tool calls' } },
      },
    },
  };
  const tools = barConfig(
    d.top_tools.map((t) => (t.mcp_server ? `${t.mcp_server} · ${t.name}` : t.name)),
    [
      { label: 'Succeeded', data: d.top_tools.map((t) => t.calls - t.failures), color: C.tool_calls },
      { label: 'Failures', data: d.top_tools.map((t) => t.failures), color: C.failures },
    ],
    { stacked: true },
  );
  const rules = barConfig(
    d.top_blocked_rules.map((b) => [b.source, b.rule].filter(Boolean).join('/')),
    [{ label: 'Blocks', data: d.top_blocked_rules.map((b) => b.blocks), color: C.blocks }],
  );
  const who = (rows: { sessions: number; alerts: number; blocks: number }[], names: string[]) =>
    barConfig(names, [
      { label: 'Sessions', data: rows.map((x) => x.sessions), color: C.sessions },
      { label: 'Alerts', data: rows.map((x) => x.alerts), color: C.alerts },
      { label: 'Blocks', data: rows.map((x) => x.blocks), color: C.blocks },
    ]);
  return {
    activity,
    tools,
    rules,
    clients: who(d.by_client, d.by_client.map((c) => c.client)),
    users: who(d.by_user, d.by_user.map((u) => u.user)),
  };
}
