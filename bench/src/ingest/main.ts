// bench/ingest: loads ~1M realistic events into a fresh Vigil server per engine, then measures
// the session list and timeline queries reviewers use. See docs/benchmarks.md.
//
//   npm run bench:ingest -- [--engine sqlite|postgres|both] [--events N] [--sessions N] [--pin] [--profile DIR]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CITY_WORD, buildBatches, loadDataset, planSessions, type Batch, type SessionPlan } from './corpus.js';
import { Http, cpuByGroup, cpuSnapshot, dirBytes, dropBenchDb, gitState, hasTaskset, peakRss, pinSelf, postgresDbBytes, postgresVersion, recreateBenchDb, startVigil, type Engine, type Running } from './server.js';
import { latency, slowestWindow, type Latency } from './stats.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const DATASET = resolve(ROOT, '../shared/datasets/claude-code');

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' },
    events: { type: 'string', default: '1000000' },
    sessions: { type: 'string', default: '10000' },
    batch: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '4' },
    requests: { type: 'string', default: '200' },
    seed: { type: 'string', default: '42' },
    // The server runs two threads (requests, search indexer); --pin confines it to one core.
    pin: { type: 'boolean', default: false },
    // Writes V8 CPU profiles of the server's threads (node --cpu-prof) into this directory.
    profile: { type: 'string' },
  },
  strict: true,
});

function posInt(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${v}"`);
  return n;
}
const EVENTS = posInt('events', args.events);
const SESSIONS = posInt('sessions', args.sessions);
const BATCH = posInt('batch', args.batch);
const CONCURRENCY = posInt('concurrency', args.concurrency);
const REQUESTS = posInt('requests', args.requests);
const SEED = posInt('seed', args.seed);
if (!['sqlite', 'postgres', 'both'].includes(args.engine)) throw new Error('--engine must be sqlite, postgres or both');
const ENGINES: Engine[] = args.engine === 'both' ? ['sqlite', 'postgres'] : [args.engine as Engine];
const WARMUP = 10;

const log = (s: string) => process.stderr.write(`${s}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;

// ---- load ---------------------------------------------------------------------------------

interface IngestStats {
  events: number;
  batches: number;
  seconds: number;
  events_per_s: number;
  slowest_10s_events_per_s: number;
  batch_ms: Latency;
  /**
   * Seconds from the last acknowledged batch until every event was searchable (servers that index
   * full text in the background report their lag on GET /v1/status); null if there is no such endpoint.
   */
  search_catch_up_s: number | null;
  /** Events over load time plus catch-up: the rate the server can keep up with, index included. */
  searchable_events_per_s: number;
  /** CPU used during the load, in % of one core (the machine has 2 cores = 200%). */
  cpu_pct: { server: number; postgres: number; bench: number; other: number };
}

/** Sends every batch with CONCURRENCY requests in flight; fails on any non-200 or rejected event. */
async function load(s: Running, batches: Batch[]): Promise<IngestStats> {
  const client = new Http(s.url, s.token, CONCURRENCY);
  const done: { t: number; n: number }[] = [];
  const ms: number[] = [];
  let next = 0;
  let events = 0;
  const cpu0 = cpuSnapshot();
  const t0 = performance.now();
  const progress = setInterval(() => log(`  ${s.engine}: ${fmt(events)} events, ${fmt(events / ((performance.now() - t0) / 1000))}/s`), 10_000);
  const worker = async () => {
    while (next < batches.length) {
      const b = batches[next++]!;
      const start = performance.now();
      const res = await client.request('POST', '/v1/events', b.body);
      const end = performance.now();
      if (res.status !== 200) throw new Error(`POST /v1/events answered ${res.status}: ${res.text().slice(0, 500)}`);
      const r = JSON.parse(res.text()) as { accepted: string[]; duplicates: string[]; rejected: unknown[] };
      if (r.accepted.length !== b.events) throw new Error(`batch of ${b.events}: ${r.accepted.length} accepted, ${r.duplicates.length} duplicates, ${r.rejected.length} rejected`);
      ms.push(end - start);
      done.push({ t: (end - t0) / 1000, n: b.events });
      events += b.events;
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    clearInterval(progress);
    client.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuByGroup(cpu0, cpuSnapshot(), s.pid);
  const pct = (cpuMs: number) => Math.round((cpuMs / (seconds * 1000)) * 100);
  if (pct(cpu.other) > 15) log(`  warning: other processes used ${pct(cpu.other)}% of a core during the load; the numbers may be disturbed`);
  const catchUp = await searchCatchUp(s);
  return {
    events,
    batches: batches.length,
    seconds: Math.round(seconds * 10) / 10,
    events_per_s: Math.round(events / seconds),
    slowest_10s_events_per_s: Math.round(slowestWindow(done, seconds)),
    batch_ms: latency(ms),
    search_catch_up_s: catchUp === null ? null : Math.round(catchUp * 10) / 10,
    searchable_events_per_s: Math.round(events / (seconds + (catchUp ?? 0))),
    cpu_pct: { server: pct(cpu.server), postgres: pct(cpu.postgres), bench: pct(cpu.bench), other: pct(cpu.other) },
  };
}

/** Waits until the server's full-text index has every event; returns the seconds that took. */
async function searchCatchUp(s: Running): Promise<number | null> {
  const client = new Http(s.url, s.token, 1);
  const t0 = performance.now();
  try {
    for (;;) {
      const r = await client.request('GET', '/v1/status');
      if (r.status === 404) return null;
      if (r.status !== 200) throw new Error(`GET /v1/status answered ${r.status}: ${r.text().slice(0, 300)}`);
      const lag = (JSON.parse(r.text()) as { search?: { lag?: number } }).search?.lag;
      if (typeof lag !== 'number' || lag === 0) return (performance.now() - t0) / 1000;
      if (performance.now() - t0 > 3_600_000) throw new Error(`search index still ${lag} events behind after an hour`);
      await new Promise((res) => setTimeout(res, 200));
    }
  } finally {
    client.close();
  }
}

// ---- queries --------------------------------------------------------------------------------

interface QueryDef {
  name: string;
  /** Paths to request, used in rotation. */
  paths: string[];
  /** Sessions the corpus says match (list queries), or the timeline length. */
  expect: number;
}

interface QueryStats extends Latency {
  name: string;
  path: string;
  matches: number;
}

const DAY = 86_400_000;

function queryDefs(plans: SessionPlan[], nowMs: number): QueryDef[] {
  const count = (f: (p: SessionPlan) => boolean) => plans.filter(f).length;
  const user = plans[0]!.user;
  const host = plans[1]!.device.hostname;
  const from = nowMs - 15 * DAY;
  const to = from + DAY;
  const list = (name: string, qs: string, f: (p: SessionPlan) => boolean): QueryDef => ({ name, paths: [`/v1/sessions${qs}`], expect: count(f) });
  const long = plans.filter((p) => p.events === 1000);
  return [
    list('list, no filter', '', () => true),
    list('list security=alerted', '?security=alerted', (p) => p.security === 'alerted'),
    list('list security=blocked', '?security=blocked', (p) => p.security === 'blocked'),
    list('list client=cursor', '?client=cursor', (p) => p.client === 'cursor'),
    list(`list user=${user}`, `?user=${user}`, (p) => p.user === user),
    list(`list device=${host}`, `?device=${host}`, (p) => p.device.hostname === host),
    list('list tool=Bash', '?tool=Bash', (p) => p.tools.has('Bash')),
    list('list topic=testing', '?topic=testing', (p) => p.topic === 'testing'),
    list('list from/to (1 day)', `?from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`, (p) => p.lastMs >= from && p.startMs <= to),
    list('list status=ended', '?status=ended', (p) => p.ended),
    // The second page is filled in once the first page's cursor is known.
    { name: 'list, page 2 (next_cursor)', paths: [], expect: plans.length },
    { name: `timeline, ${long.length} sessions of 1,000 events`, paths: long.map((p) => `/v1/sessions/${p.id}`), expect: 1000 },
    // Last: a slow full-text plan should not evict the cache the other queries run on.
    list(`list q=${CITY_WORD}`, `?q=${CITY_WORD}`, (p) => p.cityWord),
  ];
}

async function measureQueries(s: Running, defs: QueryDef[]): Promise<QueryStats[]> {
  const client = new Http(s.url, s.token, 1);
  const out: QueryStats[] = [];
  try {
    for (const d of defs) {
      if (d.paths.length === 0) {
        const first = JSON.parse((await client.request('GET', '/v1/sessions')).text()) as { next_cursor: string | null };
        if (!first.next_cursor) throw new Error('the first page has no next_cursor');
        d.paths.push(`/v1/sessions?cursor=${encodeURIComponent(first.next_cursor)}`);
      }
      // Check the answer once (outside the timing): right status, plausible size.
      const check = await client.request('GET', d.paths[0]!);
      if (check.status !== 200) throw new Error(`GET ${d.paths[0]} answered ${check.status}: ${check.text().slice(0, 300)}`);
      const body = JSON.parse(check.text()) as { sessions?: unknown[]; timeline?: unknown[] };
      const got = body.timeline ? body.timeline.length : body.sessions!.length;
      const want = body.timeline ? d.expect : Math.min(50, d.name.includes('page 2') ? Math.max(0, d.expect - 50) : d.expect);
      if (got !== want) log(`  warning: ${d.name}: got ${got} items, the corpus says ${want}`);
      for (let i = 0; i < WARMUP; i++) await client.request('GET', d.paths[i % d.paths.length]!);
      const ms: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const t = performance.now();
        const r = await client.request('GET', d.paths[i % d.paths.length]!);
        ms.push(performance.now() - t);
        if (r.status !== 200) throw new Error(`GET ${d.paths[i % d.paths.length]} answered ${r.status}`);
      }
      out.push({ name: d.name, path: d.paths[0]!, matches: d.expect, ...latency(ms) });
      log(`  ${s.engine}: ${d.name}: p50 ${out.at(-1)!.p50} ms, p95 ${out.at(-1)!.p95} ms`);
    }
  } finally {
    client.close();
  }
  return out;
}

// ---- report -----------------------------------------------------------------------------------

interface Result {
  engine: Engine;
  date: string;
  machine: Record<string, string | number>;
  config: Record<string, number | boolean | string>;
  corpus: { events: number; sessions: number; long_sessions: number; bytes: number; avg_event_bytes: number; build_s: number };
  ingest: IngestStats;
  server_peak_rss_bytes: number;
  store_bytes: number;
  queries: QueryStats[];
  /** CPU during the query phase, % of one core, grouped as for the load. */
  queries_cpu_pct: { server: number; postgres: number; bench: number; other: number };
}

// Read before this process pins itself to one CPU (availableParallelism follows the affinity).
const CPUS = os.availableParallelism();

function machine(engineVersions: Record<string, string>): Record<string, string | number> {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  return {
    cpus: CPUS,
    cpu_model: /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown',
    memory_gib: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    ...engineVersions,
  };
}

function table(results: Result[]): string {
  const name = (e: Engine) => (e === 'sqlite' ? 'SQLite' : 'PostgreSQL');
  const rows: string[][] = [
    ['Ingest, sustained (events/s)', ...results.map((r) => fmt(r.ingest.events_per_s))],
    ['Ingest, slowest 10 s window (events/s)', ...results.map((r) => fmt(r.ingest.slowest_10s_events_per_s))],
    [`Ingest, one ${BATCH}-event request (ms, p50 / p95 / p99)`, ...results.map((r) => `${r.ingest.batch_ms.p50} / ${r.ingest.batch_ms.p95} / ${r.ingest.batch_ms.p99}`)],
    ['Load time for all events (s)', ...results.map((r) => String(r.ingest.seconds))],
    ['Search index caught up, s after the last batch', ...results.map((r) => (r.ingest.search_catch_up_s === null ? 'n/a' : String(r.ingest.search_catch_up_s)))],
    ['Ingest incl. search-index catch-up (events/s)', ...results.map((r) => fmt(r.ingest.searchable_events_per_s))],
    ['CPU during load, % of a core: server / postgres / bench / other', ...results.map((r) => Object.values(r.ingest.cpu_pct).join(' / '))],
    ['CPU of other processes while queries were timed, % of a core', ...results.map((r) => String(r.queries_cpu_pct.other))],
    ['Server peak RSS', ...results.map((r) => mb(r.server_peak_rss_bytes))],
    ['Store size after load', ...results.map((r) => mb(r.store_bytes))],
  ];
  for (let i = 0; i < results[0]!.queries.length; i++) {
    const q = results[0]!.queries[i]!;
    const label = q.name.startsWith('timeline') ? q.name : `${q.name} (${fmt(q.matches)} of ${fmt(results[0]!.corpus.sessions)} sessions match)`;
    rows.push([`${label}, ms p50 / p95 / p99`, ...results.map((r) => ((x) => (x ? `${x.p50} / ${x.p95} / ${x.p99}` : '-'))(r.queries[i]))]);
  }
  const head = `| Measurement | ${results.map((r) => name(r.engine)).join(' | ')} |\n|---|${results.map(() => '---:|').join('')}`;
  return `${head}\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}`;
}

// ---- main -------------------------------------------------------------------------------------

let current: Running | null = null;
let currentEngine: Engine | null = null;

async function cleanup(): Promise<void> {
  const s = current;
  current = null;
  if (s) await s.stop().catch((e: unknown) => log(`stopping the server failed: ${String(e)}`));
  if (currentEngine === 'postgres') await dropBenchDb().catch((e: unknown) => log(`dropping the bench database failed: ${String(e)}`));
  currentEngine = null;
}

async function runEngine(engine: Engine, batches: Batch[], defs: QueryDef[], pin: boolean): Promise<Omit<Result, 'date' | 'machine' | 'config' | 'corpus'>> {
  currentEngine = engine;
  if (engine === 'postgres') await recreateBenchDb();
  current = await startVigil(ROOT, engine, pin ? 1 : null, args.profile ? resolve(args.profile) : null);
  const s = current;
  log(`${engine}: server pid ${s.pid} at ${s.url}; loading ${fmt(batches.reduce((a, b) => a + b.events, 0))} events`);
  try {
    const ingest = await load(s, batches);
    log(`${engine}: ${fmt(ingest.events_per_s)} events/s sustained; measuring queries`);
    // Latencies are only as clean as the machine was quiet: account the CPU of this phase too.
    const cpu0 = cpuSnapshot();
    const t0 = performance.now();
    const queries = await measureQueries(s, defs.map((d) => ({ ...d, paths: [...d.paths] })));
    const cpu = cpuByGroup(cpu0, cpuSnapshot(), s.pid);
    const pct = (ms: number) => Math.round((ms / (performance.now() - t0)) * 100);
    const queries_cpu_pct = { server: pct(cpu.server), postgres: pct(cpu.postgres), bench: pct(cpu.bench), other: pct(cpu.other) };
    if (queries_cpu_pct.other > 15) log(`  warning: other processes used ${queries_cpu_pct.other}% of a core while queries were timed`);
    const rss = peakRss(s.pid);
    const store_bytes = engine === 'sqlite' ? dirBytes(s.dataDir) : await postgresDbBytes();
    return { engine, ingest, queries, queries_cpu_pct, server_peak_rss_bytes: rss, store_bytes };
  } finally {
    await cleanup();
  }
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));
  // With --pin: one core for the server, the other for this load generator (PostgreSQL's own
  // processes float). Without (the default): the whole machine, as a deployment would run.
  const pin = args.pin && CPUS >= 2 && hasTaskset();
  if (pin) pinSelf(0);
  else log(args.pin ? 'taskset not available or a single CPU: not pinned' : 'not pinned: server, indexer and load generator share both cores');

  const nowMs = Math.floor(Date.now() / 60_000) * 60_000;
  const longSessions = Math.max(1, Math.round(SESSIONS / 100));
  const longLength = Math.min(1000, Math.floor(EVENTS / 2 / longSessions));
  const t = performance.now();
  const dataset = loadDataset(DATASET);
  const plans = planSessions({ events: EVENTS, sessions: SESSIONS, longSessions, longLength, days: 30, nowMs, seed: SEED });
  const batches = buildBatches(dataset, plans, BATCH);
  const bytes = batches.reduce((a, b) => a + b.body.length, 0);
  const corpus = { events: EVENTS, sessions: SESSIONS, long_sessions: longSessions, bytes, avg_event_bytes: Math.round(bytes / EVENTS), build_s: Math.round((performance.now() - t) / 100) / 10 };
  log(`corpus: ${fmt(EVENTS)} events in ${fmt(SESSIONS)} sessions (${longSessions} of ${longLength}), ${batches.length} batches, ${mb(bytes)} of JSON (${corpus.avg_event_bytes} B/event), built in ${corpus.build_s} s`);
  const defs = queryDefs(plans, nowMs);

  const versions: Record<string, string> = {};
  const SQLite = (await import('better-sqlite3')).default;
  versions.sqlite = (new SQLite(':memory:').prepare('select sqlite_version() as v').get() as { v: string }).v;
  if (ENGINES.includes('postgres')) versions.postgresql = await postgresVersion();
  const config = { batch: BATCH, concurrency: CONCURRENCY, requests: REQUESTS, warmup: WARMUP, seed: SEED, pinned: pin, ...gitState(ROOT) };

  const results: Result[] = [];
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  for (const engine of ENGINES) {
    const date = new Date().toISOString();
    const r: Result = { date, machine: machine(versions), config, corpus, ...(await runEngine(engine, batches, defs, pin)) };
    const file = join(ROOT, 'bench/results', `${engine}-${date.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(r, null, 2) + '\n');
    log(`${engine}: results written to ${file}`);
    results.push(r);
  }
  const m = results[0]!.machine;
  const git = `commit ${config.commit}${config.dirty ? ' with uncommitted changes in packages/' : ''}; ${pin ? 'server pinned to one core' : 'not pinned'}`;
  process.stdout.write(`\n${fmt(EVENTS)} events, ${fmt(SESSIONS)} sessions; ${git}; ${m.cpus} × ${m.cpu_model}, ${m.memory_gib} GiB, Node ${m.node}\n\n${table(results)}\n`);
}

main().catch(async (e: unknown) => {
  log(`bench:ingest failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  await cleanup();
  process.exit(1);
});
