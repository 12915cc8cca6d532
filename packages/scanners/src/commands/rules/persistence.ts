import type { FindingSeverity } from '@vigil/scanner-spec';
import { analyzeShell, classifyPath, literalOutput, normalizePath, type PathClass, type ShellCommand } from '../../shell/index.js';
import type { RuleContext } from '../context.js';

interface Target { rule: string; severity: FindingSeverity; confidence: number; why: string }

const TARGETS: Partial<Record<PathClass, Target>> = {
  'cron': { rule: 'system-cron-write', severity: 'high', confidence: 0.85, why: 'installs a scheduled job that keeps running after the session' },
  'shell-rc': { rule: 'shell-rc-write', severity: 'medium', confidence: 0.6, why: 'makes code run in every new shell' },
  'system-profile': { rule: 'system-profile-write', severity: 'high', confidence: 0.8, why: 'makes code run in every login shell of every user' },
  'authorized-keys': { rule: 'authorized-keys-write', severity: 'high', confidence: 0.85, why: 'lets whoever holds that key log in over SSH' },
  'systemd-unit': { rule: 'systemd-unit-write', severity: 'medium', confidence: 0.7, why: 'installs a service that can start at boot' },
  'launchd': { rule: 'launchd-write', severity: 'medium', confidence: 0.7, why: 'installs a launch agent or daemon that starts at login or boot' },
  'autostart': { rule: 'autostart-write', severity: 'high', confidence: 0.75, why: 'makes code run at boot or login' },
  'git-hook': { rule: 'git-hook-write', severity: 'low', confidence: 0.5, why: 'makes code run on every git commit or push in this repository' },
  'sudoers': { rule: 'sudoers-write', severity: 'high', confidence: 0.9, why: 'changes who may run commands as root' },
  'system-account': { rule: 'system-account-write', severity: 'high', confidence: 0.9, why: 'changes the system accounts (a new root user or password)' },
  'ld-preload': { rule: 'ld-preload-write', severity: 'critical', confidence: 0.95, why: 'injects a library into every program on the system' },
  'auth-config': { rule: 'auth-config-write', severity: 'high', confidence: 0.8, why: 'changes how the system authenticates logins' },
};

const RUNS_LATER: ReadonlySet<PathClass> = new Set<PathClass>(['cron', 'shell-rc', 'system-profile', 'systemd-unit', 'launchd', 'autostart', 'git-hook']);

/** Harmless lines in a shell startup file: PATH and variable exports, aliases, tool init hooks. */
const RC_BENIGN = new Set(['', 'export', 'alias', 'source', '.', 'set', 'unset', 'shopt', 'setopt', 'unsetopt', 'bind', 'complete', 'autoload', 'compinit', 'typeset', 'declare', 'fpath', 'path', 'umask', 'ulimit', 'bindkey', 'zstyle', 'eval', 'fnm', 'nvm', 'echo', 'test', '[', 'conda', 'pyenv', 'rbenv', 'direnv', 'starship', 'zoxide', 'mise', 'asdf']);

export function persistence(ctx: RuleContext, c: ShellCommand, i: number): void {
  if (c.name === 'visudo' && (c.stdinText !== undefined || c.argv.includes('-f') || ctx.upstream(i).length > 0)) {
    ctx.report(c, 'sudoers-write', 'high', /NOPASSWD/i.test(c.stdinText ?? writtenText(ctx, c, i) ?? '') ? 0.97 : 0.85, 'Editing the sudoers policy changes who may run commands as root; ask the user to make this change themselves.');
  }
  if (c.name === 'crontab') {
    const a = c.argv;
    if (a.includes('-l') || (a.includes('-r') && a.length === 2)) return;
    const fed = ctx.upstream(i).length > 0 || a.some((x, k) => k > 0 && !x.startsWith('-') && a[k - 1] !== '-u') || a.includes('-');
    if (a.includes('-e') || fed) {
      const content = fed ? writtenText(ctx, c, i) : undefined;
      const danger = content !== undefined ? scanWritten(ctx, c, cronCommands(content), 'a cron job') : false;
      const edit = !fed;
      ctx.report(c, 'cron-install', danger ? 'high' : edit ? 'low' : 'medium', danger ? 0.9 : edit ? 0.5 : 0.7, 'Installing a crontab makes commands run on a schedule after the session ends; ask the user before adding scheduled jobs.');
    }
  }
  for (const acc of ctx.accesses(i)) {
    if (acc.mode !== 'write') continue;
    const n = normalizePath(acc.path, c.cwd !== '?' ? c.cwd : undefined);
    if (n === undefined) continue;
    const info = classifyPath(n);
    const t = info ? TARGETS[info.cls] : undefined;
    if (!info || !t) continue;
    const content = writtenText(ctx, c, i);
    let severity = t.severity;
    let confidence = t.confidence;
    if (content !== undefined) {
      const text = info.cls === 'cron' ? cronCommands(content) : content;
      if (RUNS_LATER.has(info.cls) && scanWritten(ctx, c, text, info.label)) { severity = 'critical'; confidence = 0.95; }
      else if (info.cls === 'shell-rc' && benignRc(text)) { severity = 'low'; confidence = 0.5; }
      if (info.cls === 'sudoers' && /NOPASSWD/i.test(content)) confidence = 0.97;
    }
    ctx.report(c, t.rule, severity, confidence, `Writing to ${info.label} ${t.why}; ${severity === 'low' ? 'check the added lines' : 'ask the user to make this change themselves'}.`);
  }
  // A passwordless sudo rule echoed into tee/visudo (the tee write itself is reported above).
  if ((c.name === 'echo' || c.name === 'printf') && /\bALL\s*=\s*\(\s*ALL(?:\s*:\s*ALL)?\s*\)\s*NOPASSWD\s*:\s*ALL/i.test(c.argv.join(' '))) {
    const sinks = ctx.downstream(i).map((j) => ctx.cmds[j]!);
    if (sinks.some((s) => s.name === 'tee' || s.name === 'visudo') || c.redirects.some((r) => r.target.startsWith('/etc/'))) {
      ctx.report(c, 'sudoers-write', 'high', 0.95, 'A passwordless sudo rule (NOPASSWD: ALL) gives unrestricted root; do not add one from an agent.');
    }
  }
}

/** What a command writes, when it is known: echo/printf args, a here-document, or a literal piped in (… | tee f, … | crontab -). */
function writtenText(ctx: RuleContext, c: ShellCommand, i: number): string | undefined {
  if (c.name === 'echo' || c.name === 'printf') return literalOutput([c]);
  if (c.stdinText !== undefined) return c.stdinText;
  const up = ctx.upstream(i).map((j) => ctx.cmds[j]!);
  if (up.length === 0) return undefined;
  const texts = up.map((u) => (u.name === 'echo' || u.name === 'printf' ? literalOutput([u]) : u.stdinText)).filter((t): t is string => t !== undefined);
  return texts.length > 0 ? texts.join('\n') : undefined;
}

/** Cron lines to the commands they run: drop the five schedule fields (or @reboot…), a user field in system crontabs, and env lines. */
function cronCommands(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#') && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(l))
    .map((l) => (l.startsWith('@') ? l.replace(/^@\w+\s+/, '') : l.replace(/^(?:\S+\s+){5}/, '')).replace(/^root\s+/, ''))
    .join('\n');
}

/** Scan text that will run later; report its dangerous findings at the writer. True when any was high or critical. */
function scanWritten(ctx: RuleContext, c: ShellCommand, text: string, label: string): boolean {
  if (!ctx.scanNested || text.length === 0 || text.length > 16384) return false;
  let danger = false;
  for (const f of ctx.scanNested(text)) {
    if (f.severity !== 'high' && f.severity !== 'critical') continue;
    danger = true;
    ctx.report(c, f.rule, f.severity, f.confidence, `In text written to ${label}: ${f.message}`);
  }
  return danger;
}

function benignRc(text: string): boolean {
  // Commands hidden in PROMPT_COMMAND or a DEBUG trap, and aliases over sudo/ssh, are not harmless.
  if (/PROMPT_COMMAND|\btrap\b[^\n]{0,200}\bDEBUG\b|precmd|preexec|\balias\s+(?:sudo|su|ssh|scp|git|passwd|doas|gpg|aws|kubectl)=/.test(text)) return false;
  const a = analyzeShell(text);
  const top = a.commands.filter((x) => x.via === 'top');
  return top.length > 0 && top.every((x) => RC_BENIGN.has(x.name));
}
