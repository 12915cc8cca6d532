import type { FindingSeverity, RawFinding } from '@vigil/scanner-spec';
import { fileAccesses, type FileAccess, type ShellCommand } from '../shell/index.js';

const MAX_FINDINGS = 100;
// Messages quote command words (paths, branch names); a hostile command must not make them huge.
const MAX_MESSAGE = 400;
const RANK: Record<FindingSeverity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

/** The commands of one analysed source, with pipeline and nesting lookups and de-duplicated reporting. */
export class RuleContext {
  readonly cmds: readonly ShellCommand[];
  readonly findings: RawFinding[];
  /** Scans text that will run later (a cron line, an rc file); set by the scanner, absent when nested. */
  scanNested: ((text: string) => RawFinding[]) | undefined;
  private readonly pipes = new Map<number, Array<[number, number]>>();
  private readonly kids = new Map<number, number[]>();
  private readonly accessCache = new Map<number, FileAccess[]>();
  private readonly upCache = new Map<number, number[]>();
  private readonly downCache = new Map<number, number[]>();

  constructor(cmds: readonly ShellCommand[], findings: RawFinding[]) {
    this.cmds = cmds;
    this.findings = findings;
    this.scanNested = undefined;
    cmds.forEach((c, i) => {
      for (const [id, pos] of c.pipes) {
        let a = this.pipes.get(id);
        if (!a) this.pipes.set(id, (a = []));
        if (a.length < 4096) a.push([i, pos]);
      }
      if (c.parent >= 0) {
        let k = this.kids.get(c.parent);
        if (!k) this.kids.set(c.parent, (k = []));
        k.push(i);
      }
    });
  }

  /** File accesses of command i (computed once). */
  accesses(i: number): FileAccess[] {
    let a = this.accessCache.get(i);
    if (!a) this.accessCache.set(i, (a = fileAccesses(this.cmds[i]!)));
    return a;
  }

  /** Commands whose output flows (through a pipe) into command i (the nearest 64). */
  upstream(i: number): number[] {
    let r = this.upCache.get(i);
    if (!r) this.upCache.set(i, (r = this.neighbours(i, -1)));
    return r;
  }

  /** Commands that receive command i's output through a pipe (the nearest 64). */
  downstream(i: number): number[] {
    let r = this.downCache.get(i);
    if (!r) this.downCache.set(i, (r = this.neighbours(i, 1)));
    return r;
  }

  private neighbours(i: number, dir: -1 | 1): number[] {
    const out: number[] = [];
    const c = this.cmds[i]!;
    for (const [id, pos] of c.pipes) {
      const members = this.pipes.get(id) ?? [];
      for (let k = dir < 0 ? members.length - 1 : 0; k >= 0 && k < members.length && out.length < 64; k -= dir < 0 ? 1 : -1) {
        const [j, p] = members[k]!;
        if ((dir < 0 ? p < pos : p > pos) && j !== i && (c.pipes.length === 1 || !out.includes(j))) out.push(j);
      }
    }
    return out;
  }

  children(i: number): readonly number[] {
    return this.kids.get(i) ?? [];
  }

  /** Commands nested anywhere under i (substitutions, code strings, spawned), bounded. */
  descendants(i: number, limit = 256): number[] {
    const out: number[] = [];
    const stack = [...this.children(i)];
    while (stack.length > 0 && out.length < limit) {
      const j = stack.pop()!;
      out.push(j);
      stack.push(...this.children(j));
    }
    return out;
  }

  report(c: ShellCommand, rule: string, severity: FindingSeverity, confidence: number, message: string): void {
    const start = c.start;
    const end = Math.max(c.end, c.start);
    const m = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message;
    const msg = c.via === 'decoded' ? `${m} (found in a decoded payload that is piped to a shell)` : c.via === 'remote' ? `${m} (on a remote host, over ssh)` : m;
    for (let k = 0; k < this.findings.length; k++) {
      const f = this.findings[k]!;
      if (f.rule === rule && f.path === c.path && ((f.start < end && start < f.end) || rule === 'fork-bomb')) {
        if (RANK[severity] > RANK[f.severity] || (RANK[severity] === RANK[f.severity] && confidence > f.confidence)) {
          this.findings[k] = { ...f, severity, confidence, message: msg };
        }
        return;
      }
    }
    if (this.findings.length >= MAX_FINDINGS) return;
    this.findings.push({ rule, severity, confidence, path: c.path, start, end, message: msg });
  }
}
