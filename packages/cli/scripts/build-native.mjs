// Builds the native hook relay (native/vigil-hook.c → dist/vigil-hook) with the C compiler that
// npm install already needs for better-sqlite3. Without one, Vigil still works: `vigil setup
// hooks` then installs the Node relay (`vigil hook`), which is slower to start.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'native', 'vigil-hook.c');
const out = join(root, 'dist', 'vigil-hook');
if (process.platform === 'win32') process.exit(0);
if (existsSync(out) && statSync(out).mtimeMs >= statSync(src).mtimeMs) process.exit(0);
mkdirSync(dirname(out), { recursive: true });
const cc = process.env.CC ?? 'cc';
try {
  execFileSync(cc, ['-O2', '-Wall', '-Wextra', '-Wno-format-truncation', '-o', out, src], { stdio: ['ignore', 'inherit', 'inherit'] });
} catch (e) {
  process.stderr.write(`note: the native hook relay was not built (${cc}: ${e.message.split('\n')[0]}); hooks will use the Node relay\n`);
}
