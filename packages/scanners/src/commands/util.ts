import { DOWNLOADERS, hasLong, hasShort, interpreterCode, isInterpreter, optValues, positionals, SHELLS, type ShellCommand } from '../shell/index.js';

/** A download whose body goes to stdout (so it can be piped or substituted). */
export function downloadsToStdout(c: ShellCommand): boolean {
  if (!DOWNLOADERS.has(c.name) || !hasUrl(c)) return false;
  const a = c.argv;
  switch (c.name) {
    case 'curl': {
      const out = optValues(a, ['-o'], ['--output']);
      if (out.length > 0) return out.includes('-') || out.includes('/dev/stdout');
      return !hasShort(a, 'O') && !hasLong(a, '--remote-name') && !hasLong(a, '--remote-name-all') && !hasShort(a, 'o');
    }
    case 'wget': case 'wget2': {
      for (let i = 1; i < a.length; i++) {
        const x = a[i]!;
        if (/^-[a-zA-Z]*O-$/.test(x) || x === '--output-document=-' || x === '--output-document=/dev/stdout') return true;
        if ((/^-[a-zA-Z]*O$/.test(x) || x === '--output-document') && (a[i + 1] === '-' || a[i + 1] === '/dev/stdout')) return true;
      }
      return false;
    }
    case 'fetch': return optValues(a, ['-o'], ['--output']).some((v) => v === '-');
    case 'aria2c': case 'lwp-download': return false;
    case 'lynx': case 'links': case 'elinks': return a.includes('-source') || a.includes('-dump');
    default: return !hasShort(a, 'd') && !hasLong(a, '--download') && !hasShort(a, 'o') && !hasLong(a, '--output');
  }
}

export function hasUrl(c: ShellCommand): boolean {
  return c.argv.some((x, i) => i > 0 && (/^(?:https?|ftp):\/\//i.test(x) || /^[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})+(?::\d{1,5})?\//i.test(x) || x.includes('$(') || /^\$\{?[A-Za-z_]/.test(x)));
}

export function urlsOf(c: ShellCommand): string[] {
  return c.argv.filter((x, i) => i > 0 && /^(?:https?|ftp):\/\//i.test(x));
}

/** The file a download is saved to (basename, lowercased), if any. */
export function downloadFile(c: ShellCommand): string | undefined {
  if (!DOWNLOADERS.has(c.name) || !hasUrl(c)) return undefined;
  const a = c.argv;
  const url = urlsOf(c)[0];
  const urlBase = url ? basename(url.replace(/[?#].*$/, '')) : undefined;
  let file: string | undefined;
  if (c.name === 'curl') {
    const o = optValues(a, ['-o'], ['--output']);
    if (o.length > 0) file = o[o.length - 1];
    else if (hasShort(a, 'O') || hasLong(a, '--remote-name')) file = urlBase;
  } else if (c.name === 'wget' || c.name === 'wget2') {
    const o = optValues(a, ['-O'], ['--output-document']);
    if (o.length > 0) file = o[o.length - 1];
    else if (!downloadsToStdout(c)) file = urlBase;
  } else if (c.name === 'aria2c' || c.name === 'fetch') {
    file = optValues(a, ['-o'], ['--out', '--output'])[0] ?? urlBase;
  }
  for (const r of c.redirects) if ((r.op === '>' || r.op === '>|') && r.fd === undefined && r.target) file = r.target;
  if (!file || file === '-' || file === '/dev/stdout' || file === '/dev/null') return undefined;
  return basename(file);
}

export function basename(p: string): string {
  const s = p.replace(/\/+$/, '');
  return s.slice(s.lastIndexOf('/') + 1).toLowerCase();
}

/** A shell or interpreter (running code, not a data tool). */
export function isCodeRunner(name: string): boolean {
  return SHELLS.has(name) || isInterpreter(name) || name === 'source' || name === '.' || name === 'eval';
}

export { positionals, hasShort, hasLong, optValues, interpreterCode };
