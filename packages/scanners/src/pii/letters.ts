import { codiceFiscaleAt } from './codice-fiscale.js';
import { ibanAt } from './iban.js';
import type { Hit, ScanCtx } from './rules.js';

// IBANs (CC + 2 digits) and codici fiscali (6 letters + 2 digits, mostly) share one cheap
// anchor: two letters then two digits. One regex pass finds the anchors; sticky regexes
// check the full shape only there.

// Only anchors at a word start (IBAN) or four upper-case letters after one (codice fiscale)
// can start a hit: the lookbehind, tried on the rare matches only, keeps the others (hashes,
// "sha256", "base64") from reaching code. No anchor starts inside a dropped one.
const ANCHOR = /[A-Za-z]{2}\d\d(?<=\b(?:[A-Z]{4})?[A-Za-z]{2}\d\d)/g;

const isWord = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;

export function findLettered(text: string, hits: Hit[], sc: ScanCtx): void {
  ANCHOR.lastIndex = 0;
  while (ANCHOR.test(text)) {
    const at = ANCHOR.lastIndex - 4; // the anchor is always four characters
    let h: Hit | null = null;
    if (at === 0 || !isWord(text.charCodeAt(at - 1))) h = ibanAt(text, at, sc);
    else if (at >= 4 && (at === 4 || !isWord(text.charCodeAt(at - 5))) && isUpper(text.charCodeAt(at - 1)) && isUpper(text.charCodeAt(at - 4)) && isUpper(text.charCodeAt(at - 3)) && isUpper(text.charCodeAt(at - 2))) {
      h = codiceFiscaleAt(text, at - 4);
    }
    if (h !== null) {
      hits.push(h);
      ANCHOR.lastIndex = h.end;
    }
  }
}
