// The real OpenAI Codex CLI for end-to-end tests: installed from npm into .cache/ at a pinned
// version the first time, then reused. The npm package's platform dependency holds the native binary.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODEX_VERSION = '0.169.0';
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The codex launcher's path (bin/codex.js, which finds the native binary), or why it is not available. */
export function installCodex(): { bin: string; skip: false } | { bin: null; skip: string } {
  const dir = join(ROOT, '.cache', `codex-${CODEX_VERSION}`);
  const bin = join(dir, 'node_modules', '@openai', 'codex', 'bin', 'codex.js');
  const native = join(dir, 'node_modules', '@openai', `codex-${platform()}-${arch()}`);
  if (!existsSync(bin) || !existsSync(native)) {
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'vigil-e2e-codex', private: true }));
      execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `@openai/codex@${CODEX_VERSION}`], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 });
    } catch (e) {
      return { bin: null, skip: `could not install @openai/codex@${CODEX_VERSION}: ${(e as Error).message.split('\n')[0]}` };
    }
  }
  if (!existsSync(bin)) return { bin: null, skip: `no Codex launcher at ${bin}` };
  if (!existsSync(native) || !statSync(native).isDirectory()) return { bin: null, skip: `no Codex native binary for ${platform()}-${arch()} at ${native}` };
  return { bin, skip: false };
}
