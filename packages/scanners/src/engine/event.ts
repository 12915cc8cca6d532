import type { ScanStage, VigilEvent } from '@vigil/core';
import type { ScanTool } from '@vigil/scanner-spec';
import type { ScanEngine, ScanRequest, ScanResult } from './engine.js';
import { maskDeep } from './mask.js';

export interface ScannedEvent {
  /** The event with `scan` set and masked text redacted. */
  event: VigilEvent;
  raw: unknown;
  result: ScanResult;
}

/** The stage an event's content is scanned at, and what of it; null for kinds with no content to scan. */
export function scanPlan(e: VigilEvent): { stage: ScanStage; requests: ScanRequest[] } | null {
  switch (e.kind) {
    case 'prompt':
      return e.text ? { stage: 'prompt', requests: [{ field: 'text', value: e.text }] } : null;
    case 'response':
    case 'reasoning':
      return e.text ? { stage: 'response', requests: [{ field: 'text', value: e.text }] } : null;
    case 'tool_call':
      return e.input !== undefined ? { stage: 'tool_input', requests: [{ field: 'input', value: e.input }] } : null;
    case 'tool_result':
    case 'tool_error': {
      const requests: ScanRequest[] = [];
      if (e.output !== undefined) requests.push({ field: 'output', value: e.output });
      if (e.error) requests.push({ field: 'error', value: e.error });
      // The call's input comes again with its result: it was decided on at the call, but a
      // secret in it must be redacted here too.
      if (e.input !== undefined) requests.push({ field: 'input', value: e.input, maskOnly: true });
      return requests.length > 0 ? { stage: 'tool_output', requests } : null;
    }
    default:
      return null;
  }
}

/** Scans an event and returns it with its scan record, masked; events with nothing to scan come back as they are. */
export function scanEvent(engine: ScanEngine, event: VigilEvent, raw: unknown): ScannedEvent | null {
  const plan = scanPlan(event);
  if (!plan) return null;
  const tool: ScanTool | undefined = event.tool
    ? event.tool.mcp_server ? { name: event.tool.name, kind: event.tool.kind, mcp_server: event.tool.mcp_server } : { name: event.tool.name, kind: event.tool.kind }
    : undefined;
  const result = engine.scan(plan.stage, event.client, tool, plan.requests);
  const masked = result.masks.size > 0 ? maskDeep(event, result.masks) : event;
  return {
    event: { ...masked, scan: result.record },
    raw: result.masks.size > 0 ? maskDeep(raw, result.masks) : raw,
    result,
  };
}
