import type { VigilEvent } from '@vigil/core';
import type { ReasoningNote, SessionState } from './state.js';
import type { ToolClass } from './tools.js';
import type { CallValue } from './values.js';

// The detector contract, version 1. A detector is pure: it reads the session state and the
// step in front of it and says what it sees, with the evidence; it never changes the state
// (the guard does) and never decides (the mode does).

export type DetectorId = 'steering' | 'pivot' | 'drift';

/** One piece of evidence: which step, which event, which value or span. */
export interface Evidence {
  step: number;
  event_id: string;
  role: 'prompt' | 'source' | 'reasoning' | 'call';
  tool?: string;
  /** JSON path in the event's input or output. */
  path?: string;
  /** Character span in that field, where known. */
  span?: [number, number];
  value?: string;
}

export interface GuardFinding {
  detector: DetectorId;
  rule: string;
  /** What it would do in block mode. */
  verdict: 'alert' | 'block';
  /** 0..1: how sure the detector is that the session is hijacked at this step. */
  score: number;
  explanation: string;
  evidence: Evidence[];
  /** The deterministic detectors are not sure: an LLM judge, if configured, may be asked. */
  unsure?: boolean;
}

/** A tool call in front of the guard. */
export interface CallStep {
  event: VigilEvent;
  step: number;
  cls: ToolClass;
  values: CallValue[];
}

export interface DetectorV1 {
  readonly specificationVersion: 'v1';
  readonly id: DetectorId;
  readonly version: string;
  onCall?(call: CallStep, state: Readonly<SessionState>): GuardFinding[];
  onReasoning?(note: ReasoningNote, state: Readonly<SessionState>): GuardFinding[];
}
