// Real text nobody labelled, for throughput and false positives per MB: package-lock.json,
// `git log -p` of this repository, and source files under the given directories (node_modules
// by default). Workspace links (node_modules/@vigil) are skipped: they are this project's own
// sources and fixtures, not third-party text.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Doc {
  label: string;
  text: string;
}

export interface RealTextOptions {
  limitMb: number;
  /** Directories walked for files; default node_modules. */
  dirs?: readonly string[];
  /** Which files count. */
  files: RegExp;
  /** At most this many characters of `git log -p`; default all of it. */
  gitChars?: number;
  /** Cut the last document so the total stays within limitMb (otherwise the walk stops after passing it). */
  exact?: boolean;
}

export function loadRealText(o: RealTextOptions): Doc[] {
  const docs: Doc[] = [];
  let total = 0;
  const cap = o.limitMb * 1e6;
  const add = (label: string, text: string): void => {
    const room = cap - total;
    if (o.exact && room <= 0) return;
    const t = o.exact && text.length > room ? text.slice(0, room) : text;
    docs.push({ label, text: t });
    total += t.length;
  };
  add('package-lock.json', readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  try {
    const log = execFileSync('git', ['-C', ROOT, 'log', '-p', '--no-color'], { maxBuffer: 1 << 28, encoding: 'utf8' });
    add('git log -p', o.gitChars === undefined ? log : log.slice(0, o.gitChars));
  } catch {
    process.stderr.write('note: git log unavailable\n');
  }
  const walk = (p: string): void => {
    if (total >= cap) return;
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) {
      if (p.endsWith('node_modules/@vigil')) return;
      for (const e of readdirSync(p).sort()) walk(join(p, e));
    } else if (st.size < 2e6 && o.files.test(p)) {
      add(p.slice(ROOT.length), readFileSync(p, 'utf8'));
    }
  };
  for (const d of o.dirs ?? [join(ROOT, 'node_modules')]) walk(d);
  return docs;
}
