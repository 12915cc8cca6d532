// Labels near a value ("Phone:", "IBAN", a JSON field named ssn) raise confidence.

/** A part's path as a label, lowercased, dots and underscores as spaces: "user.phone_number" → "user phone number". */
export function fieldLabel(path: string): string {
  if (path === '') return '';
  return (path.length > 80 ? path.slice(-80) : path).toLowerCase().replace(/[._\-\[\]]/g, ' ');
}

/**
 * True when one of `words` (lowercase) appears in the `before` characters ahead of `start` or
 * the `after` characters following `end`, or in the part's field label.
 */
export function labelled(text: string, start: number, end: number, re: RegExp, label: string, before = 32, after = 12): boolean {
  if (label !== '' && re.test(label)) return true;
  const from = Math.max(0, start - before);
  const to = Math.min(text.length, end + after);
  if (from < start && re.test(text.slice(from, start))) return true;
  return to > end && re.test(text.slice(end, to));
}

/**
 * labelled() in one regex call over the text around the value instead of one before and one
 * after it. Only for word lists whose words are letters and whose edges accept a digit as they
 * accept the end of the text (PHONE_WORDS), around a value of digits and separators: no match
 * then spans the value, and one ending or starting at it matches as at the window's edge.
 */
export function labelledAround(text: string, start: number, end: number, re: RegExp, label: string, before: number, after: number): boolean {
  if (label !== '' && re.test(label)) return true;
  const from = Math.max(0, start - before);
  const to = Math.min(text.length, end + after);
  return (from < start || to > end) && re.test(text.slice(from, to));
}

export const PHONE_WORDS = /(?:^|[^a-z.])(?:phone|tel|tél|telephone|telefon|telefono|teléfono|mobile?|cell|cellphone|fax|desk|office|landline|whatsapp|sms|call|contact|ph|mob|handy|portable|móvil|cellulare)(?:[^a-z]|$)/i;
export const CARD_WORDS = /(?:card|credit|debit|visa|mastercard|amex|american express|discover|jcb|diners|maestro|unionpay|\bcc\b|\bpan\b|payment)/i;
export const SSN_WORDS = /(?:ssn|social security|\bsocial\b)/i;
export const IP_WORDS = /(?:\bip\b|_ip\b|\bip_|ipv[46]|address|addr|\bhost|server|client|remote|source|\bsrc\b|\bdst\b|peer|connect|origin)/i;
/** Words that name some other number: a phone-shaped value right after them is not a phone. */
export const OTHER_ID_WORDS = /(?:\bnhs\b|\bssn\b|\bsin\b|\bbsn\b|\bcpf\b|aadhaa?r|personnummer|steuer|\bnir\b|\bdni\b|\bnie\b|account|\bcard\b|order|invoice|\bref\b|reference|ticket|tracking|\bid\b|#)[^0-9]{0,12}$/i;
