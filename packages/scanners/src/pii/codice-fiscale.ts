import type { Hit } from './rules.js';

// Italian codice fiscale: 6 letters (surname, name), 2 digits (year), month letter, 2 digits
// (day, +40 for women), a letter and 3 digits (birthplace), check letter. Digits of the last
// seven positions may be replaced by letters (omocodia). Upper case, whole word.

const CF = /[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]\b/y;
const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

function value(c: number, odd: boolean): number {
  const i = c <= 57 ? c - 48 : c - 65;
  return odd ? ODD[i]! : i;
}

export function cfValid(s: string): boolean {
  let sum = 0;
  for (let i = 0; i < 15; i++) sum += value(s.charCodeAt(i), i % 2 === 0);
  return String.fromCharCode(65 + (sum % 26)) === s[15];
}

/** A codice fiscale starting at `at` (a word start), or null. */
export function codiceFiscaleAt(text: string, at: number): Hit | null {
  CF.lastIndex = at;
  const m = CF.exec(text);
  if (m === null || !cfValid(m[0])) return null;
  return { rule: 'it-codice-fiscale', start: at, end: at + 16, confidence: 0.85 };
}
