// bench/hook: what a hook adds to every tool call, from the client spawning the hook to its exit,
// against a local `vigil serve` (loopback). Side by side: the native relay (vigil-hook), the
// Node relay (vigil hook), a minimal Python relay (hook/relay.py) doing the same request, and an
// http hook (Claude Code POSTs the event itself: no process; one fresh connection per event).
//
//   npm run bench:hook -- [--requests N]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { HOOK_ADAPTERS } from '@vigil/core';
import { gitState, startVigil } from '../ingest/server.js';
import { latency, type Latency } from '../ingest/stats.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const PAYLOAD = resolve(ROOT, '../shared/datasets/claude-code/hooks/02-PreToolUse.json');
const { values: args } = parseArgs({ options: { requests: { type: 'string', default: '300' } }, strict: true });
const N = Number(args.requests);
if (!Number.isSafeInteger(N) || N < 10) throw new Error('--requests must be an integer ≥ 10');
const log = (s: string) => process.stderr.write(`${s}\n`);

function run(argv: string[], input: string): Promise<number> {
  const t = performance.now();
  return new Promise((res, rej) => {
    const c = spawn(argv[0]!, argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    c.stdout.on('data', (b: Buffer) => (out += b.toString()));
    c.stderr.on('data', (b: Buffer) => (err += b.toString()));
    c.on('exit', (code) => (code === 0 && /^(\{.*)?$/s.test(out.trim()) && err === '' ? res(performance.now() - t) : rej(new Error(`${argv.join(' ')}: exit ${code}: ${out}${err}`))));
    c.stdin.on('error', () => {}); // a process that does not read its stdin (true) closes it early
    c.stdin.end(input);
  });
}

function httpHook(url: string, token: string, input: string): Promise<number> {
  const t = performance.now();
  return new Promise((res, rej) => {
    const req = http.request(`${url}/v1/hooks/claude-code`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }, (r) => {
      let body = '';
      r.on('data', (b: Buffer) => (body += b.toString()));
      r.on('end', () => (r.statusCode === 200 && body === '{}' ? res(performance.now() - t) : rej(new Error(`http hook: ${r.statusCode} ${body}`))));
    });
    req.on('error', rej);
    req.end(input);
  });
}

async function main() {
  if (!existsSync(PAYLOAD)) throw new Error(`the Claude Code capture is not at ${PAYLOAD}`);
  const native = join(ROOT, 'packages/cli/dist/vigil-hook');
  if (!existsSync(native)) throw new Error(`${native} is missing: run npm run build (needs a C compiler)`);
  const base = JSON.parse(readFileSync(PAYLOAD, 'utf8')) as Record<string, unknown>;
  const vigil = await startVigil(ROOT, 'sqlite', null);
  const dir = mkdtempSync(join(os.tmpdir(), 'vigil-bench-hook-'));
  const config = join(dir, 'hook.json');
  writeFileSync(config, JSON.stringify({ server: vigil.url, token: vigil.token, mode: 'monitor', timeout_ms: 5000, spool_dir: join(dir, 'spool') }));
  const relays: [string, (input: string) => Promise<number>][] = [
    ['native relay (vigil-hook)', (i) => run([native, 'claude-code', '--config', config], i)],
    ['Node relay (vigil hook)', (i) => run([process.execPath, join(ROOT, 'packages/cli/dist/main.js'), 'hook', 'claude-code', '--config', config], i)],
    ['Python relay (python3 relay.py)', (i) => run(['python3', join(ROOT, 'bench/hook/relay.py'), config], i)],
    ['http hook (no process)', (i) => httpHook(vigil.url, vigil.token, i)],
    ['process start only: true(1)', () => run(['true'], '')],
  ];
  // Every other client through the native relay, with the first deciding event of its fixtures.
  const inputs: Record<string, (i: number) => string> = {};
  for (const [client, adapter] of Object.entries(HOOK_ADAPTERS)) {
    if (client === 'claude-code') continue;
    const dir = join(ROOT, 'packages/core/fixtures/hooks', client);
    const fx = JSON.parse(readFileSync(join(dir, readdirSync(dir).sort()[0]!), 'utf8')) as { session_id: string; events: { payload: Record<string, unknown> }[] };
    const payload = fx.events.map((e) => e.payload).find((p) => adapter.deciding.has(adapter.eventName(p) ?? ''))!;
    const hook = adapter.eventName(payload)!;
    // A new session each time (the field holding the session id), so every request stores a new event.
    const key = Object.keys(payload).find((k) => payload[k] === fx.session_id)!;
    const name = `native relay, ${client} ${hook}`;
    relays.push([name, (i) => run([native, client, '--config', config], i)]);
    inputs[name] = (i) => JSON.stringify({ ...payload, [key]: `bench-${client}-${process.pid}-${i}` });
  }
  const results: Record<string, Latency> = {};
  try {
    for (const [name, fn] of relays) {
      const ms: number[] = [];
      for (let i = 0; i < N + 10; i++) {
        // A new tool call each time, so every request stores a new event.
        const input = inputs[name]?.(i) ?? JSON.stringify({ ...base, session_id: `bench-hook-${process.pid}`, tool_use_id: `toolu_${name.length}_${i}` });
        const t = await fn(input);
        if (i >= 10) ms.push(t);
      }
      results[name] = latency(ms);
      log(`${name}: p50 ${results[name]!.p50} ms, p95 ${results[name]!.p95} ms`);
    }
  } finally {
    await vigil.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  const g = gitState(ROOT);
  console.log(`\n${N} sequential PreToolUse events per relay (after 10 warm-up); commit ${g.commit}${g.dirty ? ' with uncommitted changes' : ''}; ${os.cpus().length} × ${cpu}, Node ${process.version}\n`);
  console.log('| Relay | p50 ms | p95 ms | p99 ms | mean ms |\n|---|---:|---:|---:|---:|');
  for (const [name, l] of Object.entries(results)) console.log(`| ${name} | ${l.p50} | ${l.p95} | ${l.p99} | ${l.mean} |`);
}

main().catch((e: unknown) => {
  log(String(e instanceof Error ? e.stack : e));
  process.exit(1);
});
