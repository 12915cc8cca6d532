// What a command line really runs: prefixes (sudo, env, nohup, timeout…) are peeled off, and
// the code it hands to another interpreter (sh -c, eval, su -c, ssh host '…', watch) or the
// commands it spawns (find -exec, xargs) are found so they can be analysed too.

import { SHELLS, programName } from './words.js';

export interface Peeled {
  /** Leading words removed. */
  skip: number;
  wrappers: string[];
  sudoFlags: string[];
  assigns: Array<[string, string]>;
}

const MAX_PEEL = 8;
const SUDO_VALUE = new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-T', '-U', '-a', '-c', '--user', '--group', '--host', '--prompt', '--chdir', '--role', '--type', '--close-from', '--other-user']);
const TIMEOUT_VALUE = new Set(['-s', '-k', '--signal', '--kill-after']);
const STDBUF_VALUE = new Set(['-i', '-o', '-e']);
// Keywords appear here only from the fallback tokenizer, which does not know compound syntax.
const SIMPLE_PREFIX = new Set(['nohup', 'time', 'builtin', 'chronic', 'unbuffer', 'caffeinate', 'torsocks', 'tsocks', 'catchsegv', 'noglob', 'then', 'do', 'else', 'if', 'elif', 'while', 'until', '!', '{', '(']);

/** Peel wrappers off argv. argv[skip] is the real program (or skip === argv.length). */
export function peel(argv: readonly string[]): Peeled {
  const out: Peeled = { skip: 0, wrappers: [], sudoFlags: [], assigns: [] };
  let i = 0;
  for (let round = 0; round < MAX_PEEL && i < argv.length; round++) {
    const name = programName(argv[i]!);
    let j = i + 1;
    if (name === 'sudo' || name === 'doas' || name === 'please' || name === 'run0') {
      for (; j < argv.length; j++) {
        const a = argv[j]!;
        if (a === '--') { j++; break; }
        const eq = a.indexOf('=');
        if (eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(a.slice(0, eq))) { out.assigns.push([a.slice(0, eq), a.slice(eq + 1)]); continue; }
        if (!a.startsWith('-')) break;
        out.sudoFlags.push(a);
        if (SUDO_VALUE.has(a) || (name === 'doas' && a === '-u')) { out.sudoFlags.push(argv[j + 1] ?? ''); j++; }
      }
    } else if (name === 'env') {
      for (; j < argv.length; j++) {
        const a = argv[j]!;
        if (a === '--') { j++; break; }
        if (a === '-u' || a === '-C' || a === '--unset' || a === '--chdir' || a === '-S' || a === '--split-string') { j++; continue; }
        if (a.startsWith('-')) continue;
        const eq = a.indexOf('=');
        if (eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(a.slice(0, eq))) { out.assigns.push([a.slice(0, eq), a.slice(eq + 1)]); continue; }
        break;
      }
    } else if (name === 'nice' || name === 'ionice' || name === 'renice' || name === 'taskset' || name === 'chrt' || name === 'cpulimit') {
      for (; j < argv.length; j++) {
        const a = argv[j]!;
        if (a === '--') { j++; break; }
        if (/^-[a-z]$/.test(a) || (a.startsWith('--') && !a.includes('='))) { j++; continue; }
        if (a.startsWith('-') || /^\d+$/.test(a) || /^0x[0-9a-f]+$/i.test(a)) continue;
        break;
      }
    } else if (name === 'timeout' || name === 'gtimeout') {
      for (; j < argv.length; j++) {
        const a = argv[j]!;
        if (TIMEOUT_VALUE.has(a)) { j++; continue; }
        if (a.startsWith('-')) continue;
        j++; // the duration
        break;
      }
    } else if (name === 'stdbuf') {
      for (; j < argv.length; j++) {
        const a = argv[j]!;
        if (STDBUF_VALUE.has(a)) { j++; continue; }
        if (a.startsWith('-')) continue;
        break;
      }
    } else if (name === 'command' || name === 'exec') {
      if (argv[j] === '-v' || argv[j] === '-V') return out; // a lookup, not a run
      for (; j < argv.length; j++) {
        const a = argv[j]!;
        if (a === '-a') { j++; continue; }
        if (a === '--') { j++; break; }
        if (!a.startsWith('-')) break;
      }
    } else if (name === 'setsid' || name === 'strace' || name === 'ltrace' || name === 'proxychains' || name === 'proxychains4' || name === 'firejail') {
      for (; j < argv.length; j++) {
        const a = argv[j]!;
        if (a === '-o' || (a === '-f' && name.startsWith('proxychains')) || a === '-p' || a === '-e' || a === '-s') { j++; continue; }
        if (!a.startsWith('-')) break;
      }
    } else if (name === 'runuser') {
      for (; j < argv.length; j++) {
        const a = argv[j]!;
        if (a === '--') { j++; break; }
        if (a === '-u' || a === '-g' || a === '-G') { j++; continue; }
        if (!a.startsWith('-')) break;
      }
      out.sudoFlags.push('runuser');
    } else if (name === 'chroot') {
      j = i + 1;
      while (j < argv.length && argv[j]!.startsWith('-')) j++;
      j++; // the new root
    } else if (name === 'busybox' || name === 'toybox') {
      // busybox sh -c …: the applet is the program.
    } else if (!SIMPLE_PREFIX.has(name)) {
      break;
    } else if (name === 'time') {
      while (j < argv.length && argv[j]!.startsWith('-')) j++;
    }
    if (j >= argv.length) {
      // A prefix with nothing after it (sudo -i, env, exec 3<>…) is itself the command.
      if (name === 'sudo' || name === 'doas' || name === 'env' || name === 'exec' || name === 'su') break;
      out.wrappers.push(name);
      i = j;
      break;
    }
    out.wrappers.push(name);
    i = j;
  }
  out.skip = i;
  return out;
}

export interface CodeString {
  /** The code. */
  text: string;
  /** argv indexes (after peeling) it came from, inclusive; equal when it is one word. */
  from: number;
  to: number;
  /** shell: run by a POSIX shell here; remote: run by a shell on another host; pwsh: PowerShell. */
  kind: 'shell' | 'remote' | 'pwsh';
}

export interface Spawned {
  argv: string[];
  from: number;
  to: number;
}

const SSH_VALUE = new Set(['-b', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-p', '-Q', '-R', '-S', '-W', '-w', '-B']);
const XARGS_VALUE = new Set(['-a', '-d', '-E', '-I', '-L', '-n', '-P', '-s', '--arg-file', '--delimiter', '--max-args', '--max-procs', '--max-lines', '--max-chars', '--eof', '--replace', '--process-slot-var']);

/** Code this command hands to an interpreter, if any. */
export function codeStrings(argv: readonly string[], name: string): CodeString[] {
  const out: CodeString[] = [];
  if (SHELLS.has(name) || name === 'busybox') {
    let start = 1;
    if (name === 'busybox') {
      if (argv.length < 2 || !SHELLS.has(programName(argv[1]!))) return out;
      start = 2;
    }
    let wantsCode = false;
    for (let i = start; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--') continue;
      if (/^-[A-Za-z]*c[A-Za-z]*$/.test(a) || a === '--command') { wantsCode = true; continue; }
      if (a.startsWith('--command=')) { out.push({ text: a.slice(10), from: i, to: i, kind: 'shell' }); return out; }
      if (a === '-o' || a === '+o' || a === '-O' || a === '+O' || a === '--rcfile' || a === '--init-file') { i++; continue; }
      if (a.startsWith('-') || a.startsWith('+')) continue;
      if (wantsCode) out.push({ text: a, from: i, to: i, kind: 'shell' });
      return out;
    }
    return out;
  }
  if (name === 'eval') {
    if (argv.length > 1) out.push({ text: argv.slice(1).join(' '), from: 1, to: argv.length - 1, kind: 'shell' });
    return out;
  }
  if (name === 'su' || name === 'flock' || name === 'script') {
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i]!;
      if ((a === '-c' || a === '--command') && i + 1 < argv.length) { out.push({ text: argv[i + 1]!, from: i + 1, to: i + 1, kind: 'shell' }); return out; }
      if (a.startsWith('--command=')) { out.push({ text: a.slice(10), from: i, to: i, kind: 'shell' }); return out; }
    }
    return out;
  }
  if (name === 'watch') {
    let i = 1;
    for (; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '-n' || a === '--interval' || a === '-q' || a === '--equexit') { i++; continue; }
      if (!a.startsWith('-')) break;
    }
    if (i < argv.length) out.push({ text: argv.slice(i).join(' '), from: i, to: argv.length - 1, kind: 'shell' });
    return out;
  }
  if (name === 'ssh') {
    let i = 1;
    let host = -1;
    for (; i < argv.length; i++) {
      const a = argv[i]!;
      if (SSH_VALUE.has(a)) { i++; continue; }
      if (a.startsWith('-')) continue;
      host = i;
      break;
    }
    if (host > 0 && host + 1 < argv.length) out.push({ text: argv.slice(host + 1).join(' '), from: host + 1, to: argv.length - 1, kind: 'remote' });
    return out;
  }
  if (name === 'pwsh' || name === 'powershell') {
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i]!.toLowerCase();
      if ((a === '-c' || a === '-command' || a === '/c') && i + 1 < argv.length) { out.push({ text: argv.slice(i + 1).join(' '), from: i + 1, to: argv.length - 1, kind: 'pwsh' }); return out; }
      if ((a === '-e' || a === '-enc' || a === '-encodedcommand' || a === '-ec') && i + 1 < argv.length) {
        const t = decodeUtf16Base64(argv[i + 1]!);
        if (t !== undefined) out.push({ text: t, from: i + 1, to: i + 1, kind: 'pwsh' });
        return out;
      }
    }
  }
  return out;
}

/** Commands spawned with arguments from this one: find -exec …, xargs …. */
export function spawned(argv: readonly string[], name: string): Spawned[] {
  const out: Spawned[] = [];
  if (name === 'xargs') {
    let i = 1;
    for (; i < argv.length; i++) {
      const a = argv[i]!;
      if (XARGS_VALUE.has(a)) { i++; continue; }
      if (a.startsWith('-')) continue;
      break;
    }
    if (i < argv.length) out.push({ argv: argv.slice(i), from: i, to: argv.length - 1 });
    return out;
  }
  if (name === 'find' || name === 'fd' || name === 'fdfind') {
    const roots: string[] = [];
    let filtered = false;
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i]!;
      if (name === 'find' && roots.length === i - 1 && !a.startsWith('-') && a !== '(' && a !== '!') { roots.push(a); continue; }
      if (a === '-name' || a === '-iname' || a === '-path' || a === '-ipath' || a === '-regex' || a === '-iregex' || a === '-wholename') {
        const pat = argv[i + 1];
        if (pat !== undefined && !/^(?:\*|\*\.\*)$/.test(pat)) { filtered = true; roots.push(`\u0000${pat}`); }
        i++;
        continue;
      }
      if (a === '-exec' || a === '-execdir' || a === '-ok' || a === '-okdir' || (name !== 'find' && (a === '-x' || a === '--exec' || a === '-X' || a === '--exec-batch'))) {
        let k = i + 1;
        while (k < argv.length && argv[k] !== ';' && argv[k] !== '+' && argv[k] !== '\\;') k++;
        const sub = argv.slice(i + 1, k);
        if (sub.length > 0) {
          const root = roots.find((r) => !r.startsWith('\u0000')) ?? '.';
          const pat = roots.find((r) => r.startsWith('\u0000'));
          const repl = filtered && pat ? `${root}/**/${pat.slice(1)}` : `${root}/*`;
          out.push({ argv: sub.map((w) => (w === '{}' ? repl : w.replace('{}', repl))), from: i + 1, to: Math.max(i + 1, k - 1) });
        }
        i = k;
      }
    }
  }
  return out;
}

function decodeUtf16Base64(s: string): string | undefined {
  if (s.length > 200_000 || !/^[A-Za-z0-9+/=\s]+$/.test(s)) return undefined;
  try {
    return Buffer.from(s, 'base64').toString('utf16le');
  } catch {
    return undefined;
  }
}
