// Display helpers: compact local times, numbers, durations.

const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const sameYear = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const otherYear = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dayOnly = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const hourLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export function toDate(v: string | number | null | undefined): Date | null {
  if (v === null || v === undefined || v === '') return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Today: 14:03:22; this year: Mar 4, 14:03; else with the year. */
export function compactTime(d: Date, now: Date = new Date()): string {
  if (d.toDateString() === now.toDateString()) return timeOnly.format(d);
  return (d.getFullYear() === now.getFullYear() ? sameYear : otherYear).format(d);
}

export const chartLabel = (ms: number, bucket: 'hour' | 'day'): string => (bucket === 'hour' ? hourLabel : dayOnly).format(new Date(ms));

export const num = (n: number | null | undefined): string => (typeof n === 'number' && Number.isFinite(n) ? n.toLocaleString() : '–');

export function duration(ms: number | null | undefined): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return `${m} min ${s} s`;
}

/** A single line of at most n characters (for table cells). */
export function truncate(s: string | null | undefined, n: number): string {
  if (!s) return '';
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

/** Pretty JSON for display; strings stay as they are. */
export function pretty(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return '';
  try {
    return JSON.stringify(v, null, 2) ?? String(v);
  } catch {
    return String(v);
  }
}

/** A date input's YYYY-MM-DD as an ISO instant at the start or end of that local day; other values pass through. */
export function dayToIso(day: string, end: boolean): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const d = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00.000'}`);
  return Number.isNaN(d.getTime()) ? day : d.toISOString();
}

/** The same, as epoch ms (the audit API takes integers). */
export function dayToMs(day: string, end: boolean): string {
  if (/^\d+$/.test(day)) return day;
  const d = new Date(dayToIso(day, end));
  return Number.isNaN(d.getTime()) ? '' : String(d.getTime());
}

/** What a date input can show for a URL value (YYYY-MM-DD or a full ISO time). */
export function dayOf(v: string | null): string {
  if (!v) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const d = toDate(/^\d+$/.test(v) ? Number(v) : v);
  if (!d) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
