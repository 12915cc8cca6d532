// Starts and stops a `vigil serve` child per engine, and talks HTTP to it.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type Engine = 'sqlite' | 'postgres';

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test';
// Per run, so two runs at once (say, on a shared machine) never drop each other's database.
const BENCH_DB = `vigil_bench_${process.pid}`;
export const BENCH_DB_URL = `postgres://postgres@127.0.0.1:5432/${BENCH_DB}`;

async function admin<T>(fn: (c: pg.Client) => Promise<T>, url = ADMIN_URL): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function recreateBenchDb(): Promise<void> {
  await admin(async (c) => {
    await c.query(`drop database if exists ${BENCH_DB} with (force)`);
    await c.query(`create database ${BENCH_DB}`);
  });
}

export const dropBenchDb = () => admin((c) => c.query(`drop database if exists ${BENCH_DB} with (force)`)).then(() => undefined);
export const postgresVersion = () => admin((c) => c.query<{ v: string }>('show server_version')).then((r) => r.rows[0]!.v);
export const postgresDbBytes = () => admin((c) => c.query<{ n: string }>(`select pg_database_size('${BENCH_DB}') as n`)).then((r) => Number(r.rows[0]!.n));

/** CPU pinning is best effort: without taskset both processes share both cores. */
export function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function pinSelf(cpu: number): void {
  // -a: every thread (V8's GC helpers and libuv's pool already run), not just the main one.
  execFileSync('taskset', ['-a', '-pc', String(cpu), String(process.pid)], { stdio: 'ignore' });
}

export interface Running {
  engine: Engine;
  url: string;
  token: string;
  pid: number;
  dataDir: string;
  stop(): Promise<void>;
}

/** Spawns `vigil serve` on a free port, optionally pinned to one CPU, and waits until it listens. */
export async function startVigil(root: string, engine: Engine, cpu: number | null, profileDir: string | null = null): Promise<Running> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  const token = randomBytes(24).toString('hex');
  const prof = profileDir === null ? [] : ['--cpu-prof', '--cpu-prof-dir', profileDir];
  const args = [...prof, join(root, 'packages/cli/dist/main.js'), 'serve', '--port', '0', '--data', dataDir, '--log-level', 'warn'];
  if (engine === 'postgres') args.push('--database-url', BENCH_DB_URL);
  const [cmd, argv] = cpu === null ? ['node', args] : ['taskset', ['-c', String(cpu), 'node', ...args]];
  const child: ChildProcess = spawn(cmd, argv, { env: { ...process.env, VIGIL_ADMIN_TOKEN: token }, stdio: ['ignore', 'inherit', 'pipe'] });

  const url = await new Promise<string>((resolve, reject) => {
    let err = '';
    const onData = (b: Buffer) => {
      err += b.toString();
      const m = /Vigil listening on (http:\/\/\S+)/.exec(err);
      if (m) resolve(m[1]!);
    };
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`vigil serve exited (${code}) before listening:\n${err}`)));
  }).catch((e: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  });
  // Keep relaying the server's warnings and errors.
  child.stderr!.on('data', (b: Buffer) => process.stderr.write(`[vigil ${engine}] ${b}`));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((res) => child.once('exit', res));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { engine, url, token, pid: child.pid!, dataDir, stop };
}

export function dirBytes(dir: string): number {
  let n = 0;
  for (const f of readdirSync(dir)) {
    const s = statSync(join(dir, f));
    n += s.isDirectory() ? dirBytes(join(dir, f)) : s.size;
  }
  return n;
}

// ---- CPU accounting (Linux /proc), to show which side is the bottleneck ----------------------

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (user + system, ms) and command name of every process, by pid. */
export function cpuSnapshot(): Map<number, { comm: string; ms: number }> {
  const out = new Map<number, { comm: string; ms: number }>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const f = stat.slice(close + 2).split(' ');
      out.set(Number(d), { comm: stat.slice(stat.indexOf('(') + 1, close), ms: (Number(f[11]) + Number(f[12])) * TICK_MS });
    } catch {
      // the process exited while we looked
    }
  }
  return out;
}

/**
 * CPU used between two snapshots, grouped: the Vigil server, PostgreSQL's processes, this load
 * generator, and everything else (kernel threads, other users of the machine: a large "other"
 * means the numbers were disturbed).
 */
export function cpuByGroup(before: Map<number, { ms: number }>, after: Map<number, { comm: string; ms: number }>, serverPid: number) {
  const g = { server: 0, postgres: 0, bench: 0, other: 0 };
  for (const [pid, a] of after) {
    const used = a.ms - (before.get(pid)?.ms ?? 0);
    if (used <= 0) continue;
    const key = pid === serverPid ? 'server' : pid === process.pid ? 'bench' : a.comm === 'postgres' ? 'postgres' : 'other';
    g[key] += used;
  }
  return g;
}

/** Peak resident memory of a process in bytes. */
export function peakRss(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** The commit measured, and whether packages/ had uncommitted changes (numbers then belong to no commit). */
export function gitState(root: string): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'packages'], { cwd: root, encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: 'unknown', dirty: true };
  }
}

// ---- HTTP ---------------------------------------------------------------------------------

export interface Reply {
  status: number;
  /** Raw bytes: decoding a 1.5 MB timeline costs the client milliseconds, so it is left to callers that need the text. */
  bytes: Buffer;
  text(): string;
}

/** node:http with a keep-alive agent: lighter than fetch, so the client stays out of the way. */
export class Http {
  private readonly agent: http.Agent;
  private readonly base: URL;

  constructor(
    url: string,
    private readonly token: string,
    sockets: number,
  ) {
    this.base = new URL(url);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  request(method: 'GET' | 'POST', path: string, body?: Buffer): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = { authorization: `Bearer ${this.token}` };
      if (body) Object.assign(headers, { 'content-type': 'application/json', 'content-length': body.length });
      const req = http.request({ host: this.base.hostname, port: this.base.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, bytes, text: () => bytes.toString('utf8') });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
