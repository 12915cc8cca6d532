import type { Store } from '../repositories/store.js';
import { badRequest } from './errors.js';
import { one, parseTime } from './query.js';

// Inventory (who and what is out there, and whether a reviewer has allowed it) and analytics
// (activity over time, top tools, top blocking rules, per client and per user).

const REVIEW_KEY = 'inventory_review';
export const REVIEW_KINDS = ['client', 'mcp_server'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export type Review = 'allowed' | 'not_reviewed';
type Reviews = Record<ReviewKind, Record<string, 'allowed'>>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BUCKETS = { hour: HOUR, day: DAY } as const;
/** At most this many buckets in one answer, so a wide range cannot ask for millions of points. */
const MAX_BUCKETS = 2000;
const TOP = 10;
const BLOCKED_READ_MAX = 20_000;

interface BlockedBody {
  kind?: string;
  verdict?: { action?: string; source?: string; rule?: string };
  scan?: { findings?: { scanner?: string; rule?: string; action?: string }[] };
}

/** Which rules blocked, from blocked events: decisions and AgentGuard turns by their verdict, other events by their scan findings. */
export function blockedRules(bodies: readonly string[]): { source: string; rule: string; blocks: number }[] {
  const counts = new Map<string, { source: string; rule: string; blocks: number }>();
  const add = (source: string, rule: string) => {
    const key = `${source}\u0000${rule}`;
    const c = counts.get(key);
    if (c) c.blocks++;
    else counts.set(key, { source, rule, blocks: 1 });
  };
  for (const body of bodies) {
    const e = JSON.parse(body) as BlockedBody;
    if (e.kind === 'decision' || e.kind === 'guard_finding') {
      if (e.verdict?.action !== 'block') continue;
      // A kill switch's rule is the kill's id: one bar for all of them.
      if (e.verdict.source === 'kill-switch') add('kill-switch', 'kill switch');
      else add(e.verdict.source ?? 'unknown', e.verdict.rule ?? 'unknown');
      continue;
    }
    for (const f of e.scan?.findings ?? []) if (f.action === 'block') add(f.scanner ?? 'unknown', f.rule ?? 'unknown');
  }
  return [...counts.values()].sort((a, b) => b.blocks - a.blocks || a.source.localeCompare(b.source) || a.rule.localeCompare(b.rule));
}

export class InsightsService {
  constructor(private readonly store: Store) {}

  private async reviews(): Promise<Reviews> {
    const row = await this.store.settings.get(REVIEW_KEY);
    const v = (row?.value ?? {}) as Partial<Reviews>;
    return { client: v.client ?? {}, mcp_server: v.mcp_server ?? {} };
  }

  async inventory() {
    const [{ clients, versions }, users, devices, mcp, reviews] = await Promise.all([
      this.store.insights.clients(),
      this.store.insights.users(),
      this.store.insights.devices(),
      this.store.insights.mcpServers(),
      this.reviews(),
    ]);
    const review = (kind: ReviewKind, name: string): Review => reviews[kind][name] ?? 'not_reviewed';
    return {
      clients: clients.map((c) => ({
        ...c,
        versions: versions.filter((v) => v.client === c.name).sort((a, b) => b.sessions - a.sessions).slice(0, 5).map((v) => v.version),
        review: review('client', c.name),
      })),
      users,
      devices,
      mcp_servers: mcp.map((m) => ({ ...m, review: review('mcp_server', m.name) })),
    };
  }

  /** Marks a client or MCP server allowed or not reviewed; audited. */
  async setReview(body: unknown, actor: string, nowMs: number = Date.now()): Promise<{ kind: ReviewKind; name: string; review: Review }> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('body must be an object: {"kind": "client" | "mcp_server", "name", "review": "allowed" | "not_reviewed"}');
    const b = body as Record<string, unknown>;
    for (const k of Object.keys(b)) if (!['kind', 'name', 'review'].includes(k)) throw badRequest(`unknown field "${k}"; known: kind, name, review`);
    if (!(REVIEW_KINDS as readonly unknown[]).includes(b.kind)) throw badRequest('"kind" must be "client" or "mcp_server"');
    if (typeof b.name !== 'string' || b.name.length === 0 || b.name.length > 256) throw badRequest('"name" must be a non-empty string of at most 256 characters');
    if (b.review !== 'allowed' && b.review !== 'not_reviewed') throw badRequest('"review" must be "allowed" or "not_reviewed"');
    const kind = b.kind as ReviewKind;
    const name = b.name;
    const review = b.review;
    await this.store.transaction(async (repos) => {
      const row = await repos.settings.get(REVIEW_KEY);
      const all = { client: {}, mcp_server: {}, ...((row?.value ?? {}) as Partial<Reviews>) } as Reviews;
      const before = all[kind][name] ?? 'not_reviewed';
      const marks = { ...all[kind] };
      if (review === 'allowed') marks[name] = 'allowed';
      else delete marks[name];
      await repos.settings.put(REVIEW_KEY, { ...all, [kind]: marks }, actor, nowMs);
      await repos.audit.append({ time_ms: nowMs, actor, action: 'inventory.review', resource: `${kind}/${name}`, details: { before, after: review } });
    });
    return { kind, name, review };
  }

  async analytics(q: Record<string, unknown>, nowMs: number = Date.now()) {
    for (const k of Object.keys(q)) if (!['from', 'to', 'bucket'].includes(k)) throw badRequest(`unknown query parameter "${k}"; known: from, to, bucket`);
    const time = (key: string, fallback: number): number => {
      const v = one(q, key);
      return v === undefined || v === '' ? fallback : parseTime(v, key)!;
    };
    const toMs = time('to', nowMs);
    const fromMs = time('from', toMs - 14 * DAY);
    if (fromMs > toMs) throw badRequest('from must not be after to');
    const bucketName = q.bucket ?? (toMs - fromMs <= 2 * DAY ? 'hour' : 'day');
    if (bucketName !== 'hour' && bucketName !== 'day') throw badRequest('bucket must be hour or day');
    const bucket = BUCKETS[bucketName];
    if ((toMs - fromMs) / bucket > MAX_BUCKETS) throw badRequest(`the range has more than ${MAX_BUCKETS} ${bucketName}s; narrow it or use a larger bucket`);
    const i = this.store.insights;
    const [series, tools, blocked, byClient, byUser] = await Promise.all([
      i.series(fromMs, toMs, bucket),
      i.topTools(fromMs, toMs, TOP),
      i.blockedBodies(fromMs, toMs, BLOCKED_READ_MAX),
      i.breakdown('client', fromMs, toMs, TOP),
      i.breakdown('user_name', fromMs, toMs, TOP),
    ]);
    return {
      from_ms: fromMs,
      to_ms: toMs,
      bucket: bucketName,
      series: fill(series, fromMs, toMs, bucket),
      top_tools: tools.map((t) => ({ ...t, mcp_server: t.mcp_server || null })),
      top_blocked_rules: blockedRules(blocked).slice(0, TOP),
      by_client: byClient.map(({ key, ...r }) => ({ client: key ?? 'unknown', ...r })),
      by_user: byUser.map(({ key, ...r }) => ({ user: key ?? '(no user)', ...r })),
    };
  }
}

/** Every bucket of the range, zero where nothing started, so a chart's gaps are real. */
function fill<T extends { t_ms: number }>(rows: readonly T[], fromMs: number, toMs: number, bucket: number): (T | { t_ms: number; sessions: 0; tool_calls: 0; alerts: 0; blocks: 0 })[] {
  const byT = new Map(rows.map((r) => [r.t_ms, r]));
  const out: (T | { t_ms: number; sessions: 0; tool_calls: 0; alerts: 0; blocks: 0 })[] = [];
  for (let t = Math.floor(fromMs / bucket) * bucket; t <= toMs; t += bucket) out.push(byT.get(t) ?? { t_ms: t, sessions: 0, tool_calls: 0, alerts: 0, blocks: 0 });
  return out;
}
