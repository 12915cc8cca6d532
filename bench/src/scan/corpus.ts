// A corpus of realistic tool outputs, built from files on this machine and a seeded generator so
// every run (and every machine) scans the same kind of text: source files, logs, JSON and shell
// output, cut into payloads the size tools return.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Payload {
  kind: 'source' | 'log' | 'json' | 'shell';
  text: string;
}

function files(dir: string, ext: RegExp, out: string[], max: number, minSize = 2_000): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const n of names) {
    if (out.length >= max) break;
    // Workspace links back into this repository: Vigil's own sources, not third-party code.
    if (n === '@vigil') continue;
    const p = join(dir, n);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) files(p, ext, out, max, minSize);
    else if (ext.test(n) && st.size > minSize && st.size < 200_000 && !n.endsWith('.min.js')) out.push(p);
  }
  return out;
}

/** Splits text into payloads of about `size` characters at line ends. */
function cut(kind: Payload['kind'], text: string, size: number, out: Payload[]): void {
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + size);
    const nl = text.indexOf('\n', end);
    if (nl > 0 && nl - end < 2000) end = nl + 1;
    out.push({ kind, text: text.slice(at, end) });
    at = end;
  }
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function logs(lines: number): string {
  const r = rng(7);
  const paths = ['/api/v1/users', '/api/v1/orders/1234', '/healthz', '/static/app.js', '/login', '/api/v1/search?q=shoes'];
  const levels = ['INFO', 'INFO', 'INFO', 'WARN', 'DEBUG', 'ERROR'];
  const out: string[] = [];
  let t = Date.UTC(2026, 10, 1);
  for (let i = 0; i < lines; i++) {
    t += Math.floor(r() * 900);
    const ip = `10.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}`;
    const iso = new Date(t).toISOString();
    switch (i % 3) {
      case 0:
        out.push(`${ip} - - [${iso}] "GET ${paths[i % paths.length]} HTTP/1.1" ${r() < 0.9 ? 200 : 500} ${Math.floor(r() * 20000)} "-" "Mozilla/5.0 (X11; Linux x86_64)"`);
        break;
      case 1:
        out.push(JSON.stringify({ time: iso, level: levels[i % levels.length], msg: 'request completed', reqId: `req-${(r() * 1e9).toString(36)}`, durationMs: Math.round(r() * 300), route: paths[i % paths.length] }));
        break;
      default:
        out.push(`${iso} ${levels[i % levels.length]} [worker-${i % 4}] job ${Math.floor(r() * 1e6)} finished in ${(r() * 5).toFixed(3)}s (queue=default attempts=1)`);
    }
  }
  return out.join('\n') + '\n';
}

/** API-response-like JSON (what `gh api`, `kubectl get -o json` or an MCP tool returns). */
function apiJson(items: number): string {
  const r = rng(11);
  const words = ['build', 'fix', 'login', 'flaky', 'deploy', 'cache', 'timeout', 'docs', 'refactor', 'upgrade', 'memory', 'parser'];
  const out = [];
  for (let i = 0; i < items; i++) {
    const w = () => words[Math.floor(r() * words.length)]!;
    out.push({
      id: 100000 + i,
      node_id: `I_kwDO${Math.floor(r() * 1e9).toString(36)}`,
      number: i + 1,
      title: `${w()}: ${w()} ${w()} when ${w()}`,
      state: r() < 0.7 ? 'open' : 'closed',
      labels: [{ name: w(), color: Math.floor(r() * 0xffffff).toString(16).padStart(6, '0') }],
      user: { login: `dev${Math.floor(r() * 500)}`, id: Math.floor(r() * 1e7), type: 'User', site_admin: false },
      comments: Math.floor(r() * 20),
      created_at: new Date(Date.UTC(2026, 0, 1) + Math.floor(r() * 3e10)).toISOString(),
      html_url: `https://github.com/acme/app/issues/${i + 1}`,
      body: `Steps: run \`npm run ${w()}\`, then open /settings. Expected ${w()}, got ${w()} after ${Math.floor(r() * 900)} ms.`,
      metadata: { resourceVersion: String(Math.floor(r() * 1e8)), generation: Math.floor(r() * 9), uid: `${Math.floor(r() * 1e8).toString(16)}-${Math.floor(r() * 65535).toString(16)}-4${Math.floor(r() * 4095).toString(16)}` },
    });
  }
  return JSON.stringify(out, null, 2);
}

function lsOutput(dir: string): string {
  const out: string[] = [];
  const walk = (d: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      return;
    }
    out.push(`\n${d}:`);
    for (const n of names) {
      try {
        const st = statSync(join(d, n));
        out.push(`${st.isDirectory() ? 'd' : '-'}rw-r--r--  1 dev  staff  ${String(st.size).padStart(8)} ${st.mtime.toISOString().slice(0, 16).replace('T', ' ')} ${n}`);
        if (st.isDirectory() && depth < 4) walk(join(d, n), depth + 1);
      } catch {
        /* vanished */
      }
    }
  };
  walk(dir, 0);
  return out.join('\n');
}

/** About `mb` megabytes of payloads of ~`size` characters, a quarter of each kind. */
export function buildCorpus(root: string, mb = 16, size = 10_000): Payload[] {
  const quarter = (mb * 1024 * 1024) / 4;
  const out: Payload[] = [];
  const take = (kind: Payload['kind'], parts: Iterable<string>) => {
    let n = 0;
    for (const t of parts) {
      if (n >= quarter) break;
      const text = t.slice(0, quarter - n);
      cut(kind, text, size, out);
      n += text.length;
    }
  };
  const nm = join(root, 'node_modules');
  take('source', (function* () {
    for (const f of files(nm, /\.(js|ts|mjs|cjs)$/, [], 4000)) yield readFileSync(f, 'utf8');
  })());
  take('log', (function* () {
    for (;;) yield logs(20_000);
  })());
  take('json', (function* () {
    yield readFileSync(join(root, 'package-lock.json'), 'utf8');
    for (const f of files(nm, /\.json$/, [], 20_000, 200)) yield readFileSync(f, 'utf8');
    for (;;) yield apiJson(2000);
  })());
  take('shell', (function* () {
    try {
      yield execFileSync('git', ['log', '--stat', '-n', '400'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
      // Not the detectors' own sources and corpora: they are dense with attack strings no ordinary diff has.
      yield execFileSync('git', ['log', '-p', '-n', '400', '--', '*.ts', '*.md', ':(exclude)packages/scanners', ':(exclude)eval', ':(exclude)docs/scanners', ':(exclude)docs/detection.md'], { cwd: root, encoding: 'utf8', maxBuffer: 256 << 20 });
    } catch {
      /* not a git checkout */
    }
    yield lsOutput(nm);
  })());
  return out;
}

export function corpusBytes(c: readonly Payload[]): number {
  let n = 0;
  for (const p of c) n += p.text.length;
  return n;
}
