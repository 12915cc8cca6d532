// Character classes and measures shared by the secret detectors. Everything works on UTF-16
// code units of the part's text, so spans stay valid offsets; nothing here allocates per char.

/** [A-Za-z0-9] */
export function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** [A-Za-z0-9_-]: the alphabet of most prefixed tokens. */
export function isTokenChar(c: number): boolean {
  return isAlnum(c) || c === 95 || c === 45;
}

/** [A-Za-z0-9_.-]: names of variables and dotted token prefixes ("dp.pt.", "SG."). */
export function isNameChar(c: number): boolean {
  return isAlnum(c) || c === 95 || c === 45 || c === 46;
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

// Counts of the ASCII characters of the stretch entropy() is measuring, put back to zero before it
// returns (it calls nothing), so nothing carries from one call to the next.
const COUNTS = new Uint16Array(128);

/** Shannon entropy in bits per character of text[start, end). */
export function entropy(text: string, start = 0, end = text.length): number {
  const n = end - start;
  if (n <= 0) return 0;
  let other = 0;
  let lo = 128;
  let hi = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      COUNTS[c]!++;
      if (c < lo) lo = c;
      if (c > hi) hi = c;
    } else other++;
  }
  // In character-code order, then the non-ASCII count, as the sum was always taken.
  let h = 0;
  for (let i = lo; i <= hi; i++) {
    const k = COUNTS[i]!;
    if (k === 0) continue;
    COUNTS[i] = 0;
    const p = k / n;
    h -= p * Math.log2(p);
  }
  if (other !== 0) {
    const p = other / n;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Kinds of characters present: bit 1 lower, 2 upper, 4 digit, 8 other. */
export function charKinds(text: string, start = 0, end = text.length): number {
  let k = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) k |= 1;
    else if (c >= 65 && c <= 90) k |= 2;
    else if (c >= 48 && c <= 57) k |= 4;
    else k |= 8;
  }
  return k;
}

export function kindCount(kinds: number): number {
  return (kinds & 1) + ((kinds >> 1) & 1) + ((kinds >> 2) & 1) + ((kinds >> 3) & 1);
}

// Words that mark a value as a stand-in, not a credential. Matched case-insensitively.
const PLACEHOLDER_WORDS = [
  'example', 'sample', 'dummy', 'placeholder', 'your', 'redacted', 'changeme', 'change_me', 'change-me',
  'xxxx', '****', '....', '<', '>', '${', '{{', '}}', 'fake', 'insert', 'replace', 'mock', 'todo', 'notreal',
];

// Keyboard rows typed as filler ("QWERTYUIOP", "asdfghjkl").
const KEYBOARD = /qwerty|wertyu|ertyui|rtyuio|tyuiop|asdfgh|sdfghj|dfghjk|fghjkl|zxcvbn|xcvbnm/;

/**
 * True when text[start, end) is a placeholder rather than a random secret: template markers,
 * well-known stand-in words, keyboard rows, a run of one repeated character, or a sequential
 * run like "abcdef".
 */
export function looksPlaceholder(text: string, start = 0, end = text.length): boolean {
  if (end - start > 512) end = start + 512;
  const lower = text.slice(start, end).toLowerCase();
  for (const w of PLACEHOLDER_WORDS) if (lower.includes(w)) return true;
  if (KEYBOARD.test(lower)) return true;
  let rep = 1;
  let seq = 1;
  let dseq = 1;
  for (let i = start + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    const p = text.charCodeAt(i - 1);
    rep = c === p ? rep + 1 : 1;
    seq = c === p + 1 && isAlnum(c) ? seq + 1 : 1;
    dseq = c === p - 1 && isAlnum(c) ? dseq + 1 : 1;
    if (rep >= 6 || seq >= 6 || dseq >= 6) return true;
  }
  return false;
}

/** Index of `needle` in text[from, to), or -1. Bounded, unlike indexOf over the rest of the text. */
export function indexIn(text: string, needle: string, from: number, to: number): number {
  const last = to - needle.length;
  const c0 = needle.charCodeAt(0);
  for (let i = from; i <= last; i++) {
    if (text.charCodeAt(i) === c0 && text.startsWith(needle, i)) return i;
  }
  return -1;
}

/** 8-4-4-4-12 hex. */
export function isUuid(text: string, start: number, end: number): boolean {
  if (end - start !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = text.charCodeAt(start + i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
    } else if (!isHexChar(c)) return false;
  }
  return true;
}

export function isHexChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

export function allHex(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isHexChar(text.charCodeAt(i))) return false;
  return end > start;
}

const B64 = (() => {
  const t = new Int8Array(128).fill(-1);
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let i = 0; i < a.length; i++) t[a.charCodeAt(i)] = i;
  t[43] = 62; t[45] = 62; // + and base64url -
  t[47] = 63; t[95] = 63; // / and base64url _
  return t;
})();

/** Decodes base64 or base64url text[start, end) to a latin1 string (at most `max` input chars); undefined if malformed. */
export function decodeBase64(text: string, start: number, end: number, max = 4096): string | undefined {
  if (end - start > max) end = start + max;
  let out = '';
  let acc = 0;
  let bits = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 61) break; // padding
    const v = c < 128 ? B64[c]! : -1;
    if (v < 0) return undefined;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 0xff);
    }
  }
  return out;
}
