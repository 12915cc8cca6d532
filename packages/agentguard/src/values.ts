import { toParts } from '@vigil/scanners';

// The values a tool call acts on: who it writes to, where it connects, which account, file or
// record. These are what an injection has to smuggle into a call to do harm, and what a
// legitimate call gets from the user. Only values specific enough that finding one in a piece of
// text says it came from there: addresses, hosts, account-like ids, paths. Short free words
// ("Alice", "general") are kept apart as weak values.

export type ValueKind = 'email' | 'host' | 'url' | 'id' | 'path' | 'word';

export interface CallValue {
  /** Lowercased, as searched for in other text. */
  value: string;
  kind: ValueKind;
  /** Where in the input: a JSON path ("recipients.0", "command"). */
  path: string;
}

const EMAIL = /[a-z0-9][a-z0-9._%+-]{0,63}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})+/g;
// A URL with a scheme, or a bare host with a dot and a TLD-like ending ("www.x.com/a").
const URL = /\b(?:(?:https?|ftp|wss?):\/\/)?((?:[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?\.){1,16}[a-z]{2,24})(?::\d{1,5})?((?:\/[^\s'"<>()\\]{0,300})?)/g;
// Account numbers, IBANs, order ids, phone numbers: at least 6 characters with at least 4 digits.
const ID = /(?<![a-z0-9])\+?[a-z0-9][a-z0-9-]{4,62}[a-z0-9](?![a-z0-9])/g;
const PATH = /(?:~|\$home|\.{1,2})?\/(?:[\w.@%+-]{1,128}\/){0,32}[\w.@%+-]{1,128}/g;
// File names a registry would not hold: "notes.txt" is a file, not a host.
const FILE_EXT = /\.(?:txt|md|json|ya?ml|csv|pdf|docx?|xlsx?|pptx?|png|jpe?g|gif|log|sh|py|js|ts|go|rs|java|c|h|toml|ini|cfg|conf|env|pem|key|zip|tar|gz|html?|xml|sql)$/;
const MAX_VALUES = 64;
const MAX_TEXT = 4096;

function digits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Values in one string of a call's input. */
export function valuesOf(text: string, path: string, out: CallValue[] = []): CallValue[] {
  collect(text, path, out, new Set(out.map((v) => v.value)));
  return out;
}

function collect(text: string, path: string, out: CallValue[], seen: Set<string>): void {
  const t = (text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text).toLowerCase();
  const add = (value: string, kind: ValueKind) => {
    if (out.length >= MAX_VALUES || seen.has(value)) return;
    seen.add(value);
    out.push({ value, kind, path });
  };
  const emails = t.match(EMAIL) ?? [];
  for (const e of emails) add(e, 'email');
  for (const m of t.matchAll(URL)) {
    const host = m[1]!;
    const before = m.index === 0 ? '' : t[m.index - 1]!;
    if (before === '@' || FILE_EXT.test(host) || emails.some((e) => e.endsWith(host))) continue;
    add(host.startsWith('www.') ? host.slice(4) : host, 'host');
    if (m[2] && m[2].length > 1) add(m[0].replace(/^[a-z]+:\/\//, '').replace(/^www\./, ''), 'url');
  }
  for (const m of t.matchAll(ID)) if (digits(m[0]) >= 4 && !/^\d{4}-\d{2}-\d{2}/.test(m[0])) add(m[0], 'id');
  for (const m of t.matchAll(PATH)) if (m[0].length >= 5 && m[0].includes('/') && !m[0].startsWith('//')) add(m[0], 'path');
  const trimmed = t.trim();
  if (out.length === 0 && trimmed.length >= 3 && trimmed.length <= 40 && !/\s{2,}|\n/.test(trimmed)) add(trimmed, 'word');
}

/** Every value of a call's input (string fields; numbers of 6 digits or more count as ids). */
export function callValues(input: unknown): CallValue[] {
  const out: CallValue[] = [];
  const seen = new Set<string>();
  for (const p of toParts(input)) collect(p.text, p.path, out, seen);
  if (input !== null && typeof input === 'object') {
    for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
      if (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) >= 100000) out.push({ value: String(v), kind: 'id', path: k });
    }
  }
  return out;
}

/** Whether a value names a target specifically enough to say where it came from. */
export function isStrong(v: CallValue): boolean {
  return v.kind !== 'word';
}
