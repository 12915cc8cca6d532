import { canonicalHost, matchesAny, parseHostPattern, type HostPattern } from '../egress/hosts.js';

// Markdown images are fetched by the client as soon as they are rendered, so an image URL that
// carries data (or a placeholder the model is asked to fill with data) leaks it with no click.
// Links need a click, so they weigh less. In tool output the tell is a template the model is
// asked to complete; in a model's response it is the data itself.

export interface ExfilHit {
  kind: 'image' | 'link';
  start: number;
  end: number;
  confidence: number;
  reason: 'placeholder' | 'data' | 'opaque';
  host: string;
}

// Hosts that serve images for READMEs and docs (badges, avatars, CDNs of packages): nobody can
// read data off their query strings, so a long value there is a cache key, not a leak.
const BENIGN = [
  '*.shields.io', 'badgen.net', 'badge.fury.io', 'github.com', '*.githubusercontent.com', '*.github.io', 'gitlab.com',
  'bitbucket.org', 'cdn.jsdelivr.net', 'unpkg.com', '*.travis-ci.org', '*.travis-ci.com', 'circleci.com', 'codecov.io',
  'coveralls.io', '*.codacy.com', 'sonarcloud.io', '*.readthedocs.org', '*.readthedocs.io', 'www.npmjs.com', 'nodei.co',
  'packagephobia.com', 'bundlephobia.com', 'opencollective.com', '*.wikimedia.org', '*.gravatar.com', 'i.imgur.com',
  'img.youtube.com', 'api.netlify.com', 'vercel.com', 'deploy-badge.vercel.app', 'snyk.io', 'app.fossa.com', 'api.codeclimate.com',
  'images.unsplash.com', 'cdn.sanity.io', 'res.cloudinary.com', 'pbs.twimg.com', 'www.google.com', 'docs.google.com',
].map((p) => parseHostPattern(p) as HostPattern);

const URL_PARTS = /^(?:https?:)?\/\/([^/?#\s'"<>]{1,255})([^?#\s'"<>]{0,4096})(\?[^#\s'"<>]{0,4096})?/i;
// A slot for the model to fill: {secret}, {{data}}, ${X}, $DATA, <conversation>, [SUMMARY], SECRET_HERE.
const PLACEHOLDER =
  /\{\{? ?[A-Za-z_][\w .-]{0,40}\}|\$\{|\$[A-Z_]{3,40}\b|%7B(?:%7B)?[A-Za-z_][\w.-]{0,40}%7D|<[A-Za-z0-9_ -]{2,60}>|%3C[A-Za-z_%-]{2,60}%3E|\[[A-Z_ -]{3,40}\]|%5B[A-Z_%]{3,60}%5D|\b(?:INSERT|YOUR|REPLACE|PLACEHOLDER|DATA|SECRET|CONVERSATION|SUMMARY|HISTORY|CHAT|MESSAGES?|EMAIL|PASSWORD|TOKEN|API_?KEY|CONTEXT|MEMORY|INFO)(?:_[A-Z]{1,12}){0,4}\b/;
const DATA_PARAM = /^(?:data|d|q|text|txt|msg|message|content|info|secret|key|token|pw|pwd|pass|password|p|conv|conversation|history|chat|memory|email|user|payload|leak|exfil|log|c|x|b64|base64|body|summary|context|prompt)$/i;
const OPAQUE = /^[A-Za-z0-9+/=_.%-]{32,}$/;
const HEXISH = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
// URL-encoded prose: several words joined by + or %20.
const WORDY = /(?:[A-Za-z0-9@.'-]{1,30}(?:\+|%20)){4,}/;
// The raw target up to ")" or a quote or a line end: placeholders may hold spaces and angle
// brackets that the URL grammar stops at. Sticky, so no copy of the text is made.
const TARGET_RAW = /(?:https?:)?\/\/[^)"'\n]{0,2000}/iy;
const HOST_PREFIX = /^(?:https?:)?\/\/[^/?#]*/i;
// Worth a closer look: a query, a template character, or a long path segment.
const INTERESTING = /[?{}$%<>[\]]/;
const longSegment = (path: string, n: number): boolean => path.split('/').some((seg) => seg.length >= n);

const MAX_HITS = 20;

/**
 * Images and links whose URL carries a placeholder or data. `response`: the text is a model's
 * answer, where a data-bearing image is the leak itself (weighs more than in a tool output).
 */
export function findExfil(text: string, extraAllow: readonly HostPattern[] = [], response = false): ExfilHit[] {
  const out: ExfilHit[] = [];
  const raw = new RegExp(TARGET_RAW); // own lastIndex per call
  let p = text.indexOf('](');
  while (p >= 0 && out.length < MAX_HITS) {
    const open = bracketStart(text, p);
    if (open >= 0) {
      const image = open > 0 && text.charCodeAt(open - 1) === 0x21; // "!"
      let u = p + 2;
      while (u < text.length && u < p + 6 && (text.charCodeAt(u) === 0x20 || text.charCodeAt(u) === 0x3c)) u++;
      const hit = judge(text, raw, u, image ? 'image' : 'link', image ? open - 1 : open, extraAllow, response);
      if (hit) out.push(hit);
    }
    p = text.indexOf('](', p + 2);
  }
  if (out.length < MAX_HITS && (text.includes('<img') || text.includes('<IMG'))) {
    const re = /<img\b[^<>]{0,500}?\bsrc\s{0,3}=\s{0,3}["']?(?=(?:https?:)?\/\/)/gi;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null && out.length < MAX_HITS) {
      const hit = judge(text, raw, m.index + m[0].length, 'image', m.index, extraAllow, response);
      if (hit) out.push(hit);
    }
  }
  return out;
}

/** The "[" that opens the bracket closed at `close` on the same line, or -1. */
function bracketStart(text: string, close: number): number {
  const stop = Math.max(0, close - 400);
  for (let i = close - 1; i >= stop; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x5b) return i; // [
    if (c === 0x0a || c === 0x5d) return -1; // newline or ]
  }
  return -1;
}

function judge(text: string, raw: RegExp, at: number, kind: 'image' | 'link', start: number, extraAllow: readonly HostPattern[], response: boolean): ExfilHit | null {
  raw.lastIndex = at;
  const t = raw.exec(text);
  if (!t) return null;
  const target = t[0];
  const hostEnd = HOST_PREFIX.exec(target)?.[0].length ?? target.length;
  const after = target.slice(hostEnd);
  if (!INTERESTING.test(after) && !longSegment(after, 24)) return null;
  const m = URL_PARTS.exec(target);
  if (!m) return null;
  const host = canonicalHost(m[1]!.replace(/^[^@]*@/, '').replace(/:\d+$/, ''));
  const path = m[2] ?? '';
  const query = m[3] ?? '';
  const benign = matchesAny(host, BENIGN) || matchesAny(host, extraAllow);
  let reason: ExfilHit['reason'] | null = null;
  let confidence = 0;
  if (PLACEHOLDER.test(after)) {
    reason = 'placeholder';
    confidence = kind === 'image' ? 0.85 : 0.45;
  } else {
    const data = dataScore(path, query);
    if (data > 0) {
      reason = data >= 2 ? 'data' : 'opaque';
      // In a tool output a data-bearing image is the page author's own data; in a response it is the leak.
      confidence = kind === 'image' ? (data >= 2 ? (response ? 0.7 : 0.35) : response ? 0.35 : 0.25) : data >= 2 ? (response ? 0.4 : 0.25) : 0;
    }
  }
  if (!reason || confidence === 0) return null;
  if (benign) confidence *= 0.4;
  if (confidence < 0.2) return null;
  return { kind, start, end: at + Math.max(m[0].length, 1), confidence: Math.round(confidence * 1000) / 1000, reason, host };
}

/** 2: the URL carries what looks like data (a data-named parameter with a long value, encoded prose); 1: only a long opaque value; 0: nothing. */
function dataScore(path: string, query: string): number {
  let best = 0;
  if (query.length > 1) {
    for (const pair of query.slice(1).split('&')) {
      const eq = pair.indexOf('=');
      const name = eq >= 0 ? pair.slice(0, eq) : '';
      const value = eq >= 0 ? pair.slice(eq + 1) : pair;
      if (value.length < 16) continue;
      if ((value.includes('+') || value.includes('%20')) && WORDY.test(value)) return 2;
      if (value.length >= 24 && DATA_PARAM.test(name) && !HEXISH.test(value)) best = 2;
      else if (OPAQUE.test(value) && !HEXISH.test(value)) best = Math.max(best, 1);
    }
  }
  if (best < 2) {
    for (const seg of path.split('/')) {
      if (seg.length >= 48 && OPAQUE.test(seg) && !HEXISH.test(seg)) best = Math.max(best, 1);
      if (seg.length >= 24 && (seg.includes('+') || seg.includes('%20')) && WORDY.test(seg)) best = 2;
    }
  }
  return best;
}
