import { emit, type Ctx } from './context.js';
import { passwordConfidence } from './password.js';
import { emitMatch, matchAt } from './provider.js';
import { charKinds, decodeBase64, entropy, indexIn, isAlnum, isSpace, kindCount, looksPlaceholder } from './text.js';

function isBearerChar(c: number): boolean {
  // RFC 6750 token68: ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" and trailing "="
  return isAlnum(c) || c === 45 || c === 46 || c === 95 || c === 126 || c === 43 || c === 47 || c === 61;
}

/** "Bearer" at `w`: the token of an Authorization header or a bearer credential. */
export function onBearer(ctx: Ctx, w: number): number {
  const t = ctx.text;
  if (w > 0 && isAlnum(t.charCodeAt(w - 1))) return -1;
  let s = w + 6;
  const gap = s;
  while (s < t.length && s - gap < 4 && (t.charCodeAt(s) === 32 || t.charCodeAt(s) === 9)) s++;
  if (s === gap) return -1;
  let e = s;
  const max = Math.min(t.length, s + 4096);
  while (e < max && isBearerChar(t.charCodeAt(e))) e++;
  if (e - s < 16 || t.startsWith('eyJ', s)) return -1; // JWTs are handled on their own
  const m = matchAt(t, s);
  if (m === null) return e;
  if (m !== undefined) {
    emitMatch(ctx, m);
    return m.end;
  }
  if (looksPlaceholder(t, s, e) || kindCount(charKinds(t, s, e)) < 2 || entropy(t, s, e) < 3.2) return -1;
  const lead = t.slice(Math.max(0, w - 40), w).toLowerCase();
  emit(ctx, 'bearer-token', 'Bearer token', 'high', lead.includes('authorization') ? 0.75 : 0.6, s, e);
  return e;
}

/** "Basic " at `i`: an HTTP Basic credential, base64 of "user:password". */
export function onBasic(ctx: Ctx, i: number): number {
  const t = ctx.text;
  let s = i + 6;
  while (s < t.length && t.charCodeAt(s) === 32) s++;
  let e = s;
  const max = Math.min(t.length, s + 1024);
  while (e < max && (isAlnum(t.charCodeAt(e)) || t.charCodeAt(e) === 43 || t.charCodeAt(e) === 47)) e++;
  while (e < max && t.charCodeAt(e) === 61) e++;
  if (e - s < 8 || (e < t.length && isAlnum(t.charCodeAt(e)))) return -1;
  const decoded = decodeBase64(t, s, e, 1024);
  if (decoded === undefined) return -1;
  const colon = decoded.indexOf(':');
  if (colon < 1 || colon === decoded.length - 1 || /[\x00-\x1f\x7f-\xff]/.test(decoded)) return -1;
  const conf = passwordConfidence(decoded, colon + 1, decoded.length, decoded.slice(0, colon));
  if (conf <= 0) return -1;
  emit(ctx, 'basic-auth-header', 'HTTP Basic credential', 'high', conf, s, e);
  return e;
}

/** "-u " / "--user" at `i` (curl, httpie, wget): "user:password" on the command line. */
export function onUserFlag(ctx: Ctx, i: number): number {
  const t = ctx.text;
  if (i > 0 && !isSpace(t.charCodeAt(i - 1))) return -1;
  let s = i + (t.charCodeAt(i + 1) === 45 ? 7 : 3);
  if (t.charCodeAt(s - 1) !== 32 && t.charCodeAt(s - 1) !== 61) return -1;
  while (s < t.length && t.charCodeAt(s) === 32) s++;
  let q = 0;
  const c = t.charCodeAt(s);
  if (c === 34 || c === 39) {
    q = c;
    s++;
  }
  let e = s;
  const max = Math.min(t.length, s + 512);
  while (e < max) {
    const d = t.charCodeAt(e);
    if (q ? d === q || d === 10 : isSpace(d)) break;
    e++;
  }
  const colon = indexIn(t, ':', s, e);
  if (colon < 0 || colon >= e - 1 || colon === s || t.startsWith('//', colon + 1)) return -1;
  const conf = passwordConfidence(t, colon + 1, e, t.slice(s, colon));
  if (conf <= 0) return -1;
  emit(ctx, 'command-line-password', 'Password on a command line', 'high', conf * 0.9, colon + 1, e);
  return e;
}

// Commands whose short flag takes a password: mysql's glued "-pSECRET", "sshpass -p x",
// "redis-cli -a x", "ldapsearch -w x", "mongosh -p x", and "docker login -p x" and the like.
const GLUED_P = new Set(['mysql', 'mysqldump', 'mysqladmin', 'mysqlimport', 'mysqlshow', 'mysqlcheck', 'mariadb', 'mariadb-dump', 'sshpass']);
const SPACED: Readonly<Record<string, ReadonlySet<string>>> = {
  p: new Set(['sshpass', 'mongo', 'mongosh', 'mongodump', 'mongorestore', 'mongoexport', 'mongoimport']),
  a: new Set(['redis-cli', 'keydb-cli']),
  w: new Set(['ldapsearch', 'ldapmodify', 'ldapadd', 'ldapdelete', 'ldappasswd', 'ldapwhoami']),
};
const LOGIN_P = new Set(['docker', 'podman', 'nerdctl', 'buildah', 'skopeo', 'oras', 'helm', 'crane']);

/** "-p", "-a" or "-w" at `i`: the password flag of a command that takes one on its command line. */
export function onPasswordFlag(ctx: Ctx, i: number): number {
  const t = ctx.text;
  if (i === 0 || !isSpace(t.charCodeAt(i - 1))) return -1;
  const s = commandStart(ctx, i);
  const name = commandName(t, s, i);
  if (name === undefined) return -1;
  const flag = t[i + 1]!;
  const glued = !isSpace(t.charCodeAt(i + 2));
  const known = glued
    ? flag === 'p' && GLUED_P.has(name)
    : SPACED[flag]?.has(name) === true || (flag === 'p' && LOGIN_P.has(name) && indexIn(t, ' login ', s, Math.min(i, s + 64)) >= 0);
  if (!known) return -1;
  let v = i + 2;
  while (v < t.length && t.charCodeAt(v) === 32) v++;
  let q = 0;
  const c = t.charCodeAt(v);
  if (c === 34 || c === 39) {
    q = c;
    v++;
  }
  let e = v;
  const max = Math.min(t.length, v + 256);
  while (e < max) {
    const d = t.charCodeAt(e);
    if (q ? d === q || d === 10 : isSpace(d)) break;
    e++;
  }
  const conf = passwordConfidence(t, v, e);
  if (conf <= 0) return -1;
  emit(ctx, 'command-line-password', 'Password on a command line', 'high', conf * 0.9, v, e);
  return e;
}

function breaksCommand(c: number): boolean {
  return c === 10 || c === 59 || c === 124 || c === 38 || c === 40 || c === 96;
}

// Start of the shell command holding `i`. Flag hits come in increasing order within a pass,
// so the search continues from the previous hit: linear however many flags a line has.
function commandStart(ctx: Ctx, i: number): number {
  const t = ctx.text;
  if (ctx.cmdSeen > 0 && i >= ctx.cmdSeen && i - ctx.cmdSeen < 4096) {
    for (let k = ctx.cmdSeen; k < i; k++) if (breaksCommand(t.charCodeAt(k))) ctx.cmdStart = k + 1;
  } else {
    let s = i;
    while (s > 0 && i - s < 240 && !breaksCommand(t.charCodeAt(s - 1))) s--;
    ctx.cmdStart = s;
  }
  ctx.cmdSeen = i;
  return ctx.cmdStart;
}

// The command word (basename) at `s`, after any "sudo" and VAR=value prefixes.
function commandName(t: string, s: number, i: number): string | undefined {
  let k = s;
  for (let words = 0; words < 4; words++) {
    while (k < i && isSpace(t.charCodeAt(k))) k++;
    let e = k;
    while (e < i && e - k < 64 && !isSpace(t.charCodeAt(e))) e++;
    if (e === k) return undefined;
    const word = t.slice(k, e);
    if (word === 'sudo' || word.includes('=')) {
      k = e;
      continue;
    }
    const base = word.slice(word.lastIndexOf('/') + 1);
    return /^[a-z][a-z0-9-]*$/.test(base) ? base : undefined;
  }
  return undefined;
}
