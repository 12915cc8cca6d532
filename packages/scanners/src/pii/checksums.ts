// Check-digit algorithms over strings of ASCII digits.

const d = (s: string, i: number): number => s.charCodeAt(i) - 48;

export function luhn(s: string): boolean {
  let sum = 0;
  for (let i = s.length - 1, alt = false; i >= 0; i--, alt = !alt) {
    let v = d(s, i);
    if (alt) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  return sum % 10 === 0;
}

/** UK NHS number: weights 10..2, check = 11 - sum mod 11 (10 is never issued). */
export function nhs(s: string): boolean {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += d(s, i) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  return check !== 10 && check === d(s, 9);
}

/** Dutch BSN "11-test": weights 9..2 and -1. */
export function bsn(s: string): boolean {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += d(s, i) * (9 - i);
  sum -= d(s, 8);
  return sum % 11 === 0 && sum > 0;
}

/** German Steuer-ID: ISO 7064 MOD 11,10; in the first ten digits one digit appears twice or thrice, some never. */
export function steuerId(s: string): boolean {
  if (s.charCodeAt(0) === 48) return false;
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < 10; i++) counts[d(s, i)]!++;
  let repeated = 0;
  for (const c of counts) {
    if (c > 3) return false;
    if (c >= 2) repeated++;
  }
  if (repeated !== 1) return false;
  let p = 10;
  for (let i = 0; i < 10; i++) {
    let sum = (d(s, i) + p) % 10;
    if (sum === 0) sum = 10;
    p = (sum * 2) % 11;
  }
  let check = 11 - p;
  if (check === 10) check = 0;
  return check === d(s, 10);
}

const VM = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1], [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VP = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2], [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1], [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/** Verhoeff (Aadhaar). */
export function verhoeff(s: string): boolean {
  let c = 0;
  for (let i = 0; i < s.length; i++) c = VM[c]![VP[i % 8]![d(s, s.length - 1 - i)]!]!;
  return c === 0;
}

/** Brazilian CPF: two mod-11 check digits; all-equal digits are invalid. */
export function cpf(s: string): boolean {
  if (/^(\d)\1{10}$/.test(s)) return false;
  for (const n of [9, 10]) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += d(s, i) * (n + 1 - i);
    let check = (sum * 10) % 11;
    if (check === 10) check = 0;
    if (check !== d(s, n)) return false;
  }
  return true;
}

/** French NIR: key = 97 - (first 13 digits mod 97). */
export function nir(s: string): boolean {
  let r = 0;
  for (let i = 0; i < 13; i++) r = (r * 10 + d(s, i)) % 97;
  return 97 - r === Number(s.slice(13, 15));
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** Spanish DNI (8 digits) or NIE (X/Y/Z → 0/1/2, then 7 digits): letter = number mod 23. */
export function dniLetter(num: number): string {
  return DNI_LETTERS[num % 23]!;
}

/** US SSN structure (no check digit exists): area not 000, 666 or 9xx; group not 00; serial not 0000. */
export function ssnStructure(s: string): boolean {
  const area = Number(s.slice(0, 3));
  return area !== 0 && area !== 666 && area < 900 && s.slice(3, 5) !== '00' && s.slice(5) !== '0000';
}

/** Swedish personnummer: a valid date (day + 60 for samordningsnummer) and Luhn over the last ten digits. */
export function personnummer(s: string): boolean {
  const t = s.length === 12 ? s.slice(2) : s;
  const month = Number(t.slice(2, 4));
  let day = Number(t.slice(4, 6));
  if (day > 60) day -= 60;
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && luhn(t);
}
