// GitHub (ghp_, gho_, ghu_, ghs_, ghr_) and npm (npm_) tokens end in six base62 characters: the
// CRC32 of the 30 random characters before them. A match is a real token, not a look-alike.

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

export function crc32(text: string, start: number, end: number): number {
  let crc = -1;
  for (let i = start; i < end; i++) crc = (crc >>> 8) ^ CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff]!;
  return (crc ^ -1) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function base62(n: number, width: number): string {
  let s = '';
  while (n > 0) {
    s = BASE62[n % 62]! + s;
    n = Math.floor(n / 62);
  }
  return s.padStart(width, '0');
}

/** `token` is prefix + 30 random + 6 checksum characters. */
export function validCrcToken(token: string, prefixLength: number): boolean {
  const end = token.length - 6;
  if (end - prefixLength !== 30) return false;
  return base62(crc32(token, prefixLength, end), 6) === token.slice(end);
}
