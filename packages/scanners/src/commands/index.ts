import type { RawFinding, ScannerV1, ScanInput, ScanOptions } from '@vigil/scanner-spec';
import { analyseInput, analyzeShell, type ShellCommand, type ShellSource } from '../shell/index.js';
import { RuleContext } from './context.js';
import { destructive } from './rules/destructive.js';
import { remoteExec } from './rules/rce.js';
import { reverseShell } from './rules/revshell.js';
import { privilegeEscalation } from './rules/privesc.js';
import { persistence } from './rules/persistence.js';
import { credentialAccess } from './rules/credentials.js';
import { securityControls } from './rules/defense.js';
import { forcePush } from './rules/git.js';
import { exfiltration } from './rules/exfil.js';

/**
 * Dangerous shell commands in tool inputs: destruction, download-and-run, reverse shells,
 * privilege escalation, persistence, credential access, disabling security controls, force
 * pushes to protected branches, and exfiltration. Commands are parsed (shell/), not grepped.
 */
export const commandsScanner: ScannerV1 = {
  specificationVersion: 'v1',
  id: 'commands',
  version: '1.0.0',
  stages: ['tool_input'],
  scan(input: ScanInput, _options: ScanOptions): RawFinding[] {
    if (input.stage !== 'tool_input') return [];
    const findings: RawFinding[] = [];
    for (const { source, analysis } of analyseInput(input)) {
      runRules(analysis.commands, findings, true);
      rawChecks(source, analysis, findings);
    }
    return findings;
  },
};

export function runRules(cmds: readonly ShellCommand[], findings: RawFinding[], nested: boolean): void {
  const ctx = new RuleContext(cmds, findings);
  if (nested) {
    ctx.scanNested = (text: string): RawFinding[] => {
      const out: RawFinding[] = [];
      runRules(analyzeShell(text).commands, out, false);
      return out;
    };
  }
  for (let i = 0; i < cmds.length; i++) {
    const c = cmds[i]!;
    if (c.argv.length === 0 && c.redirects.length === 0 && c.assigns.length === 0) continue;
    destructive(ctx, c, i);
    remoteExec(ctx, c, i);
    reverseShell(ctx, c, i);
    privilegeEscalation(ctx, c, i);
    persistence(ctx, c, i);
    credentialAccess(ctx, c);
    securityControls(ctx, c, i);
    forcePush(ctx, c);
    exfiltration(ctx, c, i);
  }
}

// The classic :(){ :|:& };: in any spelling, also when the parser could not read the text.
const FORK_BOMB = /([A-Za-z_:.][\w:.-]{0,31})\s{0,8}\(\s{0,4}\)\s{0,8}\{\s{0,8}\1\s{0,8}\|\s{0,8}\1\s{0,8}&/;
// Cheap markers of the worst patterns, looked for in text the analysis had to cut short.
const MARKERS = ['/dev/tcp/', '/dev/udp/', '| sh', '|sh', '| bash', '|bash', '| sudo sh', '| sudo bash', 'base64 -d', 'base64 --decode', 'rm -rf /', 'rm -rf ~', 'nc -e', 'NOPASSWD', 'mkfs', 'of=/dev/sd'];

function rawChecks(source: ShellSource, analysis: { truncated: boolean; degraded: boolean }, findings: RawFinding[]): void {
  if (source.kind !== 'text') return;
  const t = source.text;
  // Parsed text gets fork bombs from its function definitions; tokenized text needs the raw search.
  if (analysis.degraded && !findings.some((f) => f.rule === 'fork-bomb')) {
    // Test a small window around each "()" so the search stays linear.
    let count = 0;
    for (let k = t.indexOf('()'); k >= 0 && count < 10_000; k = t.indexOf('()', k + 2), count++) {
      const from = Math.max(0, k - 40);
      const m = FORK_BOMB.exec(t.slice(from, k + 64));
      if (m) {
        findings.push({ rule: 'fork-bomb', severity: 'critical', confidence: 0.95, path: source.path, start: from + m.index, end: from + m.index + m[0].length, message: 'This is a fork bomb: a function that pipes into copies of itself exhausts the process table and hangs the machine.' });
        break;
      }
    }
  }
  if (!analysis.truncated) return;
  const marker = MARKERS.find((m) => t.includes(m));
  if (marker) {
    findings.push({ rule: 'oversized-command', severity: 'high', confidence: 0.7, path: source.path, start: 0, end: t.length, message: `This command is too large to analyse fully and contains "${marker}", a pattern used to run remote code, open shells or destroy data; split it into smaller commands that can be reviewed.` });
  } else {
    findings.push({ rule: 'oversized-command', severity: 'low', confidence: 0.5, path: source.path, start: 0, end: t.length, message: 'This command is too large to analyse fully; split it into smaller commands that can be reviewed.' });
  }
}
