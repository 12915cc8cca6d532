import type { Hit, ScanCtx } from './rules.js';

// indexOf('@') then bounded expansion both ways: linear, no regex backtracking.

const LOCAL_MAX = 64;
const DOMAIN_MAX = 253;

/** Placeholder domains: real-looking addresses there are examples, not someone's data. */
const PLACEHOLDER = /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost|local|domain\.com|email\.com|foo\.com|bar\.com|acme\.com)$/;
/** A "TLD" that is really a file extension: logo@2x.png, pkg@1.0.0.tgz. */
const FILE_EXT = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'ico', 'js', 'mjs', 'cjs', 'ts', 'tsx', 'jsx', 'json', 'css', 'scss', 'html', 'htm', 'map', 'lock', 'yml', 'yaml', 'xml', 'py', 'rb', 'go', 'rs', 'java', 'zip', 'gz', 'tgz', 'tar', 'txt', 'md', 'pdf', 'woff', 'woff2', 'ttf', 'node', 'wasm']);

const isLocal = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 45 || c === 43 || c === 37;
const isDomain = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45;

export function findEmails(text: string, hits: Hit[], sc: ScanCtx): void {
  let at = text.indexOf('@');
  let lastEnd = 0;
  while (at >= 0) {
    let s = at;
    while (s > lastEnd && at - s < LOCAL_MAX && isLocal(text.charCodeAt(s - 1))) s--;
    let e = at + 1;
    while (e < text.length && e - at <= DOMAIN_MAX && isDomain(text.charCodeAt(e))) e++;
    // Trim trailing dots/dashes (end of sentence) and leading dots of the local part.
    while (e > at + 1 && (text.charCodeAt(e - 1) === 46 || text.charCodeAt(e - 1) === 45)) e--;
    while (s < at && text.charCodeAt(s) === 46) s++;
    const h = s < at && e > at + 3 ? score(text, s, at, e, sc) : null;
    if (h) {
      hits.push(h);
      lastEnd = e;
    }
    at = text.indexOf('@', at + 1);
  }
}

function score(text: string, s: number, at: number, e: number, sc: ScanCtx): Hit | null {
  const domain = text.slice(at + 1, e).toLowerCase();
  const dot = domain.lastIndexOf('.');
  if (dot <= 0) return null;
  const tld = domain.slice(dot + 1);
  if (!/^[a-z]{2,24}$/.test(tld) || domain.includes('..') || domain.startsWith('-') || domain.startsWith('.')) return null;
  // git@github.com in ssh://git@github.com/... is a URL's user, not a person's address.
  if (s >= 3 && text.startsWith('://', s - 3)) return null;
  const before = s > 0 ? text.charCodeAt(s - 1) : 32;
  if (before === 47 || before === 58) return null; // "/user@host" or "scheme:user@host"
  let confidence = 0.75;
  if (FILE_EXT.has(tld)) confidence = 0.2;
  else if (PLACEHOLDER.test(domain)) confidence = 0.35;
  else if (sc.label.includes('mail')) confidence = 0.9;
  return { rule: 'email', start: s, end: e, confidence };
}
