import type { RawFinding, ScannerV1 } from '@vigil/scanner-spec';
import { FORMATS } from './formats.js';
import { FULL, STRICT, scanText } from './scan.js';

export { FORMATS } from './formats.js';

/**
 * Compiles every provider regex once (V8 compiles a regex on its first use, ~3 ms for the whole
 * table). For a server's start-up warm-up; scanning works the same without it.
 */
export function warmSecrets(): void {
  for (const f of FORMATS) {
    for (const p of f.prefixes) {
      const probe = `${p}AAAAAAAA!`;
      f.re.lastIndex = 0;
      f.re.exec(probe);
      f.re.lastIndex = 0;
      f.re.exec(probe);
    }
  }
}

// No secret we detect is shorter than this.
const MIN_TEXT = 8;

/**
 * API keys and tokens of common providers (prefix, structure and checksum checks), private
 * keys, JWTs, credentials in URLs and connection strings, authorization headers, and
 * high-entropy literals assigned to secret-looking names. Every finding is maskable: its span
 * is exactly the secret value.
 */
export const secretsScanner: ScannerV1 = {
  specificationVersion: 'v1',
  masks: true,
  id: 'secrets',
  version: '1.0.0',
  stages: ['prompt', 'tool_input', 'tool_output', 'response'],
  scan(input, options): RawFinding[] {
    const passes = options.sensitivity === 'low' ? STRICT : FULL;
    const out: RawFinding[] = [];
    for (const part of input.parts) {
      if (part.text.length >= MIN_TEXT) scanText(part.text, part.path, passes, out);
    }
    return out;
  },
};
