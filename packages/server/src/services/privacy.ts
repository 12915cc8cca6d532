// Privacy redaction: what a reader who may not see a session's content gets instead. Metadata
// (who, where, when, which tools) and findings (scanner and AgentGuard verdicts) stay; the
// content (prompts, reasoning, responses, tool inputs and outputs, errors, raw payloads) goes.
// Applied on the server to every answer that carries session content.

export const REDACTED_KEYS = ['text', 'input', 'output', 'error', 'raw'] as const;

/** Stands in for redacted content: says that something was there, and how big, not what. */
export function redacted(v: unknown): string {
  const n = typeof v === 'string' ? v.length : JSON.stringify(v)?.length ?? 0;
  return `[redacted: ${n} characters]`;
}

/** The event without its content. Verdicts and scan records keep their findings. */
export function redactEvent<T extends Record<string, unknown>>(e: T): T {
  const out: Record<string, unknown> = { ...e };
  for (const k of REDACTED_KEYS) if (out[k] !== undefined) out[k] = redacted(out[k]);
  out.redacted = true;
  return out as T;
}

/** A timeline (a JSON array text of stored events) without content. */
export function redactTimelineJson(json: string): string {
  const events = JSON.parse(json) as Record<string, unknown>[];
  return JSON.stringify(events.map(redactEvent));
}
