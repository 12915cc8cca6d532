import { isDecoder, isInterpreter, positionals, readsProgramFromStdin, RAW_NET, SHELLS, type ShellCommand } from '../../shell/index.js';
import type { RuleContext } from '../context.js';
import { basename, downloadFile, downloadsToStdout, interpreterCode, isCodeRunner } from '../util.js';

const PIPE_MSG = 'Piping a download straight into a shell runs unreviewed remote code; download the script to a file, inspect it, then run it.';
const NET_CODE = /require\(\s*['"](?:node:)?https?['"]\s*\)|\b(?:urlopen|urllib\.request|urllib2|requests\.(?:get|post)|httpx\.get|http\.get|https\.get|fetch\s*\(|axios|LWP::Simple|LWP::UserAgent|Net::HTTP|open-uri|URI\.open|file_get_contents\s*\(\s*["']https?:|curl_exec|Invoke-WebRequest|DownloadString|WebClient)/;
const EVAL_CODE = /\b(?:exec|eval)\s*\(|\beval\s+[$@]|\bnew Function\s*\(|\bFunction\s*\(\s*\w+\s*\)\s*\(/;
const DECODE_EXEC = /\b(?:exec|eval|system|Function)\s*\(\s*(?:base64\.b64decode|__import__\(\s*['"](?:base64|zlib|codecs)|atob\s*\(|Buffer\.from\s*\(|decode_base64|MIME::Base64|codecs\.decode|zlib\.decompress|bytes\.fromhex|Base64\.decode64|base64_decode|gzinflate|str_rot13)/;

/** Remote code execution: download | sh, sh <(curl …), sh -c "$(curl …)", download then run, decoded payloads run by a shell. */
export function remoteExec(ctx: RuleContext, c: ShellCommand, i: number): void {
  // A program read from stdin whose stdin is a download, a decoded literal, or a raw socket.
  if (c.pipes.length > 0 && readsProgramFromStdin(c.name, c.argv)) {
    const up = ctx.upstream(i).map((j) => ctx.cmds[j]!);
    const dl = up.find((u) => downloadsToStdout(u));
    const runner = `${c.wrappers.includes('sudo') ? 'sudo ' : ''}${c.name}`;
    if (dl) ctx.report(span(c, dl), 'curl-pipe-shell', 'critical', 0.95, `${dl.name} … | ${runner}: ${PIPE_MSG}`);
    else if (up.some((u) => RAW_NET.has(u.name))) ctx.report(c, 'reverse-shell', 'critical', 0.9, `Output of a network connection is piped into ${runner}, which gives the remote end a shell on this machine; never run code received from a socket.`);
    else if (up.some((u) => isDecoder(u.name, u.argv) && u.name !== 'tr' && u.name !== 'gunzip' && u.name !== 'zcat')) {
      ctx.report(c, 'obfuscated-exec', 'high', 0.85, `An encoded payload is decoded and piped into ${runner}, which hides what actually runs; decode it, read it, and run the plain commands instead.`);
    }
  }
  // bash <(curl …), source <(curl …), sh -c "$(curl …)", $(curl …) as the command, eval "$(curl …)".
  if (c.via === 'cmdsub' || c.via === 'procsub') {
    const p = ctx.cmds[c.parent];
    const dl = downloadsToStdout(c);
    if (p && (dl || (isDecoder(c.name, c.argv) && c.name !== 'tr'))) {
      const runs = c.via === 'procsub'
        ? c.argIndex >= 1 && isCodeRunner(p.name)
        : c.argIndex === 0 || p.name === 'eval' || isCodeArg(p, c.argIndex) || (c.argIndex === -1 && p.stdinText !== undefined && readsProgramFromStdin(p.name, p.argv));
      if (runs) {
        if (dl) ctx.report(p, 'remote-script-exec', 'critical', 0.95, `${p.name || 'The shell'} runs code fetched by ${c.name} without saving or reviewing it; download the script to a file, inspect it, then run it.`);
        else ctx.report(p, 'obfuscated-exec', 'high', 0.85, 'A decoded payload is executed directly, which hides what actually runs; decode it, read it, and run the plain commands instead.');
      }
    }
  }
  // curl … | xargs bash -c: the download becomes the code argument.
  if (c.via === 'exec' && SHELLS.has(c.name) && /^-[A-Za-z]*c[A-Za-z]*$/.test(c.argv[c.argv.length - 1] ?? '')) {
    const x = ctx.cmds[c.parent];
    if (x && x.name === 'xargs') {
      const dl = ctx.upstream(c.parent).map((j) => ctx.cmds[j]!).find((u) => downloadsToStdout(u));
      if (dl) ctx.report(span(c, dl), 'curl-pipe-shell', 'critical', 0.9, `${dl.name} … | xargs ${c.name} -c: ${PIPE_MSG}`);
    }
  }
  // curl -o x.sh URL && bash x.sh ; wget URL/x && chmod +x x && ./x
  const file = downloadFile(c);
  if (file !== undefined && c.via !== 'exec') {
    for (let j = i + 1; j < ctx.cmds.length && j < i + 64; j++) {
      const d = ctx.cmds[j]!;
      if (d.path !== c.path) break;
      const how = runsFile(d, file);
      if (how === 'exec') { ctx.report(span(d, c), 'download-then-exec', 'high', 0.8, `${file} is downloaded and then executed without review; inspect the downloaded file before running it.`); break; }
      if (how === 'chmod') ctx.report(span(d, c), 'download-then-exec', 'medium', 0.6, `${file} is downloaded and made executable; inspect it before running it.`);
    }
  }
  // PowerShell download cradles: iex (iwr …), IEX (New-Object Net.WebClient).DownloadString(…)
  if (c.name === 'pwsh' || c.name === 'powershell' || c.name === 'iex' || c.name === 'invoke-expression') {
    const t = c.argv.join(' ');
    if (/\b(?:iex|invoke-expression)\b/i.test(t) && /\b(?:iwr|irm|invoke-webrequest|invoke-restmethod|downloadstring|downloaddata|net\.webclient|start-bitstransfer)\b/i.test(t)) {
      ctx.report(c, 'curl-pipe-shell', 'critical', 0.9, `PowerShell downloads code and runs it with Invoke-Expression; ${PIPE_MSG}`);
    }
  }
  const code = interpreterCode(c);
  if (code === undefined) return;
  // exec(base64 decode …) in interpreter one-liners.
  if (DECODE_EXEC.test(code)) {
    ctx.report(c, 'obfuscated-exec', 'high', 0.8, `${c.name} executes an encoded payload, which hides what actually runs; decode it and review the plain code instead.`);
  }
  // python -c "exec(urlopen(…).read())", node -e "https.get(…, r => eval(…))", perl -e 'eval(get(…))'.
  if (NET_CODE.test(code) && EVAL_CODE.test(code)) {
    ctx.report(c, 'curl-pipe-shell', 'critical', 0.85, `${c.name} downloads code and evaluates it; ${PIPE_MSG}`);
  }
}

/** Whether argv[k] of p is the code argument (sh -c CODE, python -c CODE, node -e CODE). */
function isCodeArg(p: ShellCommand, k: number): boolean {
  if (k < 2 || !(SHELLS.has(p.name) || isInterpreter(p.name))) return false;
  const prev = p.argv[k - 1] ?? '';
  return /^-[A-Za-z]*[ceEr]$/.test(prev) || /^--(?:command|eval|print)$/.test(prev);
}

function runsFile(d: ShellCommand, file: string): 'exec' | 'chmod' | undefined {
  const a0 = d.argv[0] ?? '';
  if (a0.includes('/') && basename(a0) === file) return 'exec';
  if (isCodeRunner(d.name) && d.name !== 'eval') {
    const ps = positionals(d.argv, new Set(['-c', '-e', '-m', '-o']));
    if (ps.length > 0 && basename(ps[0]!) === file && !d.argv.includes('-c') && !d.argv.includes('-m')) return 'exec';
  }
  if (d.name === 'chmod' && d.argv.slice(2).some((x) => basename(x) === file) && /(?:^|[ugoa,]*)\+[rwX]*x|^[0-7]?[0-7]*[1357][0-7]*$/.test(d.argv[1] ?? '')) return 'chmod';
  return undefined;
}

function span(a: ShellCommand, b: ShellCommand): ShellCommand {
  if (a.path !== b.path) return a;
  return { ...a, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
