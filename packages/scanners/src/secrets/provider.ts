import { BY_FIRST_TWO, DOC_EXAMPLES, type Format } from './formats.js';
import { emit, type Ctx } from './context.js';
import { onName } from './generic.js';
import { onTerraform } from './structured.js';
import { entropy, indexIn, isAlnum, isNameChar, isTokenChar, looksPlaceholder } from './text.js';

export interface TokenMatch {
  readonly format: Format;
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
}

/**
 * The provider token starting exactly at `k`: a match, undefined when there is none, or null
 * when there is one but it is a placeholder or a documentation example (callers must not
 * then report the same text as a generic secret).
 */
export function matchAt(text: string, k: number): TokenMatch | undefined | null {
  if (k + 8 > text.length) return undefined;
  const c0 = text.charCodeAt(k);
  const c1 = text.charCodeAt(k + 1);
  if (c0 >= 128 || c1 >= 128) return undefined;
  const list = BY_FIRST_TWO.get((c0 << 7) | c1);
  if (list === undefined) return undefined;
  if (k > 0 && isAlnum(text.charCodeAt(k - 1))) return undefined;
  for (const { format, prefix } of list) {
    if (!text.startsWith(prefix, k)) continue;
    const re = format.re;
    re.lastIndex = k;
    const m = re.exec(text);
    if (m === null) continue;
    const end = k + m[0].length;
    const body = k + prefix.length;
    if (looksPlaceholder(text, body, end) || DOC_EXAMPLES.has(m[0])) return null;
    if (entropy(text, body, end) < format.minEntropy) continue;
    const confidence = format.check ? format.check(m[0], prefix) : format.confidence;
    if (confidence <= 0) continue;
    return { format, start: k, end, confidence };
  }
  return undefined;
}

export function emitMatch(ctx: Ctx, m: TokenMatch): void {
  emit(ctx, m.format.id, m.format.label, m.format.severity, m.confidence, m.start, m.end);
}

const BACK = 160;
const AHEAD = 8192;
// Segment starts tried per run ("a-b-c-d-…" holds at most a few prefixes before a token).
const MAX_SEGMENTS = 24;

/**
 * A separator followed by 16 token characters ("_" of "ghp_…", "-" of "sk-ant-…") at `hit`.
 * Takes the whole run of name characters around it and tries every segment start in it, so
 * "ghp_…", "xoxb-1-2-…" and a token glued behind "KEY_" are all found, once per run. A run
 * that holds no token may be a name being assigned ("aws_secret_access_key = …"): the
 * keywords inside it are checked here, since the regex resumes after the run.
 */
export function onSeparatorHit(ctx: Ctx, hit: number): number {
  const t = ctx.text;
  if (hit < ctx.runEnd) return ctx.runEnd;
  let s = hit;
  const minS = hit > BACK ? hit - BACK : 0;
  while (s > minS && isNameChar(t.charCodeAt(s - 1))) s--;
  let e = hit + 1;
  const maxE = Math.min(t.length, hit + AHEAD);
  while (e < maxE && isNameChar(t.charCodeAt(e))) e++;
  ctx.runEnd = e;
  let tries = 0;
  for (let k = s; k < e - 8 && tries < MAX_SEGMENTS && ctx.budget > 0; k++) {
    if (k !== s) {
      const p = t.charCodeAt(k - 1);
      if (p !== 95 && p !== 45 && p !== 46) continue;
    }
    if (!isTokenChar(t.charCodeAt(k))) continue;
    tries++;
    ctx.budget--;
    const m = matchAt(t, k);
    if (m === null) return e;
    if (m !== undefined) {
      emitMatch(ctx, m);
      ctx.runEnd = m.end;
      return m.end;
    }
  }
  if (e - s > 80) {
    const atlas = indexIn(t, '.atlasv1.', s, e);
    if (atlas > s) return Math.max(onTerraform(ctx, atlas + 1), e);
  }
  return Math.max(onName(ctx, s, e), e);
}

/** A literal prefix found at a word boundary ("AKIA", "AIza", "SG."): the token starts right there. */
export function onPrefixHit(ctx: Ctx, hit: number): number {
  const m = matchAt(ctx.text, hit);
  if (!m) return -1;
  emitMatch(ctx, m);
  return m.end;
}
