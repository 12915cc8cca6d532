// FNV-1a, 64-bit, over the UTF-8 bytes of the text, as 16 hex digits. Not cryptographic: it only
// has to tell "the same description" from "a changed one", is stable across versions (the server
// stores it), and runs without node:crypto so the scanner package stays I/O-free. The 64-bit
// product is computed in four 16-bit limbs so that every intermediate stays an exact double.

export function descriptionHash(text: string): string {
  // Offset basis 0xcbf29ce484222325, limbs from low to high.
  let h0 = 0x2325, h1 = 0x8422, h2 = 0x9ce4, h3 = 0xcbf2;
  const mix = (byte: number): void => {
    h0 ^= byte;
    // Prime 0x100000001b3 = limbs [0x01b3, 0, 0x0100, 0].
    const r0 = h0 * 0x1b3;
    const r1 = h1 * 0x1b3 + (r0 >>> 16);
    const r2 = h2 * 0x1b3 + h0 * 0x100 + Math.floor(r1 / 0x10000);
    const r3 = h3 * 0x1b3 + h1 * 0x100 + Math.floor(r2 / 0x10000);
    h0 = r0 & 0xffff;
    h1 = r1 & 0xffff;
    h2 = r2 & 0xffff;
    h3 = r3 & 0xffff;
  };
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // a lone surrogate is encoded as U+FFFD, like TextEncoder
    if (c < 0x80) mix(c);
    else if (c < 0x800) { mix(0xc0 | (c >> 6)); mix(0x80 | (c & 0x3f)); }
    else if (c < 0x10000) { mix(0xe0 | (c >> 12)); mix(0x80 | ((c >> 6) & 0x3f)); mix(0x80 | (c & 0x3f)); }
    else { mix(0xf0 | (c >> 18)); mix(0x80 | ((c >> 12) & 0x3f)); mix(0x80 | ((c >> 6) & 0x3f)); mix(0x80 | (c & 0x3f)); }
  }
  const hex = (n: number): string => n.toString(16).padStart(4, '0');
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
}
