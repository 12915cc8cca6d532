// Bounded decoding of literals that a command line turns into code (echo <b64> | base64 -d | sh).

export const MAX_DECODED = 64 * 1024;

const B64 = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;
B64[45] = 62; // - (url-safe)
B64[95] = 63; // _

/** Base64 (standard or url-safe; whitespace ignored) to text, or undefined when it is not base64 of text. */
export function decodeBase64(s: string): string | undefined {
  if (s.length > MAX_DECODED * 2) return undefined;
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  let seen = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 61 /* = */) break;
    if (c === 10 || c === 13 || c === 32 || c === 9) continue;
    const v = c < 128 ? B64[c]! : -1;
    if (v < 0) return undefined;
    seen++;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
      acc &= (1 << bits) - 1;
    }
  }
  if (seen < 4) return undefined;
  return bytesToText(bytes);
}

/** Plain hex (xxd -r -p) to text, or undefined. */
export function decodeHex(s: string): string | undefined {
  const t = s.replace(/\s+/g, '');
  if (t.length < 2 || t.length % 2 !== 0 || t.length > MAX_DECODED * 2 || !/^[0-9a-fA-F]+$/.test(t)) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < t.length; i += 2) bytes.push(parseInt(t.slice(i, i + 2), 16));
  return bytesToText(bytes);
}

function bytesToText(bytes: number[]): string | undefined {
  // Runnable text only: mostly printable bytes. Binary (gzip, images) is not analysed.
  let bad = 0;
  for (const b of bytes) if (b < 9 || (b > 13 && b < 32) || b === 127) bad++;
  if (bad > bytes.length / 10) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: false }).decode(Uint8Array.from(bytes));
  } catch {
    return undefined;
  }
}

/** printf/echo -e escapes that matter for code: \n, \t, \xHH, \0NNN. */
export function unescapeEcho(s: string): string {
  if (s.indexOf('\\') < 0) return s;
  return s.replace(/\\(?:x([0-9a-fA-F]{1,2})|0?([0-7]{1,3})|([ntr\\]))/g, (_m, hex: string | undefined, oct: string | undefined, ch: string | undefined) => {
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    if (oct) return String.fromCharCode(parseInt(oct, 8));
    return ch === 'n' ? '\n' : ch === 't' ? '\t' : ch === 'r' ? '\r' : '\\';
  });
}
