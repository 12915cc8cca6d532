// OTLP/JSON attribute values → plain values. 64-bit integers arrive as strings (or numbers);
// they are returned as numbers when safe, else as the string.

export interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: { values?: KeyValue[] };
  bytesValue?: string;
}
export interface KeyValue {
  key?: string;
  value?: AnyValue;
}

export function otlpValue(v: AnyValue | undefined): unknown {
  if (!v || typeof v !== 'object') return undefined;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) {
    const n = Number(v.intValue);
    return Number.isSafeInteger(n) ? n : String(v.intValue);
  }
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(otlpValue);
  if (v.kvlistValue) return otlpAttributes(v.kvlistValue.values);
  if (v.bytesValue !== undefined) return v.bytesValue;
  return undefined;
}

export function otlpAttributes(kvs: KeyValue[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!Array.isArray(kvs)) return out;
  for (const kv of kvs) if (kv && typeof kv.key === 'string') out[kv.key] = otlpValue(kv.value);
  return out;
}

/** Nanoseconds since the epoch (string or number) → milliseconds, or NaN. */
export function nanosToMs(n: unknown): number {
  if (typeof n === 'number') return Math.floor(n / 1e6);
  if (typeof n === 'string' && /^\d{1,20}$/.test(n)) return n.length <= 6 ? 0 : Number(n.slice(0, -6));
  return NaN;
}

/** An attribute's non-empty string value. */
export const attrStr = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** An attribute's number, whether sent as a number or a numeric string. */
export function attrNum(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** An attribute that may hold JSON text (tool parameters, arguments): parsed when it does, else as it is. */
export function attrJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}
