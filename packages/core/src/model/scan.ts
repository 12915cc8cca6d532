import type { Action, Severity } from './kinds.js';

// What the scanners said about one event. Set by the server (never accepted from a client) and
// stored with the event, so a reviewer sees per call which scanners ran, how long each took and
// what it found, including scanners that were off or failed.

/** Where the scanned content came from. */
export type ScanStage = 'prompt' | 'tool_input' | 'tool_output' | 'response' | 'mcp_catalogue';

/** `off`: disabled by settings; `error`: it threw (the message is kept); otherwise its worst action. */
export type ScannerOutcome = Action | 'off' | 'error';

export interface ScannerRun {
  scanner: string;
  version: string;
  /** The mode it ran in after overrides. */
  mode: 'off' | 'alert' | 'block';
  outcome: ScannerOutcome;
  /** Wall time of this scanner on this event, in milliseconds. */
  ms: number;
  findings: number;
  error?: string;
}

export interface ScanFinding {
  scanner: string;
  rule: string;
  severity: Severity;
  confidence: number;
  action: Action;
  /** Which field of the event: input, output, text or error; and the JSON path within it. */
  field: 'input' | 'output' | 'text' | 'error';
  path: string;
  start: number;
  end: number;
  message: string;
}

export interface ScanRecord {
  stage: ScanStage;
  /** The worst action over the findings ('pass' when none). */
  action: Action;
  scanners: ScannerRun[];
  findings: ScanFinding[];
  /** Scanning is switched off in settings: nothing ran. */
  disabled?: boolean;
  /** Bytes of content not scanned because the event was larger than the scan limit. */
  unscanned_bytes?: number;
}
