// Issuer identification ranges (ISO/IEC 7812 as published by the networks) with the lengths
// each network issues. A Luhn-valid number outside every range is not reported.

interface Brand {
  name: string;
  lengths: readonly number[];
  test(p6: number): boolean;
}

const between = (x: number, lo: number, hi: number): boolean => x >= lo && x <= hi;

const BRANDS: readonly Brand[] = [
  { name: 'Visa', lengths: [13, 16, 19], test: (p) => Math.floor(p / 100000) === 4 },
  { name: 'Mastercard', lengths: [16], test: (p) => between(Math.floor(p / 10000), 51, 55) || between(Math.floor(p / 100), 2221, 2720) },
  { name: 'American Express', lengths: [15], test: (p) => { const p2 = Math.floor(p / 10000); return p2 === 34 || p2 === 37; } },
  { name: 'Diners Club', lengths: [14, 15, 16, 17, 18, 19], test: (p) => between(Math.floor(p / 1000), 300, 305) || Math.floor(p / 100) === 3095 || [36, 38, 39].includes(Math.floor(p / 10000)) },
  { name: 'Discover', lengths: [16, 17, 18, 19], test: (p) => Math.floor(p / 100) === 6011 || between(Math.floor(p / 1000), 644, 649) || Math.floor(p / 10000) === 65 || between(p, 622126, 622925) },
  { name: 'JCB', lengths: [15, 16, 17, 18, 19], test: (p) => between(Math.floor(p / 100), 3528, 3589) || Math.floor(p / 100) === 2131 || Math.floor(p / 100) === 1800 },
  { name: 'UnionPay', lengths: [16, 17, 18, 19], test: (p) => Math.floor(p / 10000) === 62 },
  { name: 'Mir', lengths: [16, 17, 18, 19], test: (p) => between(Math.floor(p / 100), 2200, 2204) },
  { name: 'Maestro', lengths: [12, 13, 14, 15, 16, 17, 18, 19], test: (p) => { const p2 = Math.floor(p / 10000); return p2 === 50 || between(p2, 56, 69); } },
];

/** The card network for a digit string, or null. */
export function cardBrand(digits: string): string | null {
  const p6 = Number(digits.slice(0, 6));
  for (const b of BRANDS) if (b.lengths.includes(digits.length) && b.test(p6)) return b.name;
  return null;
}
