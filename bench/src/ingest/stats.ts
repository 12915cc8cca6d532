// Latency percentiles and throughput windows for the ingest benchmark.

export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

export function latency(samples: readonly number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const sum = s.reduce((a, b) => a + b, 0);
  return {
    n: s.length,
    p50: round(percentile(s, 50)),
    p95: round(percentile(s, 95)),
    p99: round(percentile(s, 99)),
    max: round(s[s.length - 1] ?? NaN),
    mean: round(s.length ? sum / s.length : NaN),
  };
}

/**
 * The lowest rate over any `windowS`-second span, sliding by one second. Completions are
 * (seconds since start, events) pairs; the last, partial second is left out so the tail of the
 * run (fewer requests in flight) does not count as a slow window. Runs shorter than a window
 * report their overall rate.
 */
export function slowestWindow(done: readonly { t: number; n: number }[], elapsedS: number, windowS = 10): number {
  const total = done.reduce((a, d) => a + d.n, 0);
  const seconds = Math.floor(elapsedS);
  if (seconds < windowS) return total / elapsedS;
  const perSecond = new Array<number>(seconds).fill(0);
  for (const d of done) {
    const i = Math.floor(d.t);
    if (i < seconds) perSecond[i]! += d.n;
  }
  let sum = 0;
  for (let i = 0; i < windowS; i++) sum += perSecond[i]!;
  let min = sum;
  for (let i = windowS; i < seconds; i++) {
    sum += perSecond[i]! - perSecond[i - windowS]!;
    if (sum < min) min = sum;
  }
  return min / windowS;
}
