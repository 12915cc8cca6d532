import type { VigilEvent } from '../model/event.js';

/** How much of one event the full-text index sees. */
export const SEARCH_TEXT_MAX = 64 * 1024;

function asText(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The text a reviewer would search an event by: its text, tool, input, output and error. */
export function searchText(e: Pick<VigilEvent, 'text' | 'error' | 'tool' | 'input' | 'output'>): string {
  const parts = [e.text, e.error, e.tool?.name, e.tool?.mcp_server, asText(e.input), asText(e.output)];
  const s = parts.filter((p) => p).join('\n');
  return s.length > SEARCH_TEXT_MAX ? s.slice(0, SEARCH_TEXT_MAX) : s;
}

/**
 * Splits a query into the words both engines index (letters and digits; everything else
 * separates words, as in FTS5's unicode61 and PostgreSQL's default parser).
 */
export function searchTerms(q: string): string[] {
  return (q.match(/[\p{L}\p{N}]{1,64}/gu) ?? []).slice(0, 16);
}
