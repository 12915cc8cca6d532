import { cardBrand } from './cards.js';
import { bsn, cpf, dniLetter, luhn, nhs, nir, personnummer, ssnStructure, steuerId, verhoeff } from './checksums.js';
import { CARD_WORDS, OTHER_ID_WORDS, PHONE_WORDS, SSN_WORDS, labelled, labelledAround } from './context.js';
import { phoneMayFit, phonePossible, validatePhone } from './phone.js';
import type { Hit, PiiRule, ScanCtx } from './rules.js';

// Every number-shaped PII (cards, phones, SSNs, national ids) starts as one candidate: a run
// of at least seven digits joined by single separators. One regex finds the runs (digit
// groups and separator classes are disjoint, so it cannot backtrack beyond a run); the rare
// runs are cut into segments at separators no one writes inside a number, then classified.
// Logs, listings and API responses are full of such runs (timestamps, sizes, ids), so the
// cut and the classification work on offsets in the text: nothing is allocated for a run
// until its shape and length leave a detector that could still report it.

// Runs start at two adjacent digits (half the regex attempts of one); a one-digit first group
// ("+1 415…", "1 84 12…") and an opening "+" or "(" are taken back in code.
// The lookbehind spares an attempt at every digit of every short number ("17239"): a run
// that fails from its first digit fails from the later ones too. Only a run cut by the
// 40-repetition cap continues right after a digit; CONT finds that continuation, which
// (glued to the digits before it) is skipped with the rest of its word.
// The lookahead drops the two commonest runs of logs, which no detector here reports: an ISO
// date glued to a letter ("2026-11-01T10:00"; one segment of three groups followed by a letter
// other than the "x" of an extension) and a whole dotted quad ("10.172.103.200 - -", which
// notPhoneShape rejects; the IPv4 detector has its own pass). The only run that can start
// inside either is the rest of a quad ("172.103.200"), after "digit.", which is skipped below.
// Both are dropped only at a clean start (after no word character, "(" or "+", and no
// one-digit group to take back): there the run would have been classified in place, while a
// run glued to a word is skipped together with the rest of the word, which decides where the
// next run starts. The context is tested last, behind the date or quad; the lookbehind finds
// the run's start as the digit that follows no digit.
const RUN = /(?<!\d)\d\d(?!\d?(?:\d-\d\d-\d\d[A-Za-wyz]|\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![ \-./()]{0,3}\d))(?<=(?<![\dA-Za-z_(+])(?<!\d[ \-.)])\d\d(?:\d?\d-\d\d-\d\d[A-Za-wyz]|\d?\.\d{1,3}\.\d{1,3}\.\d{1,3})))(?:[ \-./()]{0,3}\d){5,40}/g;
const CONT = /\d\d(?:[ \-./()]{0,3}\d){5,40}/y;

const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isSep = (c: number): boolean => c === 32 || c === 45 || c === 46 || c === 40 || c === 41;

// A separator (at most three characters of [ -./()]) as a number: char0 + 128·char1 + 128²·char2.
const SP = 32;
const DASH = 45;
const DOT = 46;
const SLASH = 47;
const code2 = (a: number, b: number): number => a + 128 * b;
const code3 = (a: number, b: number, c: number): number => a + 128 * b + 16384 * c;
/** Separators written inside one number: " ", "-", ".", "/", ")", ") ", " (", "(", ")-", " - ", "-(". */
function okSep(code: number): boolean {
  switch (code) {
    case SP: case DASH: case DOT: case SLASH: case 41: case 40:
    case code2(41, 32): case code2(32, 40): case code2(41, 45): case code3(32, 45, 32): case code2(45, 40):
      return true;
    default:
      return false;
  }
}

/** The segment being classified: digit groups as offsets into the text, reused for every run of one call. */
interface Seg {
  start: number;
  end: number;
  /** Digit count. */
  n: number;
  /** Group count; group k starts at gs[k] and has gl[k] digits, separated from group k+1 by sep[k]. */
  ng: number;
  gs: number[];
  gl: number[];
  sep: number[];
  plus: boolean;
  /** The digits as a string, built on first use. */
  d: string | null;
}

/** The arrays grow to the most groups a run of the call has (at most 43: 42 digits and a taken-back one). */
function newSeg(): Seg {
  return { start: 0, end: 0, n: 0, ng: 0, gs: [], gl: [], sep: [], plus: false, d: null };
}

function digits(text: string, seg: Seg): string {
  if (seg.d !== null) return seg.d;
  let d = text.slice(seg.gs[0]!, seg.gs[0]! + seg.gl[0]!);
  for (let k = 1; k < seg.ng; k++) d += text.slice(seg.gs[k]!, seg.gs[k]! + seg.gl[k]!);
  seg.d = d;
  return d;
}

export function findNumbers(text: string, hits: Hit[], sc: ScanCtx): void {
  RUN.lastIndex = 0;
  let seg: Seg | null = null;
  for (let m = RUN.exec(text); m !== null; m = RUN.exec(text)) {
    let s = m.index;
    const e = RUN.lastIndex;
    if (s >= 2 && isDigit(text.charCodeAt(s - 2)) && isSep(text.charCodeAt(s - 1)) && (s === 2 || !isDigit(text.charCodeAt(s - 3)))) s -= 2;
    if (s >= 1 && text.charCodeAt(s - 1) === 40) s--;
    if (s >= 1 && text.charCodeAt(s - 1) === 43) s--;
    const before = s > 0 ? text.charCodeAt(s - 1) : 32;
    // Inside a word, a longer dotted/digit run, or a hex string: not a standalone number.
    if (isWordChar(before) && !(s >= 2 && isNie(text, s))) {
      RUN.lastIndex = skipWord(text, e);
      continue;
    }
    if (!(before === 46 && s >= 2 && isDigit(text.charCodeAt(s - 2)))) {
      // "(" or "+" opening the run only count when they open a phone number.
      seg ??= newSeg();
      segments(text, s, e, seg, hits, sc);
    }
    if (e < text.length && isDigit(text.charCodeAt(e))) {
      CONT.lastIndex = e;
      if (CONT.test(text)) RUN.lastIndex = skipWord(text, CONT.lastIndex);
    }
  }
}

function skipWord(text: string, i: number): number {
  while (i < text.length && isWordChar(text.charCodeAt(i))) i++;
  return i;
}

function isNie(text: string, s: number): boolean {
  const c = text.charCodeAt(s - 1);
  return (c === 88 || c === 89 || c === 90) && (s < 2 || !isWordChar(text.charCodeAt(s - 2)));
}

/** Split a run into segments at separators that do not occur inside one number (". ", "  "), classifying each. */
function segments(text: string, s: number, e: number, seg: Seg, hits: Hit[], sc: ScanCtx): void {
  let i = s;
  seg.plus = false;
  if (text.charCodeAt(i) === 43) {
    seg.plus = true;
    i++;
  }
  seg.start = s;
  seg.ng = 0;
  seg.n = 0;
  seg.d = null;
  // One read per character (they are slow): c is always the character at i.
  let c = text.charCodeAt(i);
  while (i < e) {
    // Separator (possibly empty at the start, e.g. "("); the run ends with a digit, so one follows.
    let j = i;
    let code = 0;
    let mul = 1;
    while (j < e && !(c >= 48 && c <= 57)) {
      code += c * mul;
      mul *= 128;
      c = text.charCodeAt(++j);
    }
    if (j >= e) break; // not reached
    let k = j + 1;
    for (c = text.charCodeAt(k); k < e && c >= 48 && c <= 57; c = text.charCodeAt(++k));
    if (seg.ng === 0) {
      if (j > i && !(j === i + 1 && text.charCodeAt(i) === 40)) seg.start = j; // stray leading separator
    } else if (j - i <= 3 && okSep(code)) {
      seg.sep[seg.ng - 1] = code;
    } else {
      classify(text, seg, hits, sc);
      seg.start = j;
      seg.ng = 0;
      seg.n = 0;
      seg.plus = false;
      seg.d = null;
    }
    seg.gs[seg.ng] = j;
    seg.gl[seg.ng] = k - j;
    seg.ng++;
    seg.n += k - j;
    seg.end = k;
    i = k;
  }
  if (seg.ng > 0) classify(text, seg, hits, sc);
}

/** Two or more groups, every separator the same and equal to `a` or `b`. */
function allSame(seg: Seg, a: number, b = a): boolean {
  if (seg.ng < 2) return false;
  const x = seg.sep[0]!;
  if (x !== a && x !== b) return false;
  for (let k = 1; k < seg.ng - 1; k++) if (seg.sep[k] !== x) return false;
  return true;
}

/** The group lengths are exactly a, b, c (and d when given). */
function shapeIs(seg: Seg, a: number, b: number, c?: number, d?: number): boolean {
  const want = d !== undefined ? 4 : c !== undefined ? 3 : 2;
  return seg.ng === want && seg.gl[0] === a && seg.gl[1] === b && (c === undefined || seg.gl[2] === c) && (d === undefined || seg.gl[3] === d);
}

function push(hits: Hit[], sc: ScanCtx, rule: PiiRule, seg: Seg, confidence: number, detail?: string, end = seg.end): void {
  if (confidence >= sc.floor) hits.push(detail === undefined ? { rule, start: seg.start, end, confidence } : { rule, start: seg.start, end, confidence, detail });
}

const UPPER_AFTER_DASH = /[A-Z]/;

function classify(text: string, seg: Seg, hits: Hit[], sc: ScanCtx): void {
  const n = seg.n;
  if (n < 7) return;
  const after = seg.end < text.length ? text.charCodeAt(seg.end) : 32;
  // Glued to a following word or digit run (a hash, "1234567abc"): only DNI letters and phone extensions may follow.
  const gluedLetter = (after >= 65 && after <= 90) || (after >= 97 && after <= 122);
  if (isDigit(after) || after === 95) return;
  // Longer than any card (19 digits): nothing below reports it.
  if (n > 19) return;
  const contiguous = seg.ng === 1;
  const opened = text.charCodeAt(seg.start) === 40 || seg.plus;

  if (gluedLetter || (after === 45 && seg.end + 1 < text.length && UPPER_AFTER_DASH.test(text[seg.end + 1]!))) {
    spanishId(text, seg, hits, sc);
    if (gluedLetter && after !== 120) return; // 'x' may start a phone extension
  }
  if (seg.start > 0 && isNie(text, seg.start) && n === 7) return; // handled as NIE above

  // Payment cards: 12–19 digits, plain or in groups split by one kind of space or dash.
  if (!opened && n >= 12 && (contiguous || (allSame(seg, SP, DASH) && groupsWithin(seg, 3, 6)))) {
    const d = digits(text, seg);
    if (luhn(d)) {
      const brand = cardBrand(d);
      if (brand !== null) {
        let c = contiguous ? 0.7 : 0.8;
        if (labelled(text, seg.start, seg.end, CARD_WORDS, sc.label, 40, 0)) c = 0.95;
        push(hits, sc, 'payment-card', seg, c, brand);
      }
    }
  }
  if (!opened) nationalIds(text, seg, hits, sc);
  phone(text, seg, hits, sc);
}

function groupsWithin(seg: Seg, lo: number, hi: number): boolean {
  for (let k = 0; k < seg.ng; k++) if (seg.gl[k]! < lo || seg.gl[k]! > hi) return false;
  return true;
}

const DNI_WORDS = /(?:dni|nie|nif|documento|identidad)/i;

function spanishId(text: string, seg: Seg, hits: Hit[], sc: ScanCtx): void {
  if (seg.ng !== 1) return;
  const letterAt = text.charCodeAt(seg.end) === 45 ? seg.end + 1 : seg.end;
  const letter = text[letterAt];
  if (letter === undefined || letterAt + 1 < text.length && isWordChar(text.charCodeAt(letterAt + 1))) return;
  let num = -1;
  let start = seg.start;
  if (seg.n === 8 && !(seg.start > 0 && isWordChar(text.charCodeAt(seg.start - 1)))) num = Number(digits(text, seg));
  else if (seg.n === 7 && seg.start > 0 && isNie(text, seg.start)) {
    num = Number('XYZ'.indexOf(text[seg.start - 1]!) + digits(text, seg));
    start = seg.start - 1;
  }
  if (num < 0 || dniLetter(num) !== letter) return;
  const c = labelled(text, start, letterAt + 1, DNI_WORDS, sc.label, 40, 0) ? 0.9 : 0.7;
  if (c >= sc.floor) hits.push({ rule: 'es-dni', start, end: letterAt + 1, confidence: c });
}

const WEAK = 0.3;
const SIN_WORDS = /(?:\bsin\b|social insurance|nas\b|assurance sociale)/i;
const BSN_WORDS = /(?:bsn|burgerservice|sofi)/i;
const NHS_WORDS = /(?:\bnhs\b|health service|chi number)/i;
const CPF_WORDS = /\bcpf\b/i;
const STEUER_WORDS = /(?:steuer|idnr|identifikationsnummer|\btin\b|tax id)/i;
const AADHAAR_WORDS = /(?:aadhaa?r|uidai|\buid\b)/i;
const NIR_WORDS = /(?:s[ée]curit[ée] sociale|\bnir\b|insee|\bs[ée]cu\b|\bnss\b)/i;
const PERSONNR_WORDS = /(?:personnummer|personnr|samordningsnummer)/i;

const near = (text: string, seg: Seg, re: RegExp, sc: ScanCtx): boolean => labelled(text, seg.start, seg.end, re, sc.label, 48, 0);

function nationalIds(text: string, seg: Seg, hits: Hit[], sc: ScanCtx): void {
  const n = seg.n;
  const contiguous = seg.ng === 1;
  if (n === 9) {
    if ((shapeIs(seg, 3, 2, 4) && allSame(seg, DASH, SP)) || contiguous) {
      const d = digits(text, seg);
      if (ssnStructure(d)) {
        const label = near(text, seg, SSN_WORDS, sc);
        let c = contiguous ? (label ? 0.7 : 0) : seg.sep[0] === DASH ? 0.65 : 0.5;
        if (label && !contiguous) c = 0.9;
        if (d === '123456789' || d === '078051120') c = Math.min(c, 0.3);
        if (c > 0) push(hits, sc, 'us-ssn', seg, c);
      }
    }
    if ((shapeIs(seg, 3, 3, 3) && allSame(seg, DASH, SP)) || contiguous) {
      const d = digits(text, seg);
      if (d[0] !== '0' && d[0] !== '8' && luhn(d)) push(hits, sc, 'ca-sin', seg, near(text, seg, SIN_WORDS, sc) ? 0.8 : WEAK);
    }
    if (contiguous && bsn(digits(text, seg))) push(hits, sc, 'nl-bsn', seg, near(text, seg, BSN_WORDS, sc) ? 0.8 : 0.2);
  } else if (n === 10) {
    if ((shapeIs(seg, 3, 3, 4) && allSame(seg, SP, DASH)) || contiguous) {
      if (nhs(digits(text, seg))) push(hits, sc, 'uk-nhs', seg, near(text, seg, NHS_WORDS, sc) ? 0.85 : WEAK);
    }
    if ((shapeIs(seg, 6, 4) && seg.sep[0] === DASH) || contiguous) personnr(text, seg, hits, sc);
  } else if (n === 11) {
    if (shapeIs(seg, 3, 3, 3, 2) && seg.sep[0] === DOT && seg.sep[1] === DOT && seg.sep[2] === DASH) {
      if (cpf(digits(text, seg))) push(hits, sc, 'br-cpf', seg, near(text, seg, CPF_WORDS, sc) ? 0.95 : 0.8);
    } else if (contiguous && cpf(digits(text, seg))) push(hits, sc, 'br-cpf', seg, near(text, seg, CPF_WORDS, sc) ? 0.8 : 0.25);
    if ((contiguous || (shapeIs(seg, 2, 3, 3, 3) && allSame(seg, SP))) && steuerId(digits(text, seg))) {
      push(hits, sc, 'de-steuer-id', seg, near(text, seg, STEUER_WORDS, sc) ? 0.8 : 0.25);
    }
  } else if (n === 12) {
    if ((shapeIs(seg, 4, 4, 4) && allSame(seg, SP, DASH)) || contiguous) {
      const d = digits(text, seg);
      if (d[0] !== '0' && d[0] !== '1' && verhoeff(d)) push(hits, sc, 'in-aadhaar', seg, near(text, seg, AADHAAR_WORDS, sc) ? 0.85 : WEAK);
    }
    if ((shapeIs(seg, 8, 4) && seg.sep[0] === DASH) || contiguous) personnr(text, seg, hits, sc);
  } else if (n === 15) {
    const standard = seg.ng === 7 && seg.gl[0] === 1 && seg.gl[1] === 2 && seg.gl[2] === 2 && seg.gl[3] === 2 && seg.gl[4] === 3 && seg.gl[5] === 3 && seg.gl[6] === 2 && allSame(seg, SP);
    if (standard || contiguous) {
      const d = digits(text, seg);
      if ('1278'.includes(d[0]!) && nir(d)) {
        const month = Number(d.slice(3, 5));
        if ((month >= 1 && month <= 12) || month >= 20) {
          const label = near(text, seg, NIR_WORDS, sc);
          push(hits, sc, 'fr-nir', seg, label ? 0.9 : standard ? 0.75 : 0.45);
        }
      }
    }
  }
}

function personnr(text: string, seg: Seg, hits: Hit[], sc: ScanCtx): void {
  if (!personnummer(digits(text, seg))) return;
  const label = near(text, seg, PERSONNR_WORDS, sc);
  push(hits, sc, 'se-personnummer', seg, seg.ng === 1 ? (label ? 0.75 : 0.2) : label ? 0.9 : 0.65);
}

/** Group k starts with 19 or 20 and has four digits. */
function year(text: string, seg: Seg, k: number): boolean {
  if (seg.gl[k] !== 4) return false;
  const a = text.charCodeAt(seg.gs[k]!);
  const b = text.charCodeAt(seg.gs[k]! + 1);
  return (a === 49 && b === 57) || (a === 50 && b === 48);
}

/** Two-digit month (01–12) at `m` and day (01–31) at `d`. */
function isoMonthDay(text: string, m: number, d: number): boolean {
  const month = (text.charCodeAt(m) - 48) * 10 + text.charCodeAt(m + 1) - 48;
  const day = (text.charCodeAt(d) - 48) * 10 + text.charCodeAt(d + 1) - 48;
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** Dates and IPv4-like dotted quads are not phone numbers. */
function notPhoneShape(text: string, seg: Seg): boolean {
  const ng = seg.ng;
  const gl = seg.gl;
  const sep0 = ng > 1 ? seg.sep[0]! : -1;
  if (ng >= 3 && gl[1]! <= 2) {
    if (year(text, seg, 0) && gl[2]! <= 2 && (sep0 === DASH || sep0 === SLASH || sep0 === DOT)) return true;
    if (gl[0]! <= 2 && year(text, seg, 2) && (sep0 === SLASH || sep0 === DOT || sep0 === DASH)) return true;
  }
  if (ng === 2 && year(text, seg, 0) && year(text, seg, 1)) return true; // 2004-2008
  // An ISO date after other groups: a size and a timestamp in `ls -l` ("4096 2026-11-21 23:45")
  // or a log line ("200 2026-11-21 10").
  for (let k = 1; k + 2 < ng; k++) {
    if (seg.sep[k] === DASH && seg.sep[k + 1] === DASH && gl[k + 1] === 2 && gl[k + 2] === 2 && year(text, seg, k) && isoMonthDay(text, seg.gs[k + 1]!, seg.gs[k + 2]!)) return true;
  }
  if (ng === 4 && allSame(seg, DOT) && gl[0]! <= 3 && gl[1]! <= 3 && gl[2]! <= 3 && gl[3]! <= 3) return true;
  if (shapeIs(seg, 3, 2, 4) && sep0 === DASH && seg.sep[1] === DASH) return true; // the SSN layout
  return false;
}

const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/** Bytes in a hex dump ("<Buffer ab 12 34 56>"): two-digit groups beside two-character hex tokens. */
function hexDump(text: string, seg: Seg): boolean {
  if (!allSame(seg, SP) || !groupsWithin(seg, 2, 2)) return false;
  const s = seg.start;
  const e = seg.end;
  if (s >= 3 && text.charCodeAt(s - 1) === SP && isHex(text.charCodeAt(s - 3)) && isHex(text.charCodeAt(s - 2))) return true;
  if (e + 3 <= text.length && text.charCodeAt(e) === SP && isHex(text.charCodeAt(e + 1)) && isHex(text.charCodeAt(e + 2))) return true;
  return s >= 8 && text.startsWith('<Buffer ', s - 8);
}

/** The k-th digit of the segment (as a char code). */
function digitAt(text: string, seg: Seg, k: number): number {
  for (let g = 0; g < seg.ng; g++) {
    if (k < seg.gl[g]!) return text.charCodeAt(seg.gs[g]! + k);
    k -= seg.gl[g]!;
  }
  return -1;
}

const EXTENSION = / ?(?:x|ext\.? ?|extension )\d{1,6}\b/y;

function phone(text: string, seg: Seg, hits: Hit[], sc: ScanCtx): void {
  const n = seg.n;
  const intl = seg.plus || (n >= 10 && digitAt(text, seg, 0) === 48 && digitAt(text, seg, 1) === 48 && digitAt(text, seg, 2) !== 48);
  if (n > 15 || (!intl && n < 7) || notPhoneShape(text, seg) || hexDump(text, seg)) return;
  // A path segment ("/items/12345-678901.json") is an identifier.
  const prev = seg.start > 0 ? text.charCodeAt(seg.start - 1) : 32;
  if (prev === 47 || prev === 92) return;
  const formatted = seg.ng > 1 || text.charCodeAt(seg.start) === 40;
  // Most digit runs (sizes, ids, counts) have a length or leading digits no configured plan
  // allows: then only a label can lift them, and only when formatted. Skip the label regexes
  // when even that cannot reach the reporting threshold.
  const possible = intl || (phoneMayFit(sc.plans, digitAt(text, seg, 0) - 48, n) && phonePossible(digits(text, seg), sc.plans));
  if ((possible ? 0.85 : formatted && n <= 13 ? 0.5 : 0.2) < sc.floor) return;
  const label = labelledAround(text, seg.start, seg.end, PHONE_WORDS, sc.label, 32, 12);
  // The best this candidate could score if valid; skip the parse when that cannot be reported.
  const ifValid = intl || label ? 0.85 : formatted ? 0.6 : 0.4;
  const ifInvalid = label && formatted && n <= 13 ? 0.5 : intl && label ? 0.5 : 0.2;
  if ((possible ? ifValid : 0) < sc.floor && ifInvalid < sc.floor) return;
  if (!label && !intl && OTHER_ID_WORDS.test(text.slice(Math.max(0, seg.start - 24), seg.start))) return;
  let end = seg.end;
  const a = end < text.length ? text.charCodeAt(end) : 32;
  if (a === SP || a === 120 || a === 101) {
    EXTENSION.lastIndex = end;
    const ext = EXTENSION.exec(text);
    if (ext !== null) end += ext[0].length;
    else if (isWordChar(a)) return;
  } else if (isWordChar(a)) return;
  let region: string | null = null;
  if (ifValid >= sc.floor && possible) {
    const d = digits(text, seg);
    const key = intl ? '+' + d : d;
    const cached = sc.phones.get(key);
    if (cached !== undefined) region = cached;
    else if (sc.phoneBudget > 0) {
      region = validatePhone(text.slice(seg.start, seg.end), d, intl, sc.regions, sc);
      sc.phones.set(key, region);
    }
  }
  const c = region !== null ? ifValid : ifInvalid;
  if (c >= sc.floor) hits.push(region !== null && region !== 'international' ? { rule: 'phone', start: seg.start, end, confidence: c, detail: `valid in ${region}` } : { rule: 'phone', start: seg.start, end, confidence: c });
}
