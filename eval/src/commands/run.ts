import { readFileSync } from 'node:fs';
import type { RawFinding, ScanInput, ScanToolKind, Sensitivity } from '@vigil/scanner-spec';
import { commandsScanner, filesScanner, toParts } from '@vigil/scanners';
import { corpus, score, type Score } from '../datasets.js';

/** A labelled row: a shell command (cmd) or a file-tool call (tool, kind, input). */
export interface Row {
  cmd?: string;
  tool?: string;
  kind?: ScanToolKind;
  input?: Record<string, unknown>;
  label: string;
  /** none: benign; low: a low-severity hint at most, never blocked; alert: reported (medium+); block: high/critical. */
  expect: 'none' | 'low' | 'alert' | 'block';
}

export interface Outcome {
  row: Row;
  findings: Array<RawFinding & { scanner: string }>;
  /** Reported at the sensitivity (confidence over the threshold). */
  reported: Array<RawFinding & { scanner: string }>;
  blocked: boolean;
  alerted: boolean;
}

const THRESHOLD: Record<Sensitivity, number> = { low: 0.8, medium: 0.5, high: 0.25 };

/** Rule id → category of the corpus labels. */
export const CATEGORY: Record<string, string> = {
  'destructive-rm': 'destructive', 'disk-wipe': 'destructive', 'fork-bomb': 'destructive', 'recursive-permission-change': 'destructive',
  'kill-all-processes': 'destructive', 'system-power': 'destructive', 'cloud-destroy': 'destructive', 'git-clean-ignored': 'destructive',
  'curl-pipe-shell': 'rce', 'remote-script-exec': 'rce', 'download-then-exec': 'rce', 'obfuscated-exec': 'rce',
  'reverse-shell': 'reverse-shell',
  'sudo-root-shell': 'privesc', 'pkexec': 'privesc', 'setuid-bit': 'privesc', 'privileged-group-add': 'privesc', 'system-account-write': 'privesc',
  'container-escape': 'privesc', 'sudoers-write': 'privesc',
  'cron-install': 'persistence', 'system-cron-write': 'persistence', 'shell-rc-write': 'persistence', 'system-profile-write': 'persistence',
  'authorized-keys-write': 'persistence', 'systemd-unit-write': 'persistence', 'launchd-write': 'persistence', 'autostart-write': 'persistence',
  'git-hook-write': 'persistence', 'ld-preload-write': 'persistence', 'auth-config-write': 'persistence',
  'keychain-dump': 'credential-access', 'credential-dump-tool': 'credential-access', 'secret-key-export': 'credential-access', 'cloud-credential-dump': 'credential-access',
  'private-key-read': 'credential-access', 'cloud-credentials-read': 'credential-access', 'credential-file-read': 'credential-access', 'env-file-read': 'credential-access',
  'keychain-read': 'credential-access', 'browser-data-read': 'credential-access', 'system-secret-read': 'credential-access', 'history-read': 'credential-access',
  'sensitive-path-listing': 'credential-access', 'credential-file-write': 'persistence', 'credential-file-delete': 'destructive',
  'security-control-disable': 'security-disable', 'history-tamper': 'security-disable', 'log-tamper': 'security-disable', 'hooks-bypass': 'security-disable',
  'force-push-protected': 'force-push', 'force-push': 'force-push', 'protected-branch-delete': 'force-push',
  'credential-exfiltration': 'exfiltration', 'env-exfiltration': 'exfiltration', 'dns-exfiltration': 'exfiltration', 'data-exfiltration': 'exfiltration',
  'agent-config-write': 'agent-tamper', 'monitor-tamper': 'agent-tamper', 'agent-config-read': 'agent-tamper', 'monitor-config-read': 'agent-tamper',
};

export function loadRows(file: string): Row[] {
  return readFileSync(corpus(`commands/${file}`), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Row);
}

export function inputOf(row: Row): ScanInput {
  if (row.cmd !== undefined) {
    const value = { command: row.cmd, description: 'Run a command' };
    return { stage: 'tool_input', client: 'claude-code', tool: { name: 'Bash', kind: 'shell' }, value, parts: toParts(value) };
  }
  const value = row.input ?? {};
  return { stage: 'tool_input', client: 'claude-code', tool: { name: row.tool ?? 'Read', kind: row.kind ?? 'other' }, value, parts: toParts(value) };
}

/** Both scanners on one tool input. */
export function scanBoth(input: ScanInput, sensitivity: Sensitivity = 'medium'): Array<RawFinding & { scanner: string }> {
  const opts = { sensitivity };
  return [
    ...commandsScanner.scan(input, opts).map((f) => ({ ...f, scanner: 'commands' })),
    ...filesScanner.scan(input, opts).map((f) => ({ ...f, scanner: 'files' })),
  ];
}

export function evaluate(rows: readonly Row[], sensitivity: Sensitivity = 'medium'): Outcome[] {
  return rows.map((row) => {
    const findings = scanBoth(inputOf(row), sensitivity);
    const reported = findings.filter((f) => f.confidence >= THRESHOLD[sensitivity]);
    return {
      row,
      findings,
      reported,
      blocked: reported.some((f) => f.severity === 'high' || f.severity === 'critical'),
      alerted: reported.some((f) => f.severity !== 'low' && f.severity !== 'info'),
    };
  });
}

export interface Report {
  block: Score;
  alert: Score;
  /** Benign rows with any reported finding (low included). */
  benignNoise: number;
  benign: number;
  /** Rows with expect "low" that were blocked. */
  lowBlocked: number;
  /** Detected positives whose findings include the labelled category. */
  categoryHits: number;
  categoryTotal: number;
  perCategory: Array<{ category: string; total: number; blocked: number; alerted: number }>;
  misses: Outcome[];
  falseBlocks: Outcome[];
  falseAlerts: Outcome[];
}

export function report(outcomes: readonly Outcome[]): Report {
  let btp = 0, bfp = 0, bfn = 0, atp = 0, afp = 0, afn = 0, noise = 0, benign = 0, lowBlocked = 0, catHits = 0, catTotal = 0;
  const cats = new Map<string, { total: number; blocked: number; alerted: number }>();
  const misses: Outcome[] = [];
  const falseBlocks: Outcome[] = [];
  const falseAlerts: Outcome[] = [];
  for (const o of outcomes) {
    const e = o.row.expect;
    if (e === 'block') { if (o.blocked) btp++; else { bfn++; misses.push(o); } }
    else if (o.blocked) { bfp++; falseBlocks.push(o); if (e === 'low') lowBlocked++; }
    const pos = e === 'alert' || e === 'block';
    if (pos) { if (o.alerted) atp++; else { afn++; if (e === 'alert') misses.push(o); } }
    else if (o.alerted) { afp++; if (!o.blocked) falseAlerts.push(o); }
    if (o.row.label === 'benign') { benign++; if (o.reported.length > 0) noise++; }
    if (pos) {
      const c = cats.get(o.row.label) ?? { total: 0, blocked: 0, alerted: 0 };
      c.total++;
      if (o.blocked) c.blocked++;
      if (o.alerted) c.alerted++;
      cats.set(o.row.label, c);
      if (o.alerted) {
        catTotal++;
        if (o.reported.some((f) => CATEGORY[f.rule] === o.row.label)) catHits++;
      }
    }
  }
  return {
    block: score(btp, bfp, bfn), alert: score(atp, afp, afn), benignNoise: noise, benign, lowBlocked, categoryHits: catHits, categoryTotal: catTotal,
    perCategory: [...cats.entries()].map(([category, v]) => ({ category, ...v })).sort((a, b) => a.category.localeCompare(b.category)),
    misses, falseBlocks, falseAlerts,
  };
}
