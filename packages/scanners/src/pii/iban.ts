import type { Hit, ScanCtx } from './rules.js';

// Two letters, two check digits, then the BBAN: plain or in groups of four. Country length
// table plus the ISO 13616 mod-97 check; a random string passes with probability ~1%,
// and then only if it has the exact length for its country.

const LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28,
  CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18,
  GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32,
  LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24,
  PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28,
  TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

// Candidate: CC + 2 digits + 11..30 alphanumerics, optionally in space-separated groups of 4.
const CANDIDATE = /[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,4})?\b/y;
const IBAN_WORDS = /(?:iban|bank|account|transfer|wire|sepa|bic|swift)/i;

/** An IBAN starting at `at` (a word start), or null; the caller found two letters and two digits there. */
export function ibanAt(text: string, at: number, sc: ScanCtx): Hit | null {
  CANDIDATE.lastIndex = at;
  const m = CANDIDATE.exec(text);
  if (m === null) return null;
  {
    const raw = m[0];
    const compact = raw.includes(' ') ? raw.replace(/ /g, '') : raw;
    const cc = compact.slice(0, 2).toUpperCase();
    const len = LENGTHS[cc];
    let end = m.index + raw.length;
    let value = compact;
    if (len === undefined || compact.length < len) return null;
    if (compact.length > len) {
      // A trailing group glued on by a space ("… 1234 and"): cut back to the country length.
      if (!raw.includes(' ')) return null;
      value = compact.slice(0, len);
      end = endOfNth(raw, m.index, len);
      if (end < 0) return null;
    }
    // One case throughout: mixed-case runs are identifiers or base64, not IBANs.
    const upper = value.toUpperCase();
    if (value !== upper && value !== value.toLowerCase()) return null;
    if (!mod97(upper)) return null;
    const confidence = IBAN_WORDS.test(sc.label) || IBAN_WORDS.test(text.slice(Math.max(0, m.index - 40), m.index)) ? 0.95 : 0.85;
    return { rule: 'iban', start: m.index, end, confidence };
  }
}

/** Offset just after the n-th non-space character of `raw` (which starts at `base`), or -1 if it ends mid-group. */
function endOfNth(raw: string, base: number, n: number): number {
  let seen = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw.charCodeAt(i) === 32) continue;
    if (++seen === n) return i + 1 < raw.length && raw.charCodeAt(i + 1) !== 32 ? -1 : base + i + 1;
  }
  return -1;
}

export function mod97(iban: string): boolean {
  const s = iban.slice(4) + iban.slice(0, 4);
  let r = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) r = (r * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) r = (r * 100 + (c - 55)) % 97;
    else return false;
  }
  return r === 1;
}
