import { cardBrand } from './cards.js';
import { bsn, cpf, dniLetter, luhn, nhs, nir, personnummer, ssnStructure, steuerId, verhoeff } from './checksums.js';
import { CARD_WORDS, OTHER_ID_WORDS, PHONE_WORDS, SSN_WORDS, labelled } from './context.js';
import { validatePhone } from './phone.js';
import type { Hit, PiiRule, ScanCtx } from './rules.js';

// Every number-shaped PII (cards, phones, SSNs, national ids) starts as one candidate: a run
// of at least seven digits joined by single separators. One regex finds the runs (digit
// groups and separator classes are disjoint, so it cannot backtrack beyond a run); the rare
// runs are cut into segments at separators no one writes inside a number, then classified.

// Runs start at two adjacent digits (half the regex attempts of one); a one-digit first group
// ("+1 415…", "1 84 12…") and an opening "+" or "(" are taken back in code.
const RUN = /\d\d(?:[ \-./()]{0,3}\d){5,40}/g;

const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isSep = (c: number): boolean => c === 32 || c === 45 || c === 46 || c === 40 || c === 41;

/** A candidate segment: digit groups and what separates them. */
export interface Seg {
  start: number;
  end: number;
  digits: string;
  groups: number[];
  /** Separators between groups ("" never occurs: groups are maximal digit runs). */
  seps: string[];
  plus: boolean;
}

const OK_SEPS = new Set([' ', '-', '.', '/', ')', ') ', ' (', '(', ')-', ' - ', '-(']);

export function findNumbers(text: string, hits: Hit[], sc: ScanCtx): void {
  RUN.lastIndex = 0;
  for (let m = RUN.exec(text); m !== null; m = RUN.exec(text)) {
    let s = m.index;
    const e = s + m[0].length;
    if (s >= 2 && isDigit(text.charCodeAt(s - 2)) && isSep(text.charCodeAt(s - 1)) && (s === 2 || !isDigit(text.charCodeAt(s - 3)))) s -= 2;
    if (s >= 1 && text.charCodeAt(s - 1) === 40) s--;
    if (s >= 1 && text.charCodeAt(s - 1) === 43) s--;
    const before = s > 0 ? text.charCodeAt(s - 1) : 32;
    // Inside a word, a longer dotted/digit run, or a hex string: not a standalone number.
    if (isWordChar(before) && !(s >= 2 && isNie(text, s))) {
      RUN.lastIndex = skipWord(text, e);
      continue;
    }
    if (before === 46 && s >= 2 && isDigit(text.charCodeAt(s - 2))) continue;
    // "(" or "+" opening the run only count when they open a phone number.
    for (const seg of segments(text, s, e)) classify(text, seg, hits, sc);
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

/** Split a run into segments at separators that do not occur inside one number (". ", "  "). */
function segments(text: string, s: number, e: number): Seg[] {
  const out: Seg[] = [];
  let plus = false;
  let i = s;
  if (text.charCodeAt(i) === 43) {
    plus = true;
    i++;
  }
  let cur: Seg | null = null;
  let segStart = s;
  while (i < e) {
    // Separator (possibly empty at the start, e.g. "(").
    let j = i;
    while (j < e && !isDigit(text.charCodeAt(j))) j++;
    const sep = text.slice(i, j);
    let k = j;
    while (k < e && isDigit(text.charCodeAt(k))) k++;
    if (cur === null) {
      cur = { start: segStart, end: k, digits: text.slice(j, k), groups: [k - j], seps: [], plus };
      if (sep !== '' && sep !== '(') cur.start = j; // stray leading separator
    } else if (OK_SEPS.has(sep)) {
      cur.digits += text.slice(j, k);
      cur.groups.push(k - j);
      cur.seps.push(sep);
      cur.end = k;
    } else {
      out.push(cur);
      cur = { start: j, end: k, digits: text.slice(j, k), groups: [k - j], seps: [], plus: false };
    }
    i = k;
    segStart = j;
  }
  if (cur !== null) out.push(cur);
  return out;
}

const allSame = (seps: readonly string[], allowed: string): boolean => seps.length > 0 && seps.every((x) => x === seps[0]) && allowed.includes(seps[0]!);
const shape = (seg: Seg): string => seg.groups.join('-');

function push(hits: Hit[], sc: ScanCtx, rule: PiiRule, seg: Seg, confidence: number, detail?: string, end = seg.end): void {
  if (confidence >= sc.floor) hits.push(detail === undefined ? { rule, start: seg.start, end, confidence } : { rule, start: seg.start, end, confidence, detail });
}

function classify(text: string, seg: Seg, hits: Hit[], sc: ScanCtx): void {
  const n = seg.digits.length;
  if (n < 7) return;
  const after = seg.end < text.length ? text.charCodeAt(seg.end) : 32;
  // Glued to a following word or digit run (a hash, "1234567abc"): only DNI letters and phone extensions may follow.
  const gluedLetter = (after >= 65 && after <= 90) || (after >= 97 && after <= 122);
  if (isDigit(after) || after === 95) return;
  const contiguous = seg.groups.length === 1;
  const d = seg.digits;
  const opened = text.charCodeAt(seg.start) === 40 || seg.plus;

  if (gluedLetter || (after === 45 && seg.end + 1 < text.length && /[A-Z]/.test(text[seg.end + 1]!))) {
    spanishId(text, seg, hits, sc);
    if (gluedLetter && after !== 120) return; // 'x' may start a phone extension
  }
  if (seg.start > 0 && isNie(text, seg.start) && n === 7) return; // handled as NIE above

  // Payment cards: 12–19 digits, plain or in groups split by one kind of space or dash.
  if (!opened && n >= 12 && n <= 19 && (contiguous || (allSame(seg.seps, ' -') && seg.groups.every((g) => g >= 3 && g <= 6))) && luhn(d)) {
    const brand = cardBrand(d);
    if (brand !== null) {
      let c = contiguous ? 0.7 : 0.8;
      if (labelled(text, seg.start, seg.end, CARD_WORDS, sc.label, 40, 0)) c = 0.95;
      push(hits, sc, 'payment-card', seg, c, brand);
    }
  }
  if (!opened) nationalIds(text, seg, hits, sc);
  phone(text, seg, hits, sc);
}

function spanishId(text: string, seg: Seg, hits: Hit[], sc: ScanCtx): void {
  if (seg.groups.length !== 1) return;
  const letterAt = text.charCodeAt(seg.end) === 45 ? seg.end + 1 : seg.end;
  const letter = text[letterAt];
  if (letter === undefined || letterAt + 1 < text.length && isWordChar(text.charCodeAt(letterAt + 1))) return;
  let num = -1;
  let start = seg.start;
  if (seg.digits.length === 8 && !(seg.start > 0 && isWordChar(text.charCodeAt(seg.start - 1)))) num = Number(seg.digits);
  else if (seg.digits.length === 7 && seg.start > 0 && isNie(text, seg.start)) {
    num = Number('XYZ'.indexOf(text[seg.start - 1]!) + seg.digits);
    start = seg.start - 1;
  }
  if (num < 0 || dniLetter(num) !== letter) return;
  const c = labelled(text, start, letterAt + 1, /(?:dni|nie|nif|documento|identidad)/i, sc.label, 40, 0) ? 0.9 : 0.7;
  if (c >= sc.floor) hits.push({ rule: 'es-dni', start, end: letterAt + 1, confidence: c });
}

const WEAK = 0.3;

function nationalIds(text: string, seg: Seg, hits: Hit[], sc: ScanCtx): void {
  const d = seg.digits;
  const n = d.length;
  const sh = shape(seg);
  const contiguous = seg.groups.length === 1;
  const near = (re: RegExp): boolean => labelled(text, seg.start, seg.end, re, sc.label, 48, 0);
  if (n === 9) {
    if ((sh === '3-2-4' && allSame(seg.seps, '- ')) || contiguous) {
      if (ssnStructure(d)) {
        const label = near(SSN_WORDS);
        let c = contiguous ? (label ? 0.7 : 0) : seg.seps[0] === '-' ? 0.65 : 0.5;
        if (label && !contiguous) c = 0.9;
        if (d === '123456789' || d === '078051120') c = Math.min(c, 0.3);
        if (c > 0) push(hits, sc, 'us-ssn', seg, c);
      }
    }
    if ((sh === '3-3-3' && allSame(seg.seps, '- ')) || contiguous) {
      if (d[0] !== '0' && d[0] !== '8' && luhn(d)) push(hits, sc, 'ca-sin', seg, near(/(?:\bsin\b|social insurance|nas\b|assurance sociale)/i) ? 0.8 : WEAK);
    }
    if (contiguous && bsn(d)) push(hits, sc, 'nl-bsn', seg, near(/(?:bsn|burgerservice|sofi)/i) ? 0.8 : 0.2);
  } else if (n === 10) {
    if ((sh === '3-3-4' && allSame(seg.seps, ' -')) || contiguous) {
      if (nhs(d)) push(hits, sc, 'uk-nhs', seg, near(/(?:\bnhs\b|health service|chi number)/i) ? 0.85 : WEAK);
    }
    if ((sh === '6-4' && (seg.seps[0] === '-')) || contiguous) personnr(text, seg, hits, sc, near);
  } else if (n === 11) {
    if (sh === '3-3-3-2' && seg.seps[0] === '.' && seg.seps[1] === '.' && seg.seps[2] === '-') {
      if (cpf(d)) push(hits, sc, 'br-cpf', seg, near(/\bcpf\b/i) ? 0.95 : 0.8);
    } else if (contiguous && cpf(d)) push(hits, sc, 'br-cpf', seg, near(/\bcpf\b/i) ? 0.8 : 0.25);
    if ((contiguous || (sh === '2-3-3-3' && allSame(seg.seps, ' '))) && steuerId(d)) {
      push(hits, sc, 'de-steuer-id', seg, near(/(?:steuer|idnr|identifikationsnummer|\btin\b|tax id)/i) ? 0.8 : 0.25);
    }
  } else if (n === 12) {
    if ((sh === '4-4-4' && allSame(seg.seps, ' -')) || contiguous) {
      if (d[0] !== '0' && d[0] !== '1' && verhoeff(d)) push(hits, sc, 'in-aadhaar', seg, near(/(?:aadhaa?r|uidai|\buid\b)/i) ? 0.85 : WEAK);
    }
    if ((sh === '8-4' && seg.seps[0] === '-') || contiguous) personnr(text, seg, hits, sc, near);
  } else if (n === 15) {
    const standard = sh === '1-2-2-2-3-3-2' && allSame(seg.seps, ' ');
    if ((standard || contiguous) && '1278'.includes(d[0]!) && nir(d)) {
      const month = Number(d.slice(3, 5));
      if ((month >= 1 && month <= 12) || month >= 20) {
        const label = near(/(?:s[ée]curit[ée] sociale|\bnir\b|insee|\bs[ée]cu\b|\bnss\b)/i);
        push(hits, sc, 'fr-nir', seg, label ? 0.9 : standard ? 0.75 : 0.45);
      }
    }
  }
}

function personnr(text: string, seg: Seg, hits: Hit[], sc: ScanCtx, near: (re: RegExp) => boolean): void {
  if (!personnummer(seg.digits)) return;
  const label = near(/(?:personnummer|personnr|samordningsnummer)/i);
  push(hits, sc, 'se-personnummer', seg, seg.groups.length === 1 ? (label ? 0.75 : 0.2) : label ? 0.9 : 0.65);
}

/** Dates and IPv4-like dotted quads are not phone numbers. */
function notPhoneShape(seg: Seg): boolean {
  const g = seg.groups;
  const sep0 = seg.seps[0];
  const year = (i: number): boolean => g[i] === 4 && /^(?:19|20)/.test(seg.digits.slice(g.slice(0, i).reduce((a, b) => a + b, 0)));
  if (g.length >= 3 && year(0) && g[1]! <= 2 && g[2]! <= 2 && (sep0 === '-' || sep0 === '/' || sep0 === '.')) return true;
  if (g.length >= 3 && g[0]! <= 2 && g[1]! <= 2 && year(2) && (sep0 === '/' || sep0 === '.' || sep0 === '-')) return true;
  if (g.length === 2 && year(0) && year(1) && g[0] === 4) return true; // 2004-2008
  if (g.length === 4 && allSame(seg.seps, '.') && g.every((x) => x <= 3)) return true;
  if (shape(seg) === '3-2-4' && seg.seps[0] === '-' && seg.seps[1] === '-') return true; // the SSN layout
  return false;
}

/** Bytes in a hex dump ("<Buffer ab 12 34 56>"): two-digit groups beside two-character hex tokens. */
function hexDump(text: string, seg: Seg): boolean {
  if (!seg.groups.every((x) => x === 2) || !allSame(seg.seps, ' ')) return false;
  const hex = /^[0-9a-fA-F]{2}$/;
  const before = text.slice(Math.max(0, seg.start - 3), seg.start);
  const after = text.slice(seg.end, seg.end + 3);
  return (before.endsWith(' ') && hex.test(before.slice(0, 2))) || (after.startsWith(' ') && hex.test(after.slice(1))) || text.slice(Math.max(0, seg.start - 8), seg.start) === '<Buffer ';
}

function phone(text: string, seg: Seg, hits: Hit[], sc: ScanCtx): void {
  const n = seg.digits.length;
  const intl = seg.plus || (n >= 10 && seg.digits.startsWith('00') && seg.digits[2] !== '0');
  if (n > 15 || (!intl && n < 7) || notPhoneShape(seg) || hexDump(text, seg)) return;
  // A path segment ("/items/12345-678901.json") is an identifier.
  const prev = seg.start > 0 ? text.charCodeAt(seg.start - 1) : 32;
  if (prev === 47 || prev === 92) return;
  const formatted = seg.groups.length > 1 || text.charCodeAt(seg.start) === 40;
  const label = labelled(text, seg.start, seg.end, PHONE_WORDS, sc.label, 32, 12);
  if (!label && !intl && OTHER_ID_WORDS.test(text.slice(Math.max(0, seg.start - 24), seg.start))) return;
  // The best this candidate could score if valid; skip the parse when that cannot be reported.
  const ifValid = intl || label ? 0.85 : formatted ? 0.6 : 0.4;
  const ifInvalid = label && formatted && n <= 13 ? 0.5 : intl && label ? 0.5 : 0.2;
  if (ifValid < sc.floor && ifInvalid < sc.floor) return;
  let end = seg.end;
  const ext = /^ ?(?:x|ext\.? ?|extension )\d{1,6}\b/.exec(text.slice(end, end + 18));
  if (ext) end += ext[0].length;
  else if (isWordChar(text.charCodeAt(end) || 32)) return;
  let region: string | null = null;
  if (ifValid >= sc.floor) {
    const key = (intl ? '+' : '') + seg.digits;
    const cached = sc.phones.get(key);
    if (cached !== undefined) region = cached;
    else if (sc.phoneBudget > 0) {
      region = validatePhone(text.slice(seg.start, seg.end), seg.digits, intl, sc.regions, sc);
      sc.phones.set(key, region);
    }
  }
  const c = region !== null ? ifValid : ifInvalid;
  if (c >= sc.floor) hits.push(region !== null && region !== 'international' ? { rule: 'phone', start: seg.start, end, confidence: c, detail: `valid in ${region}` } : { rule: 'phone', start: seg.start, end, confidence: c });
}
