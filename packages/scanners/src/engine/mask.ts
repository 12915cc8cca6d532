// Redaction of matched text everywhere an event keeps it: the normalised fields and the raw
// payload (which repeats the tool input and output), so a masked secret is stored nowhere.

const MAX_DEPTH = 64;

/** `value` with every occurrence of each mask key replaced; unchanged parts are shared, not copied. */
export function maskDeep<T>(value: T, masks: ReadonlyMap<string, string>): T {
  if (masks.size === 0) return value;
  // Longest first, so a secret that contains another is replaced whole.
  const pairs = [...masks].sort((a, b) => b[0].length - a[0].length);
  return walk(value, pairs, 0) as T;
}

export function maskText(text: string, pairs: ReadonlyArray<readonly [string, string]>): string {
  let out = text;
  for (const [from, to] of pairs) if (out.includes(from)) out = out.split(from).join(to);
  return out;
}

function walk(v: unknown, pairs: ReadonlyArray<readonly [string, string]>, depth: number): unknown {
  if (typeof v === 'string') return maskText(v, pairs);
  if (v === null || typeof v !== 'object' || depth >= MAX_DEPTH) return v;
  if (Array.isArray(v)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const m = walk(v[i], pairs, depth + 1);
      if (m !== v[i]) (copy ??= v.slice())[i] = m;
    }
    return copy ?? v;
  }
  let copy: Record<string, unknown> | null = null;
  const o = v as Record<string, unknown>;
  for (const k in o) {
    const m = walk(o[k], pairs, depth + 1);
    if (m !== o[k]) (copy ??= { ...o })[k] = m;
  }
  return copy ?? v;
}
