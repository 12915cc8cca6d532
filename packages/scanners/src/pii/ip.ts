import { IP_WORDS, labelled } from './context.js';
import type { Hit, ScanCtx } from './rules.js';

// IPv4: one regex with a digit first, octets validated in code. IPv6: indexOf(':') then a
// bounded expansion over hex digits and colons, parsed in code.

const V4 = /\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/g;
const isWord = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const VERSION_WORDS = /(?:version|release|\bv$|\bver\b|"[\w@/.-]+"\s*:\s*"?[~^<>=]*$|@$)/i;

export function findIPv4(text: string, hits: Hit[], sc: ScanCtx): void {
  V4.lastIndex = 0;
  for (let m = V4.exec(text); m !== null; m = V4.exec(text)) {
    const s = m.index;
    const e = s + m[0].length;
    const before = s > 0 ? text.charCodeAt(s - 1) : 32;
    const after = e < text.length ? text.charCodeAt(e) : 32;
    // Part of a longer dotted run (1.2.3.4.5, a version or OID) or glued to a word.
    if (isWord(before) || isWord(after) || before === 46 || (after === 46 && e + 1 < text.length && isDigit(text.charCodeAt(e + 1)))) {
      if (after === 46) V4.lastIndex = skipDotted(text, e);
      continue;
    }
    // Octets in place: no split or arrays per candidate (logs hold thousands of addresses).
    const a = octet(text, s);
    if (a < 0) continue;
    const b = octet(text, s + (a >> 8) + 1);
    if (b < 0) continue;
    const c = octet(text, s + (a >> 8) + (b >> 8) + 2);
    if (c < 0) continue;
    const d = octet(text, s + (a >> 8) + (b >> 8) + (c >> 8) + 3);
    if (d < 0) continue;
    const n0 = a & 255;
    const n1 = b & 255;
    const n2 = c & 255;
    const n3 = d & 255;
    // Private, loopback and other special ranges stay at 0.2, which no sensitivity reports.
    if (!publicV4(n0, n1, n2, n3)) continue;
    let confidence = 0.6;
    if (n0 < 10 && n1 < 10 && n2 < 10 && n3 < 10) confidence = 0.35; // 1.2.3.4 reads like a version
    if (labelled(text, s, e, IP_WORDS, sc.label, 40, 0)) confidence = 0.8;
    if (confidence < sc.floor) continue;
    // Only lowers the confidence (below every threshold): tested last.
    if (before === 118 || before === 86 || VERSION_WORDS.test(text.slice(Math.max(0, s - 24), s))) continue;
    hits.push({ rule: 'ipv4', start: s, end: e, confidence });
  }
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * The octet of one to three digits at `i` as (length << 8) | value, or -1 when it is over 255 or
 * has a leading zero (not how addresses are written).
 */
function octet(text: string, i: number): number {
  let v = text.charCodeAt(i) - 48;
  let len = 1;
  while (len < 3 && isDigit(text.charCodeAt(i + len))) v = v * 10 + text.charCodeAt(i + len++) - 48;
  if ((len > 1 && text.charCodeAt(i) === 48) || v > 255) return -1;
  return (len << 8) | v;
}

function skipDotted(text: string, i: number): number {
  while (i < text.length && (isDigit(text.charCodeAt(i)) || text.charCodeAt(i) === 46)) i++;
  return i;
}

/** Not private, loopback, link-local, CGNAT, documentation, multicast or reserved. */
export function publicV4(a: number, b: number, c: number, _d: number): boolean {
  if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
  if (a === 100 && b >= 64 && b <= 127) return false;
  if (a === 169 && b === 254) return false;
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && b === 168) return false;
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return false;
  if (a === 198 && (b === 18 || b === 19)) return false;
  if (a === 198 && b === 51 && c === 100) return false;
  if (a === 203 && b === 0 && c === 113) return false;
  return true;
}

const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/** 1 for a hex digit, 2 for ":", 0 for any other character below 128 (a table reads faster than ranges). */
const V6_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) V6_CHAR[c] = isHex(c) ? 1 : c === 58 ? 2 : 0;
const v6Char = (c: number): number => (c < 128 ? V6_CHAR[c]! : 0);

export function findIPv6(text: string, hits: Hit[], sc: ScanCtx): void {
  const len = text.length;
  for (let i = text.indexOf(':'); i >= 0; ) {
    // Most colons ("key": value, a ? b : c) cannot sit inside an address: skip them at once
    // (the next colon is not the next character, which is no colon).
    const next1 = i + 1 < len ? text.charCodeAt(i + 1) : 32;
    if (next1 !== 58 && !(v6Char(next1) === 1 && i > 0 && v6Char(text.charCodeAt(i - 1)) !== 0)) {
      i = text.indexOf(':', i + 2);
      continue;
    }
    // Expand over [0-9a-f:] around this colon, at most 45 characters (the longest textual form).
    let s = i;
    while (s > 0 && i - s < 40 && v6Char(text.charCodeAt(s - 1)) !== 0) s--;
    let e = i + 1;
    while (e < len && e - s < 45 && v6Char(text.charCodeAt(e)) !== 0) e++;
    const next = e;
    // Trailing single colon ("addr: …" or "fe80::1:") is punctuation.
    if (e - s >= 6) {
      let ee = e;
      if (text.charCodeAt(ee - 1) === 58 && text.charCodeAt(ee - 2) !== 58) ee--;
      const before = s > 0 ? text.charCodeAt(s - 1) : 32;
      const after = ee < text.length ? text.charCodeAt(ee) : 32;
      if (!isWord(before) && !isWord(after) && after !== 46) {
        const confidence = scoreV6(text.slice(s, ee), text, s, ee, sc);
        if (confidence >= sc.floor) hits.push({ rule: 'ipv6', start: s, end: ee, confidence });
      }
    }
    i = text.indexOf(':', Math.max(next, i + 1));
  }
}

function scoreV6(v: string, text: string, s: number, e: number, sc: ScanCtx): number {
  const dbl = v.indexOf('::');
  if (dbl >= 0 && v.indexOf('::', dbl + 1) >= 0) return 0;
  if (v.includes(':::')) return 0;
  const groups = v.split(':').filter((g) => g !== '');
  if (groups.length > 8 || (dbl < 0 && groups.length !== 8) || groups.length < 2) return 0;
  let digits = false;
  for (const g of groups) {
    if (g.length > 4) return 0;
    if (/\d/.test(g)) digits = true;
  }
  if (!digits) return 0;
  const first = parseInt(groups[0]!, 16);
  // Loopback, unspecified, link-local, unique-local, multicast, documentation.
  const zeros = groups.reduce((k, g) => k + (parseInt(g, 16) === 0 ? 1 : 0), 0);
  const special = dbl === 0 || zeros >= groups.length - 1 || (first === 0x2001 && parseInt(groups[1] ?? '', 16) === 0xdb8) || (first & 0xffc0) === 0xfe80 || (first & 0xfe00) === 0xfc00 || (first & 0xff00) === 0xff00;
  if (special) return 0.2;
  // Global unicast is 2000::/3; other full forms are unallocated or written by hand.
  const global = (first & 0xe000) === 0x2000;
  let confidence = dbl < 0 ? (global ? 0.65 : zeros >= 3 ? 0.3 : 0.5) : groups.length >= 4 && global ? 0.55 : 0.3;
  if (labelled(text, s, e, IP_WORDS, sc.label, 40, 0)) confidence = Math.min(0.85, confidence + 0.2);
  return confidence;
}
