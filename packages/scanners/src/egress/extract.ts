import type { ScanPart, ScanToolKind } from '@vigil/scanner-spec';

// Hosts a tool input would reach over the network, found with regexes over the text (no shell
// parsing: a quoted URL in an unrelated command is still reported, which is the safe side).
//   - URLs with a scheme: http(s), ws(s), ftp, sftp, ssh, git, s3+host forms, in any scanned part;
//   - scp/rsync/git "user@host:path" and "ssh user@host", "nc host port", "/dev/tcp/host/port";
//   - scheme-less "curl example.com/x" / "wget host:8080/x";
//   - in MCP and other tools' arguments, only fields named like a URL or host, or holding just a
//     URL (a link inside an issue body or a message is content, not a connection).

export interface HostRef {
  host: string;
  path: string;
  start: number;
  end: number;
  /** How the host was found: a network target for sure, or a URL that merely appears in the text. */
  direct: boolean;
}

// Scheme, optional userinfo, then the host (bracketed IPv6 or name/IPv4).
const URL_RE = /\b(?:https?|wss?|ftps?|sftp|ssh|git|rsync|telnet|gopher):\/\/(?:[^\s/?#@'"`<>]{1,128}@)?(\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.){0,16}[A-Za-z0-9-]{1,63})/g;
const HOSTNAME = '(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\\.){1,16}[A-Za-z]{2,63}|\\d{1,3}(?:\\.\\d{1,3}){3})';
// scp/rsync/git remote "user@host:path" (not "://").
const SCP_RE = new RegExp(`(?:^|[\\s'"=])(?:[\\w.-]{1,64}@)(${HOSTNAME}):(?!//)`, 'g');
// ssh/mosh/sftp/scp [options] [user@]host
const SSH_RE = new RegExp(`\\b(?:ssh|mosh|sftp|autossh)\\s+(?:-{1,2}[\\w-]+(?:[ =](?!-)[^\\s@]{1,100})?\\s+){0,8}(?:[\\w.-]{1,64}@)?(${HOSTNAME})\\b`, 'g');
// nc/ncat/netcat/telnet/socat [options] host port
const NC_RE = new RegExp(`\\b(?:nc|ncat|netcat|telnet)\\s+(?:-[\\w]{1,6}\\s+(?:\\d{1,5}\\s+)?){0,6}(${HOSTNAME})\\s+\\d{1,5}\\b`, 'g');
const DEVTCP_RE = new RegExp(`/dev/(?:tcp|udp)/(${HOSTNAME})/\\d{1,5}`, 'g');
// curl/wget/http(ie)/xh with a scheme-less URL argument: "curl -s example.com/path".
const BARE_FETCH_RE = new RegExp(`\\b(?:curl|wget|http|https|xh|aria2c)\\s+(?:-{1,2}[\\w-]+(?:[ =](?!-)[^\\s]{1,200})?\\s+){0,12}['"]?(${HOSTNAME})(?::\\d{1,5})?(?=[/\\s'"]|$)`, 'g');
// A command that talks to the network: URLs in it are targets. Elsewhere ("git commit -m 'see
// https://...'", "echo ... > README") a URL is only text, reported with less confidence.
const NET_TOOL = /(?:^|[;&|(`{]|\$\(|\b(?:sudo|xargs|exec|env|time|nohup|then|do)\s)\s*(?:[\w./-]*\/)?(?:curl|wget|https?\s+(?:get|post|put|patch|delete|head|options|-{1,2}\w)|xh|aria2c|git\s+(?:clone|fetch|pull|push|remote|ls-remote|submodule)|ssh|scp|sftp|rsync|nc|ncat|netcat|telnet|l?ftp|pip3?\s+(?:install|download)|uv\s+pip|npm\s+(?:install|i|add)|yarn\s+add|pnpm\s+add|docker\s+(?:pull|push|login|run)|invoke-webrequest|invoke-restmethod|iwr|irm|open|xdg-open|python3?|node|deno|bun|ruby|perl|php|socat|openssl\s+s_client|dig|nslookup|host|ping|traceroute|mosh)\b/im;
const HOST_FIELD = /(?:^|\.)(?:url|uri|href|endpoint|host|hostname|domain|server|address|base_?url|link|target)$/i;
const BARE_HOST = new RegExp(`^${HOSTNAME}(?::\\d{1,5})?$`);
const WHOLE_URL = /^\s*[a-z][a-z0-9+.-]{1,10}:\/\/\S{1,4000}\s*$/i;

interface Segment {
  /** The text scanned: one part, or the elements of an argv array joined by spaces. */
  text: string;
  shell: boolean;
  path: string;
  /** For a joined argv: where each element starts in `text`. */
  pieces: { at: number; part: ScanPart }[];
}

const ARGV_ELEMENT = /^(.*?)\.?(\d+)$/;

/** What a tool would use as a network target, by tool kind and field name; argv arrays joined. */
function segments(parts: readonly ScanPart[], kind: ScanToolKind | undefined): Segment[] {
  const out: Segment[] = [];
  const argv = new Map<string, Segment>();
  for (const p of parts) {
    if (kind === 'shell') {
      const leaf = p.path.slice(p.path.lastIndexOf('.') + 1);
      if (!/^(?:command|cmd|script|args?|argv|input|\d+)$/i.test(leaf) && p.path !== '') continue; // not the description
      const el = /^\d+$/.test(leaf) ? ARGV_ELEMENT.exec(p.path) : null;
      if (el) {
        const key = el[1] ?? '';
        let seg = argv.get(key);
        if (!seg) argv.set(key, (seg = { text: '', shell: true, path: p.path, pieces: [] }));
        if (seg.text) seg.text += ' ';
        seg.pieces.push({ at: seg.text.length, part: p });
        seg.text += p.text;
      } else {
        out.push({ text: p.text, shell: true, path: p.path, pieces: [{ at: 0, part: p }] });
      }
    } else if (kind === 'web' || kind === 'mcp' || kind === 'other' || kind === undefined) {
      out.push({ text: p.text, shell: false, path: p.path, pieces: [{ at: 0, part: p }] });
    }
    // file_read / file_write: reading or writing a file reaches no host.
  }
  return [...out, ...argv.values()];
}

export function extractHosts(parts: readonly ScanPart[], kind: ScanToolKind | undefined): HostRef[] {
  const refs: HostRef[] = [];
  for (const seg of segments(parts, kind)) {
    const text = seg.text;
    if (text.length > 1_000_000) continue; // not a command or a URL
    const place = (start: number, host: string, direct: boolean): void => {
      let piece = seg.pieces[0]!;
      for (const p of seg.pieces) if (p.at <= start) piece = p;
      const local = start - piece.at;
      refs.push({ host, path: piece.part.path, start: local, end: Math.min(piece.part.text.length, local + host.length), direct });
    };
    const add = (re: RegExp, direct: boolean): void => {
      const r = new RegExp(re); // own lastIndex
      let m: RegExpExecArray | null;
      let n = 0;
      while ((m = r.exec(text)) !== null && n++ < 200) {
        const host = m[1]!;
        place(m.index + m[0].lastIndexOf(host), host, direct);
      }
    };
    const fieldIsTarget = !seg.shell && (HOST_FIELD.test(seg.path) || WHOLE_URL.test(text));
    // A URL is a target in a URL-like field (WebFetch url), a web tool, or a network command. In
    // other fields of MCP and other tools (an issue body, a message) a URL is content: skipped.
    if (seg.shell || fieldIsTarget || kind === 'web') add(URL_RE, (seg.shell && NET_TOOL.test(text)) || fieldIsTarget || kind === 'web');
    if (seg.shell) {
      add(SCP_RE, true);
      add(SSH_RE, true);
      add(NC_RE, true);
      add(DEVTCP_RE, true);
      add(BARE_FETCH_RE, true);
    } else if (fieldIsTarget && BARE_HOST.test(text.trim())) {
      const host = text.trim().replace(/:\d+$/, '');
      place(text.indexOf(host), host, true);
    }
  }
  return dedupe(refs);
}

function dedupe(refs: HostRef[]): HostRef[] {
  const seen = new Map<string, HostRef>();
  for (const r of refs) {
    const key = `${r.path}\u0000${r.start}`;
    const had = seen.get(key);
    if (!had || (r.direct && !had.direct)) seen.set(key, r);
  }
  return [...seen.values()];
}
