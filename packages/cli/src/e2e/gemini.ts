// The real Gemini CLI for end-to-end tests: installed from npm into .cache/ at a pinned version
// the first time, then reused. It is plain JavaScript (bundle/gemini.js), run with this Node.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GEMINI_VERSION = '0.61.0';
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The gemini entry script's path, or why it is not available. */
export function installGemini(): { bin: string; skip: false } | { bin: null; skip: string } {
  const dir = join(ROOT, '.cache', `gemini-cli-${GEMINI_VERSION}`);
  const bin = join(dir, 'node_modules', '@google', 'gemini-cli', 'bundle', 'gemini.js');
  if (!existsSync(bin)) {
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'vigil-e2e-gemini', private: true }));
      // Optional native extras (pty, keychain) are not needed for headless runs.
      execFileSync('npm', ['install', '--no-audit', '--no-fund', '--omit=optional', '--ignore-scripts', '--loglevel=error', `@google/gemini-cli@${GEMINI_VERSION}`], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 });
    } catch (e) {
      return { bin: null, skip: `could not install @google/gemini-cli@${GEMINI_VERSION}: ${(e as Error).message.split('\n')[0]}` };
    }
  }
  if (!existsSync(bin)) return { bin: null, skip: `no Gemini CLI at ${bin}` };
  return { bin, skip: false };
}

/** Gemini CLI offline against `modelUrl`, with its home at `home`, trusting the working folder. */
export function geminiEnv(home: string, modelUrl: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    GEMINI_API_KEY: 'e2e',
    GOOGLE_GEMINI_BASE_URL: modelUrl,
    // Headless runs refuse untrusted folders; hooks only run in trusted ones.
    GEMINI_CLI_TRUST_WORKSPACE: 'true',
    NO_COLOR: '1',
  };
}
