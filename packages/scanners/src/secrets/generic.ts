import { emit, type Ctx } from './context.js';
import { passwordConfidence } from './password.js';
import { emitMatch, matchAt } from './provider.js';
import { allHex, charKinds, decodeBase64, entropy, isNameChar, isSpace, isUuid, kindCount, looksPlaceholder } from './text.js';

// Names that hold secrets (matched on the lower-cased name).
const SECRET_NAME = /secret|token|passw|passphrase|pwd|credential|creds|(?:api|access|private|auth|signing|encryption|master|account|client|app|service|license|subscription|consumer|shared|session|admin|deploy|ingest|write|bot)[_.-]?key/;
// Names that contain those words but hold something else: counts, URLs, ids, hashes, flags,
// pagination cursors.
const NOT_SECRET_NAME = /tokeniz|page_?token|next_?token|continuation|sync_?token|resume_?token|change_?token|cursor|keyboard|keyword|keyframe|keypress|keydown|keyup|keycode|keystore|keychain|monkey|turkey|hockey|donkey|broken|spoken|taken|woken|secretary|credit|csrf|xsrf|public|publishable|^(?:is|has|use|should|enable|disable|show)[_.-]|^(?:max|min|num|total)[_.-]?|(?:type|types|count|length|len|size|limit|name|names|url|uri|urls|endpoint|path|file|filename|dir|header|field|prefix|suffix|hint|label|env|var|ref|policy|expiry|expires|expiresat|expires_at|expires_in|expiration|ttl|timeout|version|format|pattern|regex|hash|digest|checksum|sha|md5|id|ids|index|idx|usage|budget|cost|price|mode|enabled|required|rotation|strength|salt|location|source|provider|kind|class|style|arn)$/;
const STRONG_NAME = /secret|token|api[_.-]?key|private|credential/;
const REFERENCE = /process\.env|os\.environ|getenv|env\[|env\.|secrets\.|vault:|arn:aws|projects\/|ssm:|keyvault|secretsmanager|ref\+|\.get\(|\bnull\b|\bnone\b|\bundefined\b/;
const PATHLIKE = /^(?:\/|\.\.?\/|~\/|[A-Za-z]:\\)|\.(?:json|pem|key|crt|cer|der|p12|pfx|txt|env|ya?ml|toml|ini|cfg|conf|js|ts|py|rb|sh|gpg|asc)$/i;
// Member access in code: a.b.c, result.groups?.password, this.config!.token
const DOTTED_CODE = /^[A-Za-z_$][\w$]*(?:[?!]?\.[A-Za-z_$][\w$]*)+!?$/;
// Words joined by separators: identifiers, enum values, "SHOULD_BE_STRIPPED", "my-secret-name",
// "storage_v1_client", "aes-256-gcm": every part a word, a short version or a number.
const WORDS = /^[A-Za-z_.-]+$/;
const WORD_PARTS = /^(?:(?:[a-z]+|[A-Z]+|[A-Z][a-z]+)[0-9]{0,3}|[a-z]?[0-9]{1,4})(?:[_.-](?:(?:[a-z]+|[A-Z]+|[A-Z][a-z]+)[0-9]{0,3}|[a-z]?[0-9]{1,4}))+$/;
// Stored password hashes (bcrypt and friends start with "$" and are rejected earlier).
const PASSWORD_HASH = /^(?:pbkdf2_sha\d+|bcrypt|argon2\w*|scrypt|sha\d+|md5)[$:]|^\{S?SHA\d*\}/i;
// A path of lower-case words: "uploads/2024/06/avatar.png", "prod/db/credentials".
const WORD_PATH = /^[a-z0-9_.-]+(?:\/[a-z0-9_.-]+)+\/?$/;
// Keys that are public by design: Stripe publishable, Mapbox public, Supabase publishable, New Relic browser.
const PUBLIC_PREFIX = /^(?:pk_(?:live|test)_|pk\.eyJ|sb_publishable_|NRJS-)/;
const FAKE_WORDS = /secret|passw|token|apikey|api_key|test|demo|sample|dummy|example/;

function isQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 96;
}

/**
 * A secret-ish word ("key", "token", "secret", "password"...) at [hit, hitEnd): checks the name
 * around it. Returns where to resume, or -1.
 */
export function onKeyword(ctx: Ctx, hit: number, hitEnd: number): number {
  const t = ctx.text;
  let ne = hitEnd;
  while (ne < t.length && ne - hitEnd < 64 && isNameChar(t.charCodeAt(ne))) ne++;
  const r = onName(ctx, hit, ne);
  if (r >= 0 || t.charCodeAt(ne) !== 36) return r;
  // A token whose prefix holds the keyword itself: "access_token$production$…" (Braintree).
  const m = matchAt(t, nameStart(t, hit));
  if (!m) return -1;
  emitMatch(ctx, m);
  return m.end;
}

/**
 * The name ending at `ne` (its start found by scanning back from `from`): if it is assigned a
 * literal (NAME=value, "name": "value", name: value, --name value, <name>value</name>) and the
 * name is secret-looking, report the value when it is a provider token or looks random enough.
 */
export function onName(ctx: Ctx, from: number, ne: number): number {
  const t = ctx.text;
  const n = t.length;
  // The operator first: it rejects most hits ("Object.keys(", "the token is") cheaply.
  let p = ne;
  let c = t.charCodeAt(p);
  if (c === 92 && isQuote(t.charCodeAt(p + 1))) p += 2;
  else if (isQuote(c)) p++;
  if (t.charCodeAt(p) === 93) p++;
  const afterName = p;
  while (p < n && p - afterName < 4 && (t.charCodeAt(p) === 32 || t.charCodeAt(p) === 9)) p++;
  c = t.charCodeAt(p);
  let xml = false;
  if (c === 58) {
    const d = t.charCodeAt(p + 1);
    if (d === 58) return -1;
    p += d === 61 ? 2 : 1;
  } else if (c === 61) {
    const d = t.charCodeAt(p + 1);
    if (d === 61 || d === 126) return -1;
    const b = t.charCodeAt(p - 1);
    if (b === 33 || b === 60 || b === 62) return -1;
    p += d === 62 ? 2 : 1;
  } else if (c === 63 && t.charCodeAt(p + 1) === 61) {
    p += 2;
  } else if (c === 62) {
    xml = true;
    p++;
  } else if (afterName === ne && p > ne && c !== 10 && c !== 13) {
    // A name and its value separated by blanks: "--password value" (a flag), "PASSWORD 'x'"
    // (SQL), "login bob password x" (.netrc), "Authorization: token x".
    if (!spaced(t, nameStart(t, from), ne, c)) return -1;
  } else return -1;
  const ns = from > 0 && isNameChar(t.charCodeAt(from - 1)) ? nameStart(t, from) : from;
  // "arn:aws:secretsmanager:…:secret:name" and "${DB_PASSWORD:-x}" are not assignments (a
  // quoted "Section:ClientSecret" key, .NET style, or "$env:API_KEY = …" are).
  const before = t.charCodeAt(ns - 1);
  if ((before === 58 && afterName === ne && c === 58) || before === 36 || (before === 123 && t.charCodeAt(ns - 2) === 36)) return -1;
  if (xml && before !== 60) return -1;
  const name = t.slice(ns, ne).toLowerCase();
  if (!SECRET_NAME.test(name) || NOT_SECRET_NAME.test(name)) return -1;
  if (ctx.assignments-- <= 0) return -1;
  return value(ctx, name, ns, p, xml);
}

function spaced(t: string, ns: number, ne: number, c: number): boolean {
  if (t.charCodeAt(ns) === 45 && t.charCodeAt(ns + 1) === 45) return true;
  const n = ne - ns;
  if (n !== 5 && n !== 6 && n !== 8) return false;
  const name = t.slice(ns, ne).toLowerCase();
  if (name === 'password' || name === 'passwd') {
    if (isQuote(c)) return true;
    return /(?:^|\s)login\s/.test(t.slice(Math.max(0, ns - 120), ns));
  }
  if (name === 'token') return /authorization["']?\s*:\s*$/i.test(t.slice(Math.max(0, ns - 24), ns));
  return false;
}

function nameStart(t: string, hit: number): number {
  let ns = hit;
  while (ns > 0 && hit - ns < 64 && isNameChar(t.charCodeAt(ns - 1))) ns--;
  return ns;
}

function value(ctx: Ctx, name: string, ns: number, p: number, xml: boolean): number {
  const t = ctx.text;
  const n = t.length;
  const from = p;
  while (p < n && p - from < 8 && (t.charCodeAt(p) === 32 || t.charCodeAt(p) === 9)) p++;
  let q = 0;
  let escaped = false;
  let c = t.charCodeAt(p);
  if (c === 92 && isQuote(t.charCodeAt(p + 1))) {
    q = t.charCodeAt(p + 1);
    escaped = true;
    p += 2;
  } else if (isQuote(c)) {
    q = c;
    p++;
  }
  const vs = p;
  let ve = p;
  const max = Math.min(n, p + 512);
  if (q !== 0) {
    while (ve < max) {
      c = t.charCodeAt(ve);
      if (c === 10 || c === 13) return -1;
      if (c === q) {
        const bs = t.charCodeAt(ve - 1) === 92;
        if (escaped === bs) break;
      }
      ve++;
    }
    if (ve >= max) return -1;
    if (escaped) ve--;
  } else {
    while (ve < max) {
      c = t.charCodeAt(ve);
      if (isSpace(c) || c === 44 || c === 59 || isQuote(c) || c === 41 || c === 125 || c === 93 || c === 60 || c === 38) break;
      ve++;
    }
    // End of a sentence in prose or a docstring, not part of the value.
    while (ve > vs && (t.charCodeAt(ve - 1) === 46 || t.charCodeAt(ve - 1) === 58)) ve--;
  }
  return classify(ctx, name, ns, vs, ve, q !== 0 || xml);
}

function classify(ctx: Ctx, name: string, ns: number, vs: number, ve: number, quoted: boolean): number {
  const t = ctx.text;
  const len = ve - vs;
  if (len < 6) return -1;
  const c0 = t.charCodeAt(vs);
  // $VAR, %VAR%, {..}, [..], (..), <..>, @annotation, !yaml-tag, &anchor, *alias, -flag, #comment,
  // ?err / :-default of a shell expansion
  if (c0 === 36 || c0 === 37 || c0 === 123 || c0 === 91 || c0 === 40 || c0 === 60 || c0 === 64 || c0 === 33 || c0 === 38 || c0 === 42 || c0 === 45 || c0 === 35 || c0 === 63 || c0 === 58) return -1;
  const m = matchAt(t, vs);
  if (m === null) return ve;
  if (m !== undefined) {
    emitMatch(ctx, m);
    return m.end;
  }
  const v = t.slice(vs, ve);
  if (v.startsWith('eyJ') || v.startsWith('-----') || v.includes('://')) return -1; // their own handlers
  if (PUBLIC_PREFIX.test(v)) return -1;
  const lower = v.toLowerCase();
  if (REFERENCE.test(lower) || v.includes('(') || v.includes('[') || /\s/.test(v) || lower.startsWith('urn:') || PATHLIKE.test(v) || (!quoted && DOTTED_CODE.test(v))) return -1;
  if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/.test(lower)) return -1; // an email address
  if (looksPlaceholder(t, vs, ve) || encodedPlaceholder(t, vs, ve) || PASSWORD_HASH.test(v) || WORD_PATH.test(v)) return -1;
  // 0x + 40 hex is an Ethereum address; 0x + 64 hex a transaction hash unless named a private key.
  if (/^0x[0-9a-fA-F]{40}$/.test(v) || (/^0x[0-9a-fA-F]{64}$/.test(v) && !/private|secret/.test(name))) return -1;
  if (special(ctx, name, ns, v, vs, ve)) return ve;
  const kinds = charKinds(t, vs, ve);
  // words, identifiers, types (String!), the name itself (f(secret_key=secret_key))
  if (WORDS.test(v) || WORD_PARTS.test(v) || (!quoted && /^[A-Za-z_.-]+[!?]$/.test(v)) || lower === name) return -1;
  if (kinds === 4) return -1; // digits only
  if (/pass|pwd/.test(name)) {
    if (FAKE_WORDS.test(lower)) return -1;
    const pc = passwordConfidence(t, vs, ve);
    if (pc <= 0) return -1;
    const conf = pc >= 0.85 ? (len >= 12 ? 0.65 : 0.6) : pc >= 0.7 ? 0.55 : pc >= 0.45 ? 0.4 : 0.3;
    emit(ctx, 'generic-secret-assignment', `Password assigned to ${shortName(name)}`, 'medium', conf, vs, ve);
    return ve;
  }
  if (FAKE_WORDS.test(lower)) return -1;
  const h = entropy(t, vs, ve);
  let conf: number;
  if (isUuid(t, vs, ve)) conf = STRONG_NAME.test(name) ? 0.5 : 0.45;
  else if (allHex(t, vs, ve)) {
    if (len < 16 || h < 3) return -1;
    conf = len >= 32 ? 0.55 : 0.45;
  } else {
    if (len < 16 || kindCount(kinds) < 2) return -1;
    const need = len < 24 ? 3.3 : 3.6;
    if (h < need) {
      if (h < 2.8) return -1;
      conf = 0.3;
    } else {
      conf = h >= 4.2 ? 0.65 : 0.6;
      if (STRONG_NAME.test(name)) conf += 0.05;
    }
  }
  emit(ctx, 'generic-secret-assignment', `High-entropy value assigned to ${shortName(name)}`, 'medium', conf, vs, ve);
  return ve;
}

// base64 of a stand-in ("bm90IG15IHJlYWwgcGFzc3dvcmQ=" is "not my real password").
function encodedPlaceholder(t: string, vs: number, ve: number): boolean {
  if ((ve - vs) % 4 !== 0 || ve - vs > 256) return false;
  const d = decodeBase64(t, vs, ve, 256);
  if (d === undefined || !/^[\x20-\x7e]+$/.test(d)) return false;
  return /passw|secret|example|sample|dummy|fake|not ?my|real|test|changeme|your/i.test(d);
}

// The name, for the message, unless it could itself be part of a secret (long and random).
function shortName(name: string): string {
  if (name.length > 40 || (name.length > 20 && entropy(name) > 3.8)) return 'a secret-looking name';
  return `"${name}"`;
}

const AWS_SECRET = /^[A-Za-z0-9/+]{40}$/;
const B64_LONG = /^[A-Za-z0-9/+]{40,}={0,2}$/;

// Values whose shape, together with the name, identifies the provider.
function special(ctx: Ctx, name: string, ns: number, v: string, vs: number, ve: number): boolean {
  const t = ctx.text;
  // The entropy only once a value has one of the shapes below (most values have none).
  let entropyOf = -1;
  const h = (): number => (entropyOf < 0 ? (entropyOf = entropy(t, vs, ve)) : entropyOf);
  if (AWS_SECRET.test(v) && h() >= 4 && (name.includes('aws') || /secret_?access_?key/.test(name)) && !/key_?id/.test(name)) {
    emit(ctx, 'aws-secret-access-key', 'AWS secret access key', 'critical', 0.9, vs, ve);
    return true;
  }
  if (/session_?token/.test(name) && (name.includes('aws') || name === 'session_token' || name === 'sessiontoken') && v.length >= 100 && /^[A-Za-z0-9/+]+=*$/.test(v)) {
    emit(ctx, 'aws-session-token', 'AWS session token', 'high', 0.85, vs, ve);
    return true;
  }
  if (/(?:account|sharedaccess|primary|secondary)key$/.test(name) && B64_LONG.test(v) && h() >= 4) {
    emit(ctx, 'azure-storage-account-key', 'Azure storage or service bus key', 'critical', 0.9, vs, ve);
    return true;
  }
  if (/^[0-9a-f]{32}-us[0-9]{1,2}$/.test(v)) {
    emit(ctx, 'mailchimp-api-key', 'Mailchimp API key', 'high', 0.9, vs, ve);
    return true;
  }
  if (/^[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}$/.test(v) && h() >= 4) {
    emit(ctx, 'discord-bot-token', 'Discord bot token', 'high', 0.9, vs, ve);
    return true;
  }
  if (name.includes('twilio') && /^[0-9a-f]{32}$/.test(v) && h() >= 3) {
    emit(ctx, 'twilio-auth-token', 'Twilio auth token', 'high', 0.85, vs, ve);
    return true;
  }
  if (name.includes('heroku') && isUuid(t, vs, ve)) {
    emit(ctx, 'heroku-api-key', 'Heroku API key', 'high', 0.8, vs, ve);
    return true;
  }
  if ((name.includes('datadog') || name.startsWith('dd_')) && /^[0-9a-f]{32}(?:[0-9a-f]{8})?$/.test(v) && h() >= 3) {
    emit(ctx, 'datadog-api-key', 'Datadog API or application key', 'high', 0.8, vs, ve);
    return true;
  }
  if ((name === 'password' || name === 'pwd') && precededBySemicolon(t, ns)) {
    const conf = passwordConfidence(t, vs, ve);
    if (conf > 0) emit(ctx, 'connection-string-password', 'Password in a connection string', 'high', conf, vs, ve);
    return true;
  }
  return false;
}

function precededBySemicolon(t: string, ns: number): boolean {
  let k = ns - 1;
  while (k >= 0 && (t.charCodeAt(k) === 32 || t.charCodeAt(k) === 9)) k--;
  return k >= 0 && t.charCodeAt(k) === 59;
}
