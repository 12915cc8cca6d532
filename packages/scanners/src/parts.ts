import type { ScanPart } from '@vigil/scanner-spec';

// Deep enough for any real tool payload; deeper nesting is hostile and is not walked further.
const MAX_DEPTH = 32;

/**
 * Every string in a tool input or output, with its JSON path ("edits.0.new_string"), in
 * document order. Object keys are not content; numbers and booleans are not scanned.
 */
export function toParts(value: unknown): ScanPart[] {
  const out: ScanPart[] = [];
  walk(value, '', 0, out);
  return out;
}

function walk(v: unknown, path: string, depth: number, out: ScanPart[]): void {
  if (typeof v === 'string') {
    if (v.length > 0) out.push({ path, text: v });
    return;
  }
  if (v === null || typeof v !== 'object' || depth >= MAX_DEPTH) return;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) walk(v[i], path === '' ? String(i) : `${path}.${i}`, depth + 1, out);
    return;
  }
  for (const k in v as Record<string, unknown>) {
    walk((v as Record<string, unknown>)[k], path === '' ? k : `${path}.${k}`, depth + 1, out);
  }
}

/** The part at `path`, if the value has a string there (e.g. a Bash call's "command"). */
export function partAt(parts: readonly ScanPart[], path: string): ScanPart | undefined {
  for (const p of parts) if (p.path === path) return p;
  return undefined;
}
