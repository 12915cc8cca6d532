import { compactTime, toDate } from '../format';

/** Local time in a compact form; the exact ISO value in the tooltip. */
export function Time({ value, empty = '–' }: { value: string | number | null | undefined; empty?: string }) {
  const d = toDate(value);
  if (!d) return <span className="muted">{empty}</span>;
  const iso = d.toISOString();
  return (
    <time dateTime={iso} title={iso}>
      {compactTime(d)}
    </time>
  );
}
