// Builds the console benchmark's store once through the real ingest API, or reuses it when its
// marker says it is complete and was made by the same generator with the same options.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULTS, startServer, type RunningServer } from '@vigil/server';
import { Http, dirBytes } from '../ingest/server.js';
import { latency, type Latency } from '../ingest/stats.js';
import { GENERATOR_VERSION, batches, plan, type Options } from './corpus.js';

const MARKER = 'bench-store.json';

export interface Marker {
  generator_version: number;
  complete: true;
  options: Options;
  built_at: string;
  users: number;
  devices: number;
  /** A user with an ordinary number of sessions, for the filtered list. */
  filter_user: string;
  ingest: { events: number; seconds: number; events_per_s: number; batch_ms: Latency; search_catch_up_s: number; batch: number; concurrency: number; ingest_threads: number };
  counts: { all: number; clean: number; alerted: number; blocked: number };
  store_bytes: number;
}

type Log = (s: string) => void;

export function start(dataDir: string, token: string): Promise<RunningServer> {
  return startServer({ ...DEFAULTS, port: 0, dataDir, adminToken: token, logLevel: 'silent' });
}

export function readMarker(dir: string): Marker | null {
  try {
    return JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as Marker;
  } catch {
    return null;
  }
}

/** Returns the marker of a usable store in `dir`, building it first when needed. */
export async function ensureStore(dir: string, o: Options, token: string, log: Log, opts: { rebuild: boolean; batch: number; concurrency: number }): Promise<Marker> {
  const m = readMarker(dir);
  const same = (a: Omit<Options, 'nowMs'>, b: Omit<Options, 'nowMs'>) => a.events === b.events && a.sessions === b.sessions && a.days === b.days && a.seed === b.seed;
  if (!opts.rebuild && m?.complete && m.generator_version === GENERATOR_VERSION && same(m.options, o)) {
    const age = (Date.now() - m.options.nowMs) / 3_600_000;
    log(`store: reusing ${dir} (built ${m.built_at}, ${age.toFixed(1)} h ago; --rebuild to make a new one)`);
    return m;
  }
  log(m ? `store: ${dir} is ${m.complete ? 'from another generator version or options' : 'incomplete'}; rebuilding` : `store: building ${dir}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });

  const pop = plan(o);
  const server = await start(dir, token);
  const http = new Http(server.url, token, opts.concurrency);
  try {
    const gen = batches(pop.plans, opts.batch);
    const ms: number[] = [];
    let events = 0;
    const t0 = performance.now();
    const progress = setInterval(() => {
      const s = (performance.now() - t0) / 1000;
      log(`  ${events.toLocaleString('en-US')} of ${o.events.toLocaleString('en-US')} events, ${Math.round(events / s).toLocaleString('en-US')}/s, ${s.toFixed(0)} s`);
    }, 10_000);
    // Each worker makes its next batch when it is free, so the generator stays one batch ahead per request.
    const worker = async () => {
      for (let b = gen.next(); !b.done; b = gen.next()) {
        const body = Buffer.from(JSON.stringify({ schema_version: 1, events: b.value }));
        const t = performance.now();
        const res = await http.request('POST', '/v1/events', body);
        ms.push(performance.now() - t);
        if (res.status !== 200) throw new Error(`POST /v1/events answered ${res.status}: ${res.text().slice(0, 800)}`);
        const a = JSON.parse(res.text()) as { accepted: string[]; duplicates: string[] };
        if (a.accepted.length + a.duplicates.length !== b.value.length) throw new Error(`batch of ${b.value.length}: ${a.accepted.length} accepted, ${a.duplicates.length} duplicates`);
        events += b.value.length;
      }
    };
    try {
      await Promise.all(Array.from({ length: opts.concurrency }, worker));
    } finally {
      clearInterval(progress);
    }
    const seconds = (performance.now() - t0) / 1000;
    log(`store: ${events.toLocaleString('en-US')} events in ${seconds.toFixed(1)} s = ${Math.round(events / seconds).toLocaleString('en-US')} events/s; waiting for the search index`);
    const catchUp = await searchCaughtUp(http);
    const counts = JSON.parse((await http.request('GET', '/v1/sessions/counts')).text()) as Marker['counts'];
    const marker: Marker = {
      generator_version: GENERATOR_VERSION,
      complete: true,
      options: o,
      built_at: new Date().toISOString(),
      users: pop.users.length,
      devices: pop.devices,
      filter_user: pop.users[0]!,
      ingest: { events, seconds: round(seconds), events_per_s: Math.round(events / seconds), batch_ms: latency(ms), search_catch_up_s: round(catchUp), batch: opts.batch, concurrency: opts.concurrency, ingest_threads: DEFAULTS.ingestThreads },
      counts,
      store_bytes: 0,
    };
    await server.close();
    marker.store_bytes = dirBytes(dir);
    writeFileSync(join(dir, MARKER), JSON.stringify(marker, null, 2) + '\n');
    log(`store: search caught up ${marker.ingest.search_catch_up_s} s after the last batch; sessions ${JSON.stringify(counts)}; ${(marker.store_bytes / 2 ** 30).toFixed(2)} GiB`);
    return marker;
  } finally {
    http.close();
    await server.close();
  }
}

const round = (v: number) => Math.round(v * 10) / 10;

/** Polls GET /v1/status until the full-text index has every event; returns the seconds it took. */
export async function searchCaughtUp(http: Http): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const r = await http.request('GET', '/v1/status');
    if (r.status !== 200) throw new Error(`GET /v1/status answered ${r.status}: ${r.text().slice(0, 300)}`);
    const lag = (JSON.parse(r.text()) as { search?: { lag?: number } }).search?.lag;
    if (lag === 0 || lag === undefined) return (performance.now() - t0) / 1000;
    if (performance.now() - t0 > 1_800_000) throw new Error(`search index still ${lag} events behind after 30 minutes`);
    await new Promise((res) => setTimeout(res, 250));
  }
}
