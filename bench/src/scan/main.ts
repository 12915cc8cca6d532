// bench/scan: scanner throughput (MB/s on one core) and per-call latency on realistic tool
// outputs, with secretlint run over the same corpus in the same process for comparison.
//   npm run bench:scan [-- --mb 16 --rounds 3 --secretlint-seconds 60]
import { parseArgs } from 'node:util';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import { ALL_SCANNERS, createScanEngine, secretsScanner, type ScanRequest } from '@vigil/scanners';
import { buildCorpus, corpusBytes, type Payload } from './corpus.js';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '16' }, rounds: { type: 'string', default: '5' }, 'secretlint-seconds': { type: 'string', default: '60' } } });
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const corpus = buildCorpus(ROOT, Number(values.mb));
const bytes = corpusBytes(corpus);
const rounds = Number(values.rounds);
const engine = createScanEngine();

const TOOL: Record<Payload['kind'], { name: string; kind: 'shell' | 'file_read' }> = {
  source: { name: 'Read', kind: 'file_read' },
  json: { name: 'Read', kind: 'file_read' },
  log: { name: 'Bash', kind: 'shell' },
  shell: { name: 'Bash', kind: 'shell' },
};
// Shaped as Claude Code returns them: Read → {type, file: {filePath, content}}, Bash → {stdout, stderr}.
const requests = corpus.map((p): ScanRequest[] => [{ field: 'output', value: p.kind === 'source' || p.kind === 'json' ? { type: 'text', file: { filePath: '/repo/file', content: p.text } } : { stdout: p.text, stderr: '', interrupted: false } }]);

function sorted(xs: number[]): number[] {
  return [...xs].sort((a, b) => a - b);
}
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => sorted(xs)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const mbps = (n: number, ms: number) => n / 1024 / 1024 / (ms / 1000);

/**
 * Median MB/s over rounds after one untimed pass over the whole corpus (a server scans all day:
 * steady state is what a tool call meets), and every call's time (ms) of the last round. The
 * first, cold pass is returned too.
 */
function measure(fn: (i: number) => void): { mbps: number; calls: number[]; cold: number } {
  const c0 = performance.now();
  for (let i = 0; i < corpus.length; i++) fn(i);
  const cold = mbps(bytes, performance.now() - c0);
  const speeds: number[] = [];
  let calls: number[] = [];
  for (let r = 0; r < rounds; r++) {
    calls = new Array<number>(corpus.length);
    const t0 = performance.now();
    for (let i = 0; i < corpus.length; i++) {
      const s = performance.now();
      fn(i);
      calls[i] = performance.now() - s;
    }
    speeds.push(mbps(bytes, performance.now() - t0));
  }
  return { mbps: median(speeds), calls, cold };
}

let findings = 0;
const full = measure((i) => {
  findings += engine.scan('tool_output', 'claude-code', TOOL[corpus[i]!.kind], requests[i]!).record.findings.length;
});
const plain = (i: number) => ({ stage: 'tool_output' as const, client: 'claude-code', parts: [{ path: '', text: corpus[i]!.text }] });
const secrets = measure((i) => void secretsScanner.scan(plain(i), { sensitivity: 'medium' }));
const perScanner = ALL_SCANNERS.filter((s) => s.stages.includes('tool_output')).map((s) => ({ id: s.id, mbps: measure((i) => void s.scan(plain(i), { sensitivity: 'medium' })).mbps }));
const perKind = (['source', 'log', 'json', 'shell'] as const).map((kind) => {
  const idx = corpus.map((p, i) => (p.kind === kind ? i : -1)).filter((i) => i >= 0);
  const n = idx.reduce((a, i) => a + corpus[i]!.text.length, 0);
  const t0 = performance.now();
  for (const i of idx) engine.scan('tool_output', 'claude-code', TOOL[kind], requests[i]!);
  return { kind, mbps: mbps(n, performance.now() - t0) };
});

// Typical tool inputs: shell commands, and a 10 KB file write.
const commands = ['git status', 'npm test -- --watch=false', 'ls -la src', 'rg -n "TODO" packages', 'docker compose up -d db', 'curl -s https://api.github.com/repos/x/y | jq .stargazers_count', 'kubectl get pods -n staging', 'python -m pytest -q tests/test_api.py', 'cat package.json', 'git push origin feature/login'];
const write = { file_path: '/repo/src/server.ts', content: corpus.find((p) => p.kind === 'source')!.text };
const inputCalls: number[] = [];
const writeCalls: number[] = [];
for (let r = 0; r < 4000; r++) {
  let s = performance.now();
  engine.scan('tool_input', 'claude-code', { name: 'Bash', kind: 'shell' }, [{ field: 'input', value: { command: commands[r % commands.length], description: 'run it' } }]);
  if (r >= 1000) inputCalls.push(performance.now() - s);
  s = performance.now();
  engine.scan('tool_input', 'claude-code', { name: 'Write', kind: 'file_write' }, [{ field: 'input', value: write }]);
  if (r >= 1000) writeCalls.push(performance.now() - s);
}

// secretlint, same payloads, until its time budget is spent (it is much slower).
const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] };
let slBytes = 0;
let slFindings = 0;
const budget = Number(values['secretlint-seconds']) * 1000;
for (let i = 0; i < 50; i++) await lintSource({ source: { filePath: '/x.txt', content: corpus[i]!.text, contentType: 'text' }, options: { config, noPhysicFilePath: true } });
const sl0 = performance.now();
for (let i = 0; i < corpus.length && performance.now() - sl0 < budget; i++) {
  const r = await lintSource({ source: { filePath: '/x.txt', content: corpus[i]!.text, contentType: 'text' }, options: { config, noPhysicFilePath: true } });
  slFindings += r.messages.length;
  slBytes += corpus[i]!.text.length;
}
const secretlint = mbps(slBytes, performance.now() - sl0);

const f2 = (n: number) => n.toFixed(2);
const f3 = (n: number) => n.toFixed(3);
console.log(`\nbench/scan — ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, one thread`);
console.log(`corpus: ${(bytes / 1024 / 1024).toFixed(1)} MB in ${corpus.length} payloads (median ${median(corpus.map((p) => p.text.length))} chars): source, logs, JSON, shell output; ${rounds} rounds, median`);
console.log('\n| measure | value |\n|---|---|');
console.log(`| full scanner set, tool outputs | ${f2(full.mbps)} MB/s |`);
console.log(`| full set, first pass of a fresh process (JIT cold) | ${f2(full.cold)} MB/s |`);
console.log(`| full set, per call p50 / p99 (≈10 KB output) | ${f3(pct(full.calls, 50))} / ${f3(pct(full.calls, 99))} ms |`);
console.log(`| secrets alone | ${f2(secrets.mbps)} MB/s |`);
console.log(`| secretlint 12 (recommended preset), same corpus | ${f2(secretlint)} MB/s (${(slBytes / 1024 / 1024).toFixed(1)} MB in the time budget) |`);
console.log(`| secrets ÷ secretlint | ${(secrets.mbps / secretlint).toFixed(1)}× |`);
console.log(`| tool input: shell command, p50 / p99 | ${f3(pct(inputCalls, 50))} / ${f3(pct(inputCalls, 99))} ms |`);
console.log(`| tool input: 10 KB file write, p50 / p99 | ${f3(pct(writeCalls, 50))} / ${f3(pct(writeCalls, 99))} ms |`);
for (const s of perScanner) console.log(`| ${s.id} alone | ${f2(s.mbps)} MB/s |`);
for (const k of perKind) console.log(`| full set on ${k.kind} | ${f2(k.mbps)} MB/s |`);
console.log(`\nfindings in one pass over the corpus: Vigil ${Math.round(findings / (rounds + 1))} (all scanners, default settings); secretlint ${slFindings} in ${(slBytes / 1024 / 1024).toFixed(1)} MB`);
