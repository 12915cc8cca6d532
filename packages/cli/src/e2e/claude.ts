// The real Claude Code CLI for end-to-end tests: installed from npm into .cache/ at a pinned
// version the first time (≈ 5 s from the registry, ~380 MB), then reused.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLAUDE_VERSION = '2.1.330';
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The claude binary's path, or why it is not available. */
export function installClaude(): { bin: string; skip: false } | { bin: null; skip: string } {
  const dir = join(ROOT, '.cache', `claude-code-${CLAUDE_VERSION}`);
  // The platform package holds the native binary; the wrapper's bin is a copy of it after postinstall.
  const bin = join(dir, 'node_modules', '@anthropic-ai', `claude-code-${platform()}-${arch()}`, 'claude');
  if (!existsSync(bin)) {
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'vigil-e2e-claude', private: true, allowScripts: { '@anthropic-ai/claude-code': true } }));
      execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `@anthropic-ai/claude-code@${CLAUDE_VERSION}`], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 });
    } catch (e) {
      return { bin: null, skip: `could not install @anthropic-ai/claude-code@${CLAUDE_VERSION}: ${(e as Error).message.split('\n')[0]}` };
    }
  }
  if (!existsSync(bin) || statSync(bin).size < 1_000_000) return { bin: null, skip: `no Claude Code binary for ${platform()}-${arch()} at ${bin}` };
  return { bin, skip: false };
}
