import type { FindingSeverity, RawFinding } from '@vigil/scanner-spec';

/** One part being scanned: its text, where findings go, and how far token runs were examined. */
export interface Ctx {
  readonly text: string;
  readonly path: string;
  readonly out: RawFinding[];
  /** End of the last run of token characters already dispatched (hits inside it are skipped). */
  runEnd: number;
  /** Start of the shell command (after a newline, ;, |, &, ( or `) holding the last flag hit... */
  cmdStart: number;
  /** ...and how far the text was searched for the end of that command. */
  cmdSeen: number;
  /**
   * Token matches still allowed at segment starts of long runs. Real text uses a handful per
   * kilobyte; the cap keeps hostile input ("sk-sk-sk-…") linear.
   */
  budget: number;
  /**
   * Assignment values still to be judged (each costs tens of microseconds: entropy, placeholder
   * and reference checks). Real text has at most a few per line; the cap keeps hostile input
   * ("password=password=…") near-linear and fast.
   */
  assignments: number;
}

const ADVICE = 'treat it as exposed: revoke or rotate it, and pass it through an environment variable or a secret manager instead of writing it inline';

export function emit(ctx: Ctx, rule: string, label: string, severity: FindingSeverity, confidence: number, start: number, end: number): void {
  ctx.out.push({
    rule,
    severity,
    confidence: Math.round(confidence * 100) / 100,
    path: ctx.path,
    start,
    end,
    message: `${label} found; ${ADVICE}.`,
    maskable: true,
  });
}
