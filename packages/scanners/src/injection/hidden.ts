// Characters a human reviewer cannot see but a model reads:
// - Unicode tag characters U+E0000..E007F (surrogates DB40 DC00..DC7F) spell out ASCII invisibly
//   ("ASCII smuggling"). Their only legitimate use is the subdivision flag emoji sequences
//   (black flag U+1F3F4 + a few tag letters + cancel tag U+E007F), which are skipped.
// - Zero-width characters (U+200B..U+200D, U+2060, U+FEFF) inside words split keywords past
//   filters or carry bits; in emoji ZWJ sequences, Indic/Persian ZWNJ and a leading BOM they are normal.
// - Bidirectional overrides and isolates (U+202A..U+202E, U+2066..U+2069) reorder what is shown
//   ("Trojan Source"); in right-to-left prose they are sometimes legitimate, so that lowers confidence.

// One regex jumps between occurrences; on a one-byte string (no character above U+00FF) V8 knows
// at once that it cannot match. Made once (copying it per call cost more than the scan of most
// texts): lastIndex is set before use and nothing in findHidden yields, so no state crosses calls.
const ANY = /[\u200B-\u200D\u202A-\u202E\u2060\u2066-\u2069\uFEFF\uDB40]/g;

export interface HiddenHit {
  kind: 'tag' | 'zero-width' | 'bidi';
  start: number;
  end: number;
  /** Tag characters: how many hidden ASCII characters; zero-width/bidi: how many characters. */
  count: number;
  /** Tag characters: the hidden ASCII text (scored by the caller, never reported). */
  decoded?: string;
  rtlContext?: boolean;
  /** Zero-width: the longest run of consecutive zero-width characters. */
  longestRun?: number;
}

export function findHidden(text: string): HiddenHit[] {
  const re = ANY;
  re.lastIndex = 0;
  let m = re.exec(text);
  if (m === null) return [];
  const out: HiddenHit[] = [];
  let zwCount = 0;
  let zwMaxRun = 0;
  let zwStart = -1;
  let zwEnd = -1;
  let bidiCount = 0;
  let bidiStart = -1;
  let bidiEnd = -1;
  for (; m !== null; m = re.exec(text)) {
    const i = m.index;
    const c = text.charCodeAt(i);
    if (c === 0xdb40) {
      const run = tagRun(text, i);
      if (run.end > i) {
        if (!isFlagSequence(text, i, run.end)) {
          out.push({ kind: 'tag', start: i, end: run.end, count: (run.end - i) / 2, decoded: run.decoded });
        }
        re.lastIndex = run.end;
      }
      continue;
    }
    if (isZeroWidth(c)) {
      let j = i + 1;
      while (j < text.length && isZeroWidth(text.charCodeAt(j))) j++;
      re.lastIndex = j;
      if (i === 0 && j === 1 && c === 0xfeff) continue; // byte order mark
      const run = j - i;
      if (run > zwMaxRun) zwMaxRun = run;
      if (run >= 3 || suspiciousZeroWidth(text, i, j)) {
        zwCount += run;
        if (zwStart < 0) zwStart = i;
        zwEnd = j;
      }
      continue;
    }
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
      bidiCount++;
      if (bidiStart < 0) bidiStart = i;
      bidiEnd = i + 1;
    }
  }
  if (zwCount > 0) out.push({ kind: 'zero-width', start: zwStart, end: zwEnd, count: zwCount, longestRun: zwMaxRun });
  if (bidiCount > 0) out.push({ kind: 'bidi', start: bidiStart, end: bidiEnd, count: bidiCount, rtlContext: hasRtl(text) });
  return out;
}

function tagRun(text: string, i: number): { end: number; decoded: string } {
  let j = i;
  let decoded = '';
  while (j + 1 < text.length && text.charCodeAt(j) === 0xdb40) {
    const lo = text.charCodeAt(j + 1);
    if (lo < 0xdc00 || lo > 0xdc7f) break;
    if (decoded.length < 2000) decoded += String.fromCharCode(lo - 0xdc00);
    j += 2;
  }
  return { end: j, decoded };
}

// U+1F3F4 (D83C DFF4), then at most 6 tag letters/digits, ending with cancel tag U+E007F (DB40 DC7F).
function isFlagSequence(text: string, start: number, end: number): boolean {
  if (start < 2 || text.charCodeAt(start - 2) !== 0xd83c || text.charCodeAt(start - 1) !== 0xdff4) return false;
  return end - start <= 14 && text.charCodeAt(end - 1) === 0xdc7f;
}

const isZeroWidth = (c: number): boolean => (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;

// Latin letters and digits: zero-width characters between them have no typographic purpose.
function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f);
}

/**
 * One or two zero-width characters inside a Latin word, or between a letter and a space (where a
 * line-break hint is pointless). Not between emoji, in Indic/Arabic script, or before "/" in a URL.
 */
function suspiciousZeroWidth(text: string, i: number, j: number): boolean {
  const prev = i > 0 ? text.charCodeAt(i - 1) : 0x20;
  const next = j < text.length ? text.charCodeAt(j) : 0x20;
  if (isWordChar(prev)) return isWordChar(next) || next === 0x20;
  return prev === 0x20 && isWordChar(next);
}

const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/;
const hasRtl = (text: string): boolean => RTL.test(text);
