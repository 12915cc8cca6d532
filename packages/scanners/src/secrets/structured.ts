import { emit, type Ctx } from './context.js';
import { emitMatch, matchAt } from './provider.js';
import { decodeBase64, entropy, isSpace, isTokenChar, looksPlaceholder } from './text.js';

const PEM_BEGIN = /-----BEGIN ((?:[A-Z0-9]{1,12} ){0,3})PRIVATE KEY(?: BLOCK)?-----/y;
const PEM_LIMIT = 65536;
// Armor headers inside a key block: skipped to the end of their line.
const PEM_HEADERS = ['Proc-Type:', 'DEK-Info:', 'Comment:', 'Version:', 'Hash:'];

function isPemBody(c: number): boolean {
  // base64, whitespace, and the backslashes of "\n" escapes in JSON-encoded keys
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 47 && c <= 57) || c === 43 || c === 61 || isSpace(c) || c === 92;
}

function isB64(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
}

function isEscape(t: string, k: number): boolean {
  const d = t.charCodeAt(k + 1);
  return t.charCodeAt(k) === 92 && (d === 110 || d === 114);
}

/**
 * "-----BEGIN" at `i`: a PEM private key (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted, PGP). The
 * span is the key body between the BEGIN and END lines, or to the end of the base64 when the
 * output was cut off; certificates and public keys are not secrets and are skipped.
 */
export function onPem(ctx: Ctx, i: number): number {
  const t = ctx.text;
  PEM_BEGIN.lastIndex = i;
  const m = PEM_BEGIN.exec(t);
  if (m === null) return -1;
  let s = i + m[0].length;
  const limit = Math.min(t.length, s + PEM_LIMIT);
  let e = s;
  let b64 = 0;
  while (e < limit) {
    const c = t.charCodeAt(e);
    if (isPemBody(c)) {
      if (isB64(c)) b64++;
      e++;
    } else if (PEM_HEADERS.some((h) => t.startsWith(h, e))) {
      while (e < limit && t.charCodeAt(e) !== 10 && !isEscape(t, e)) e++;
    } else break;
  }
  const complete = t.startsWith('-----END', e);
  // Trim whitespace and "\n" escapes at both ends so the span is the key material.
  while (s < e && (isSpace(t.charCodeAt(s)) || isEscape(t, s))) s += isSpace(t.charCodeAt(s)) ? 1 : 2;
  while (e > s && (isSpace(t.charCodeAt(e - 1)) || (e - 2 >= s && isEscape(t, e - 2)))) e -= isSpace(t.charCodeAt(e - 1)) ? 1 : 2;
  if (b64 < (complete ? 64 : 200) || looksPlaceholder(t, s, Math.min(e, s + 200))) return e;
  emit(ctx, 'private-key', 'Private key', 'critical', complete ? 0.99 : 0.9, s, e);
  return e;
}

// Three or five base64url segments; the first starts with eyJ ('{"').
const JWT = /eyJ[A-Za-z0-9_-]{5,4096}(?:\.[A-Za-z0-9_-]{0,16384}){2,4}/y;
const GRAFANA = /eyJrIjoi[A-Za-z0-9]{70,400}={0,3}(?![A-Za-z0-9+/=])/y;

/**
 * "eyJ…" at `i`: a JSON Web Token (header must decode to JSON naming an algorithm), a Grafana
 * API key (base64 of {"k":…}) or a Mapbox secret token ("sk.eyJ…").
 */
export function onJwt(ctx: Ctx, i: number): number {
  const t = ctx.text;
  if (i > 0) {
    const p = t.charCodeAt(i - 1);
    if (p === 46 && t.startsWith('sk.', i - 3)) {
      const m = matchAt(t, i - 3);
      if (m) {
        emitMatch(ctx, m);
        return m.end;
      }
      return -1;
    }
    if (isTokenChar(p) || p === 46) return -1;
  }
  if (t.startsWith('eyJrIjoi', i)) {
    GRAFANA.lastIndex = i;
    const g = GRAFANA.exec(t);
    if (g !== null) {
      emit(ctx, 'grafana-api-key', 'Grafana API key', 'high', 0.9, i, i + g[0].length);
      return i + g[0].length;
    }
  }
  JWT.lastIndex = i;
  const m = JWT.exec(t);
  if (m === null) return -1;
  const end = i + m[0].length;
  if (end < t.length && (isTokenChar(t.charCodeAt(end)) || t.charCodeAt(end) === 61)) return -1;
  const d1 = t.indexOf('.', i);
  const header = decodeBase64(t, i, d1, 1024);
  if (header === undefined || !/"(?:alg|enc|typ)"\s*:/.test(header)) return -1;
  let d2 = t.indexOf('.', d1 + 1);
  if (d2 < 0 || d2 > end) d2 = end;
  const payload = decodeBase64(t, d1 + 1, d2, 8192) ?? '';
  // The jwt.io documentation example, and public keys meant for browsers (Supabase "anon").
  if (payload.includes('"John Doe"') || /"role"\s*:\s*"anon"/.test(payload)) {
    emit(ctx, 'jwt', 'JSON Web Token', 'medium', 0.3, i, end);
    return end;
  }
  const signed = end - d2 > 16 && !/"alg"\s*:\s*"none"/i.test(header);
  emit(ctx, 'jwt', 'JSON Web Token', 'high', signed ? 0.85 : 0.45, i, end);
  return end;
}

const TELEGRAM = /:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/y;

/** ":AA" at `i`: a Telegram bot token "<bot id>:AA<33 chars>". */
export function onTelegram(ctx: Ctx, i: number): number {
  const t = ctx.text;
  let s = i;
  while (s > 0 && i - s <= 10) {
    const c = t.charCodeAt(s - 1);
    if (c < 48 || c > 57) break;
    s--;
  }
  if (i - s < 8 || i - s > 10) return -1;
  // Bot API URLs glue the token behind "/bot": https://api.telegram.org/bot<token>/sendMessage
  if (s > 0 && isTokenChar(t.charCodeAt(s - 1)) && !(t.startsWith('bot', s - 3) && t.charCodeAt(s - 4) === 47)) return -1;
  TELEGRAM.lastIndex = i;
  const m = TELEGRAM.exec(t);
  if (m === null) return -1;
  const end = i + m[0].length;
  if (looksPlaceholder(t, i + 3, end) || entropy(t, i + 3, end) < 3.5) return -1;
  emit(ctx, 'telegram-bot-token', 'Telegram bot token', 'high', 0.9, s, end);
  return end;
}

const AZURE_SECRET = /[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/y;

/** "Q~" at `i`: an Entra ID (Azure AD) application client secret. */
export function onAzureSecret(ctx: Ctx, i: number): number {
  const t = ctx.text;
  const s = i - 4;
  if (s < 0) return -1;
  if (s > 0) {
    const p = t.charCodeAt(s - 1);
    if (isTokenChar(p) || p === 126 || p === 46) return -1;
  }
  AZURE_SECRET.lastIndex = s;
  const m = AZURE_SECRET.exec(t);
  if (m === null) return -1;
  const end = s + m[0].length;
  if (looksPlaceholder(t, s, end) || entropy(t, s, end) < 3.5) return -1;
  emit(ctx, 'azure-ad-client-secret', 'Azure AD client secret', 'high', 0.85, s, end);
  return end;
}

const TERRAFORM = /[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}(?![A-Za-z0-9_=-])/y;

/** "atlasv1." at `i`: a Terraform Cloud / Enterprise API token. */
export function onTerraform(ctx: Ctx, i: number): number {
  const t = ctx.text;
  const s = i - 15;
  if (s < 0 || (s > 0 && isTokenChar(t.charCodeAt(s - 1)))) return -1;
  TERRAFORM.lastIndex = s;
  const m = TERRAFORM.exec(t);
  if (m === null) return -1;
  const end = s + m[0].length;
  if (looksPlaceholder(t, s, end) || entropy(t, i + 8, end) < 4) return -1;
  emit(ctx, 'terraform-cloud-token', 'Terraform Cloud API token', 'high', 0.95, s, end);
  return end;
}
