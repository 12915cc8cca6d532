// The scanner contract, version 1. A scanner is a pure function from content to findings: no
// I/O, no clock, no state between calls, linear in the input. Scanners never decide what happens
// to a call; they say what they found and how sure they are, and the engine (@vigil/scanners
// engine/) turns that into pass / alert / mask / block from the operator's settings.
//
// Like a provider interface, this file changes rarely and only by adding a new version beside
// the old one (ScannerV2), so a scanner written against v1 keeps working.

export const SCANNER_SPEC_VERSION = 'v1' as const;

/** Where in a session the content comes from. */
export type ScanStage = 'prompt' | 'tool_input' | 'tool_output' | 'response' | 'mcp_catalogue';

export type ScanToolKind = 'shell' | 'file_read' | 'file_write' | 'web' | 'mcp' | 'other';
export type FindingSeverity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export type Sensitivity = 'low' | 'medium' | 'high';

export interface ScanTool {
  /** The client's tool name: "Bash", "Read", "mcp__github__create_issue". */
  name: string;
  kind: ScanToolKind;
  mcp_server?: string;
}

/**
 * One string of the content and where it sits: a JSON path into the tool input or output
 * ("command", "edits.0.new_string", "content.1.text"), or "" for a plain text (a prompt, an
 * output that is one string). Spans in findings are UTF-16 offsets into `text`.
 */
export interface ScanPart {
  path: string;
  text: string;
}

export interface ScanInput {
  stage: ScanStage;
  /** Client id, e.g. "claude-code". */
  client: string;
  tool?: ScanTool;
  /** The structured tool input or output the parts were taken from, when there is one. */
  value?: unknown;
  /** Every string in `value` (or the one text), in document order. */
  parts: readonly ScanPart[];
}

export interface ScanOptions {
  /** How eager to be; scanners may skip costly low-confidence checks at `low`. */
  sensitivity: Sensitivity;
  /** Scanner-specific settings from the operator's configuration (e.g. egress allow/deny lists). */
  settings?: Readonly<Record<string, unknown>>;
}

export interface RawFinding {
  /** Stable rule id within the scanner, e.g. "aws-access-key-id", "curl-pipe-shell". */
  rule: string;
  severity: FindingSeverity;
  /** 0..1: how sure the scanner is this is real (checksums, context and entropy raise it). */
  confidence: number;
  /** The part's path, and the span within the part's text. */
  path: string;
  start: number;
  end: number;
  /** One sentence a reviewer (and an agent being denied) can act on. Never echoes a secret. */
  message: string;
  /** The matched text itself is the problem (a secret, a card number): redacting it is enough. */
  maskable?: boolean;
}

export interface ScannerV1 {
  readonly specificationVersion: 'v1';
  /** Short stable id: "secrets", "pii", "commands", "files", "injection", "egress", "mcp". */
  readonly id: string;
  /** The scanner's own version; recorded with every result so a finding can be traced to its code. */
  readonly version: string;
  /** Stages this scanner looks at; the engine does not call it for others. */
  readonly stages: readonly ScanStage[];
  /**
   * It may report maskable findings. Content that is only scanned for values to redact (a tool
   * result's copy of the call's input) is given only to scanners that say so.
   */
  readonly masks?: boolean;
  scan(input: ScanInput, options: ScanOptions): RawFinding[];
  /** Checks the operator's `settings` for this scanner once, at configuration time: an error message, or null. */
  validateSettings?(settings: Readonly<Record<string, unknown>>): string | null;
}
