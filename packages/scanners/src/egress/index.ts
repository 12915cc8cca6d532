import type { RawFinding, ScanInput, ScanOptions, ScannerV1 } from '@vigil/scanner-spec';
import { extractHosts, type HostRef } from './extract.js';
import { canonicalHost, compilePatterns, ipv4ToInt, matchesAny, parseHostPattern, type HostPattern } from './hosts.js';

export { canonicalHost, compilePatterns, hostMatches, matchesAny, parseHostPattern, type HostPattern } from './hosts.js';
export { extractHosts, type HostRef } from './extract.js';

// Network destinations in tool inputs (URLs, ssh/scp/git remotes, nc targets) checked against
// the operator's allow and deny lists. Settings: { allow?: string[], deny?: string[] } of host
// patterns (see hosts.ts). With no lists, only direct connections to public IP literals are
// reported (low): nothing else is known to be wrong.

const MAX_LIST = 1000;

/** Checks egress settings from configuration: an error message, or null when they are valid. */
export function validateEgressSettings(x: unknown): string | null {
  if (x === undefined || x === null) return null;
  if (typeof x !== 'object' || Array.isArray(x)) return 'egress settings must be an object with "allow" and/or "deny" lists of host patterns';
  for (const key of Object.keys(x)) {
    if (key !== 'allow' && key !== 'deny') return `egress settings: unknown key "${key}" (expected "allow" and/or "deny")`;
  }
  for (const key of ['allow', 'deny'] as const) {
    const list = (x as Record<string, unknown>)[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return `egress settings: "${key}" must be a list of host patterns`;
    if (list.length > MAX_LIST) return `egress settings: "${key}" has ${list.length} entries; at most ${MAX_LIST} are allowed`;
    for (let i = 0; i < list.length; i++) {
      const v: unknown = list[i];
      if (typeof v !== 'string') return `egress settings: ${key}[${i}] must be a string`;
      const p = parseHostPattern(v);
      if (typeof p === 'string') return `egress settings: ${key}[${i}]: ${p}`;
    }
  }
  return null;
}

// Not egress: the machine itself.
const LOOPBACK = ['localhost', '*.localhost', '127.0.0.0/8', '::1', '0.0.0.0'].map((p) => parseHostPattern(p) as HostPattern);
// IPv4 ranges that are not public internet addresses (private, loopback, link-local, CGNAT, multicast, reserved).
const NON_PUBLIC = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '224.0.0.0/3'].map(
  (p) => parseHostPattern(p) as HostPattern,
);
// Services that receive arbitrary data or expose a local port publicly: common exfiltration sinks.
const DROP_SERVICES = [
  'webhook.site', '*.requestbin.com', '*.pipedream.net', '*.ngrok.io', '*.ngrok-free.app', '*.ngrok.app', '*.trycloudflare.com', '*.loca.lt',
  'serveo.net', '*.serveo.net', '*.localhost.run', '*.oast.fun', '*.oast.pro', '*.oast.live', '*.oast.site', '*.oast.online', '*.oast.me',
  '*.interact.sh', '*.burpcollaborator.net', '*.oastify.com', 'transfer.sh', 'paste.ee', 'pastebin.com', 'hastebin.com', '0x0.st', 'file.io',
  'termbin.com', 'ix.io', 'dpaste.com', 'temp.sh', 'bashupload.com', 'oshi.at', 'catbox.moe', 'litterbox.catbox.moe',
].map((p) => parseHostPattern(p) as HostPattern);

interface Lists {
  allow: HostPattern[];
  deny: HostPattern[];
}

export const egressScanner: ScannerV1 = {
  specificationVersion: 'v1',
  id: 'egress',
  version: '1.0.0',
  stages: ['tool_input'],
  scan(input: ScanInput, options: ScanOptions): RawFinding[] {
    if (input.stage !== 'tool_input') return [];
    // Settings are checked at load (validateEgressSettings); bad entries are skipped here, never thrown on.
    const lists: Lists = { allow: compilePatterns(options.settings?.['allow']), deny: compilePatterns(options.settings?.['deny']) };
    const out: RawFinding[] = [];
    const seen = new Set<string>(); // one finding per host and call
    // Direct targets first, so a host named both ways is judged as a target.
    const refs = extractHosts(input.parts, input.tool?.kind).sort((a, b) => Number(b.direct) - Number(a.direct));
    for (const ref of refs) {
      const host = canonicalHost(ref.host);
      if (seen.has(host)) continue;
      seen.add(host);
      const f = judge(host, ref, lists);
      if (f) out.push(f);
    }
    return out;
  },
};

function judge(host: string, ref: HostRef, lists: Lists): RawFinding | null {
  const at = { path: ref.path, start: ref.start, end: ref.end };
  if (matchesAny(host, lists.deny)) {
    return {
      rule: 'egress-denied-host', severity: 'high', confidence: ref.direct ? 0.95 : 0.7, ...at,
      message: `This call would reach ${host}, which the operator's egress deny list blocks; do not contact it, and use an allowed source or ask the user.`,
    };
  }
  if (matchesAny(host, LOOPBACK)) return null;
  if (lists.allow.length > 0 && !matchesAny(host, lists.allow)) {
    // A URL merely quoted in an unrelated command is likelier not to be fetched: medium, alert only.
    return {
      rule: 'egress-not-allowed', severity: ref.direct ? 'high' : 'medium', confidence: ref.direct ? 0.85 : 0.55, ...at,
      message: `This call would reach ${host}, which is not on the operator's egress allow list; use an allowed host or ask the user to allow this one.`,
    };
  }
  if (ref.direct && isPublicIp(host)) {
    return {
      rule: 'egress-raw-ip', severity: 'low', confidence: 0.6, ...at,
      message: `This call connects straight to the IP address ${host} rather than a named host, which bypasses name-based controls and is typical of malware callbacks; make sure the user expects it.`,
    };
  }
  if (matchesAny(host, DROP_SERVICES)) {
    return {
      rule: 'egress-drop-service', severity: 'low', confidence: 0.45, ...at,
      message: `This call reaches ${host}, a public request catcher, paste or tunnel service often used to move data out; make sure the user expects it.`,
    };
  }
  return null;
}

function isPublicIp(host: string): boolean {
  const v4 = ipv4ToInt(host);
  if (v4 !== null) return !matchesAny(host, NON_PUBLIC);
  if (!host.includes(':') || !/^[0-9a-f:.]+$/.test(host)) return false;
  // IPv6: not loopback, link-local (fe80::/10), unique-local (fc00::/7), multicast (ff00::/8) or unspecified.
  return !(host === '::' || host === '::1' || /^fe[89ab]/.test(host) || /^f[cd]/.test(host) || host.startsWith('ff'));
}
