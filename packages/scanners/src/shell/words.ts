// Command-name sets and argv option helpers shared by the shell rules.

export const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish', 'csh', 'tcsh', 'yash', 'rbash']);

/** Interpreters that run a program given on stdin when started without a script. */
export function isInterpreter(name: string): boolean {
  if (SHELLS.has(name)) return true;
  return /^(?:python[\d.]*|pypy[\d.]*|node|nodejs|perl[\d.]*|ruby[\d.]*|php[\d.]*|lua[\d.]*|luajit|osascript|pwsh|powershell|tclsh|deno|bun|rscript|jshell|irb|awk|gawk|mawk)$/.test(name);
}

export const DOWNLOADERS = new Set(['curl', 'wget', 'wget2', 'fetch', 'http', 'https', 'xh', 'xhs', 'aria2c', 'lwp-request', 'lwp-download', 'get', 'lynx', 'links', 'elinks']);

/** Raw network clients: data piped into them leaves the machine; their output can be a remote shell. */
export const RAW_NET = new Set(['nc', 'ncat', 'netcat', 'socat', 'telnet', 'cryptcat', 'pwncat']);

/** Commands that send data or files to another host. */
export const NET_SINKS = new Set([
  'curl', 'wget', 'wget2', 'http', 'https', 'xh', 'xhs', 'nc', 'ncat', 'netcat', 'socat', 'telnet', 'cryptcat', 'ssh', 'scp', 'sftp', 'rsync',
  'ftp', 'tftp', 'lftp', 'mail', 'mailx', 'sendmail', 'mutt', 'msmtp', 'swaks', 'openssl', 'rclone', 'aws', 'gsutil', 'az', 'gh', 'smbclient',
]);

export const DNS_TOOLS = new Set(['dig', 'nslookup', 'host', 'drill', 'ping', 'ping6', 'delv', 'resolvectl']);

/** Decoders that turn a literal into runnable text. */
export function isDecoder(name: string, argv: readonly string[]): boolean {
  if (name === 'base64' || name === 'base32' || name === 'basenc' || name === 'gbase64') return hasShort(argv, 'd') || hasShort(argv, 'D') || hasLong(argv, '--decode');
  if (name === 'xxd') return hasShort(argv, 'r');
  if (name === 'openssl') return (argv.includes('base64') && hasShort(argv, 'd')) || (argv.includes('enc') && hasShort(argv, 'd'));
  if (name === 'uudecode' || name === 'rev' || name === 'gunzip' || name === 'zcat' || name === 'bunzip2' || name === 'xz' || name === 'unxz') return true;
  if (name === 'gzip' || name === 'bzip2' || name === 'zstd') return hasShort(argv, 'd');
  if (name === 'tr') return true; // rot13 and similar
  return false;
}

/** Lowercased basename of a program word: "/usr/bin/curl" → "curl", "\rm" → "rm". */
export function programName(word: string): string {
  let w = word;
  const slash = w.lastIndexOf('/');
  if (slash >= 0) w = w.slice(slash + 1);
  const bslash = w.lastIndexOf('\\');
  if (bslash >= 0) w = w.slice(bslash + 1);
  if (w.endsWith('.exe')) w = w.slice(0, -4);
  return w.toLowerCase();
}

/** Whether a short option letter is set, alone or in a cluster (-rf), before "--". */
export function hasShort(argv: readonly string[], ch: string): boolean {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return false;
    if (a.length > 1 && a.charCodeAt(0) === 45 /* - */ && a.charCodeAt(1) !== 45 && /^-[A-Za-z0-9]+$/.test(a) && a.includes(ch)) return true;
  }
  return false;
}

/** Whether a long option is present (also as --opt=value), before "--". */
export function hasLong(argv: readonly string[], opt: string): boolean {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return false;
    if (a === opt || (a.startsWith(opt) && a.charCodeAt(opt.length) === 61 /* = */)) return true;
  }
  return false;
}

/** Values of an option: "-o F", "-oF", "--output F", "--output=F". */
export function optValues(argv: readonly string[], shorts: readonly string[], longs: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    for (const s of shorts) {
      if (a === s) { if (i + 1 < argv.length) out.push(argv[i + 1]!); }
      else if (a.startsWith(s) && s.length === 2 && a.length > 2 && a.charCodeAt(1) !== 45) out.push(a.slice(2));
    }
    for (const l of longs) {
      if (a === l) { if (i + 1 < argv.length) out.push(argv[i + 1]!); }
      else if (a.startsWith(l) && a.charCodeAt(l.length) === 61) out.push(a.slice(l.length + 1));
    }
  }
  return out;
}

/** Non-option arguments (everything after "--" counts), skipping values of the listed options. */
export function positionals(argv: readonly string[], valueOpts: ReadonlySet<string> = EMPTY): string[] {
  const out: string[] = [];
  let opts = true;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (opts && a === '--') { opts = false; continue; }
    if (opts && a.length > 1 && a.charCodeAt(0) === 45) {
      if (valueOpts.has(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

const EMPTY: ReadonlySet<string> = new Set();

/** Hosts that never leave the machine. */
export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h.startsWith('127.') || h === '::1' || h === '0.0.0.0' || h === 'host.docker.internal';
}

/** The host of a URL-ish word, or undefined. */
export function urlHost(word: string): string | undefined {
  const m = /^(?:[a-z][a-z0-9+.-]{0,15}:\/\/)?(?:[^@/\s]{0,256}@)?(\[[0-9a-f:.]{2,64}\]|[a-z0-9][a-z0-9.-]{0,253})(?::\d{1,5})?(?:[/?#]|$)/i.exec(word);
  return m ? m[1] : undefined;
}

/** A shell or interpreter that will run whatever arrives on its stdin as a program. */
export function readsProgramFromStdin(name: string, argv: readonly string[]): boolean {
  if (SHELLS.has(name)) {
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '-' || a === '/dev/stdin' || a === '--') return true;
      if (a === '-o' || a === '+o' || a === '--rcfile' || a === '--init-file') { i++; continue; }
      if (/^-[A-Za-z]*c[A-Za-z]*$/.test(a) || a === '--command' || a.startsWith('--command=')) return false;
      if (/^-[A-Za-z]*s[A-Za-z]*$/.test(a)) return true;
      if (a.startsWith('-') || a.startsWith('+')) continue;
      return false; // a script file
    }
    return true;
  }
  if (name === 'source' || name === '.') return argv[1] === '/dev/stdin' || argv[1] === '/proc/self/fd/0';
  if (!isInterpreter(name) || name === 'awk' || name === 'gawk' || name === 'mawk') return false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-' || a === '/dev/stdin') return true;
    if (/^-(?:c|m|e|E|p|r|-eval|-print|-command|command|encodedcommand|enc|file|f)$/i.test(a)) return false;
    if (/^-[A-Za-z]*e[A-Za-z]*$/.test(a) && !isPython(name)) return false; // perl -ne, ruby -pe
    if (isPython(name) && (a === '-W' || a === '-X' || a === '--check-hash-based-pycs')) { i++; continue; }
    if (a.startsWith('-')) continue;
    if (name === 'deno' || name === 'bun') { if (a === 'run' || a === 'x') continue; }
    return false;
  }
  return name !== 'deno' && name !== 'bun' && name !== 'pwsh' && name !== 'powershell';
}

function isPython(name: string): boolean {
  return name.startsWith('python') || name.startsWith('pypy');
}
