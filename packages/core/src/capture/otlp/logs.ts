// OTLP/JSON logs export requests: the walk resourceLogs → scopeLogs → logRecords that every
// client's log normaliser shares, and the result they return.
import type { VigilEvent } from '../../model/event.js';
import { otlpAttributes, type AnyValue, type KeyValue } from './values.js';

export interface OtlpLogsResult {
  events: VigilEvent[];
  /** Records read, and those that map to no event (bookkeeping such as hook_execution_start). */
  records: number;
  ignored: number;
  /** Records that could not be read (no session id, no time). */
  rejected: number;
}

export interface OtlpLogRecord {
  timeUnixNano?: string | number;
  observedTimeUnixNano?: string | number;
  body?: AnyValue;
  attributes?: KeyValue[];
  eventName?: string;
}

export interface OtlpResourceLogs {
  resource?: { attributes?: KeyValue[] };
  scopeLogs?: { logRecords?: OtlpLogRecord[] }[];
}

/** A logs export request's resourceLogs, as sent (entries unchecked); none when it has no list. */
export function otlpResourceLogs(request: unknown): OtlpResourceLogs[] {
  const all = (request as { resourceLogs?: unknown } | null)?.resourceLogs;
  return Array.isArray(all) ? (all as OtlpResourceLogs[]) : [];
}

/** One resourceLogs entry's log records, across its scopeLogs, as sent (entries unchecked). */
export function* otlpLogRecords(rl: OtlpResourceLogs | null | undefined): Generator<OtlpLogRecord> {
  for (const sl of Array.isArray(rl?.scopeLogs) ? rl.scopeLogs : []) {
    for (const r of Array.isArray(sl?.logRecords) ? sl.logRecords : []) yield r;
  }
}

/**
 * Walks a logs export request: `onResource` is called once per resourceLogs entry with its
 * resource attributes, and returns what reads each of its records. Every record is counted in
 * `records`; one that is not an object is `rejected` without being read.
 */
export function walkOtlpLogs(
  request: unknown,
  onResource: (resource: Record<string, unknown>, out: OtlpLogsResult) => (record: OtlpLogRecord) => void,
): OtlpLogsResult {
  const out: OtlpLogsResult = { events: [], records: 0, ignored: 0, rejected: 0 };
  for (const rl of otlpResourceLogs(request)) {
    const onRecord = onResource(otlpAttributes(rl?.resource?.attributes), out);
    for (const r of otlpLogRecords(rl)) {
      out.records++;
      if (typeof r !== 'object' || r === null) {
        out.rejected++;
        continue;
      }
      onRecord(r);
    }
  }
  return out;
}
