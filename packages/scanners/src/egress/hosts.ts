// Host patterns shared by the egress and injection scanners:
//   "example.com"      that host exactly (a trailing dot and letter case are ignored)
//   "*.example.com"    any subdomain of example.com, and example.com itself
//   "10.0.0.0/8"       IPv4 addresses in a CIDR range ("192.168.1.7" alone is a /32)
//   "2001:db8::1"      an IPv6 literal, exactly (brackets optional)

export type HostPattern =
  | { kind: 'exact'; host: string }
  | { kind: 'suffix'; suffix: string }
  | { kind: 'cidr'; base: number; bits: number };

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Lower-cased host without brackets or a trailing dot. */
export function canonicalHost(h: string): string {
  let s = h.trim().toLowerCase();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  if (s.endsWith('.')) s = s.slice(0, -1);
  return s;
}

export function ipv4ToInt(h: string): number | null {
  const m = IPV4.exec(h);
  if (!m) return null;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const o = Number(m[i]);
    if (o > 255) return null;
    n = n * 256 + o;
  }
  return n;
}

/** A pattern, or an error message naming what is wrong with it. */
export function parseHostPattern(raw: string): HostPattern | string {
  if (raw.length === 0 || raw.length > 260) return 'must be a host name, "*.domain" or an IPv4 CIDR of at most 260 characters';
  const s = canonicalHost(raw);
  const slash = s.indexOf('/');
  if (slash >= 0) {
    const base = ipv4ToInt(s.slice(0, slash));
    const bitsText = s.slice(slash + 1);
    const bits = /^\d{1,2}$/.test(bitsText) ? Number(bitsText) : -1;
    if (base === null || bits < 0 || bits > 32) return `"${raw}" is not an IPv4 CIDR like 10.0.0.0/8`;
    return { kind: 'cidr', base: bits === 0 ? 0 : ((base >>> (32 - bits)) << (32 - bits)) >>> 0, bits };
  }
  const ip = ipv4ToInt(s);
  if (ip !== null) return { kind: 'cidr', base: ip, bits: 32 };
  if (s.includes(':')) {
    return /^[0-9a-f:.]{2,45}$/.test(s) && s.split(':').length >= 3 ? { kind: 'exact', host: s } : `"${raw}" is not a valid IPv6 address`;
  }
  const wildcard = s.startsWith('*.');
  const name = wildcard ? s.slice(2) : s;
  const labels = name.split('.');
  if (labels.some((l) => !LABEL.test(l))) return `"${raw}" is not a host name, "*.domain" or IPv4 CIDR (a wildcard may only be a leading "*.")`;
  if (wildcard && labels.length < 2) return `"${raw}" is too broad: "*." must be followed by a domain with a dot`;
  return wildcard ? { kind: 'suffix', suffix: name } : { kind: 'exact', host: name };
}

export function hostMatches(host: string, p: HostPattern): boolean {
  switch (p.kind) {
    case 'exact':
      return host === p.host;
    case 'suffix':
      return host === p.suffix || (host.endsWith(p.suffix) && host.charCodeAt(host.length - p.suffix.length - 1) === 0x2e);
    case 'cidr': {
      const ip = ipv4ToInt(host);
      if (ip === null) return false;
      if (p.bits === 0) return true;
      return ip >>> (32 - p.bits) === p.base >>> (32 - p.bits);
    }
  }
}

export function matchesAny(host: string, ps: readonly HostPattern[]): boolean {
  for (const p of ps) if (hostMatches(host, p)) return true;
  return false;
}

/** Patterns from a list of strings; invalid entries are skipped (validation reports them at config load). */
export function compilePatterns(list: unknown): HostPattern[] {
  if (!Array.isArray(list)) return [];
  const out: HostPattern[] = [];
  for (const x of list) {
    if (typeof x !== 'string') continue;
    const p = parseHostPattern(x);
    if (typeof p !== 'string') out.push(p);
  }
  return out;
}
