/**
 * NUL is legal in JSON strings but PostgreSQL text cannot hold it. Plain text columns drop it
 * (on both engines, so they agree); the JSON body keeps the original, escaped.
 */
export function storable(v: string): string;
export function storable(v: string | null | undefined): string | null;
export function storable(v: string | null | undefined): string | null {
  if (v === undefined || v === null) return null;
  return v.includes('\0') ? v.replaceAll('\0', '') : v;
}
