/** A sliding one-minute window of attempts per key (a client address). In memory: per process. */
export class PerMinute {
  private readonly seen = new Map<string, number[]>();

  constructor(private readonly max: number) {}

  /** Counts an attempt; false when the key already made `max` in the last minute. */
  allow(key: string, nowMs: number): boolean {
    const recent = (this.seen.get(key) ?? []).filter((t) => t > nowMs - 60_000);
    const ok = recent.length < this.max;
    if (ok) recent.push(nowMs);
    this.seen.set(key, recent);
    if (this.seen.size > 10_000) for (const [k, v] of this.seen) if (!v.some((t) => t > nowMs - 60_000)) this.seen.delete(k);
    return ok;
  }
}
