import { emit, type Ctx } from './context.js';
import { passwordConfidence } from './password.js';
import { emitMatch, matchAt } from './provider.js';
import { entropy, indexIn, isAlnum, isSpace, looksPlaceholder } from './text.js';

// Schemes whose credentials are for a website or a code host rather than a data store.
const WEB_SCHEMES = new Set(['http', 'https', 'ws', 'wss', 'git', 'ssh', 'ftp', 'ftps', 'sftp', 'svn', 'git+https', 'git+ssh']);

function isSchemeChar(c: number): boolean {
  return isAlnum(c) || c === 43 || c === 46 || c === 45;
}

// Ends an authority (user:pass@host:port): path, query, whitespace, quotes, markup. Not "#":
// it is common in hand-written passwords even though it should be percent-encoded.
function endsAuthority(c: number): boolean {
  return c === 47 || c === 63 || isSpace(c) || c === 34 || c === 39 || c === 96 || c === 60 || c === 62 || c === 92;
}

function endsUrl(c: number): boolean {
  return isSpace(c) || c === 34 || c === 39 || c === 96 || c === 60 || c === 62 || c === 92;
}

const SLACK_PATH = /(?:services|workflows|triggers)\/([A-Za-z0-9+/]{30,80})(?![A-Za-z0-9+/])/y;
const DISCORD_PATH = /api\/webhooks\/[0-9]{17,20}\/([A-Za-z0-9_-]{60,72})(?![A-Za-z0-9_-])/y;
const TEAMS_PATH = /\/webhookb2\/([0-9a-fA-F-]{36}@[0-9a-fA-F-]{36}\/IncomingWebhook\/[0-9a-fA-F]{32}\/[0-9a-fA-F-]{36}(?:\/[A-Za-z0-9_-]{10,80})?)/y;
const SAS_SIG = /[A-Za-z0-9%+/=]{30,120}/y;

/** "://" at `i`: credentials in the authority, secret webhook URLs, Azure SAS signatures. */
export function onUrl(ctx: Ctx, i: number): number {
  const t = ctx.text;
  let s = i;
  while (s > 0 && i - s < 24 && isSchemeChar(t.charCodeAt(s - 1))) s--;
  if (s === i) return -1;
  const a = i + 3;
  const max = Math.min(t.length, a + 512);
  let e = a;
  let at = -1;
  while (e < max) {
    const c = t.charCodeAt(e);
    if (endsAuthority(c)) break;
    if (c === 64) at = e;
    e++;
  }
  if (at > a) {
    credentials(ctx, t.slice(s, i).toLowerCase(), a, at);
    return at + 1;
  }
  webhook(ctx, a, e);
  return -1;
}

function credentials(ctx: Ctx, scheme: string, a: number, at: number): void {
  const t = ctx.text;
  const colon = indexIn(t, ':', a, at);
  if (colon < 0) {
    // https://<token>@github.com: a token used as the user name.
    const m = matchAt(t, a);
    if (m && m.end <= at) emitMatch(ctx, m);
    return;
  }
  const ps = colon + 1;
  if (ps >= at) return;
  const m = matchAt(t, ps);
  if (m === null) return;
  if (m !== undefined && m.end <= at) {
    emitMatch(ctx, m);
    return;
  }
  const conf = passwordConfidence(t, ps, at, t.slice(a, colon));
  if (conf <= 0) return;
  const web = WEB_SCHEMES.has(scheme);
  emit(ctx, web ? 'url-password' : 'connection-string-password', web ? 'Password in a URL' : 'Password in a connection string', 'high', web ? conf * 0.95 : conf, ps, at);
}

function webhook(ctx: Ctx, a: number, e: number): void {
  const t = ctx.text;
  const c = t.charCodeAt(a);
  let re: RegExp | undefined;
  let rule = '';
  let label = '';
  let from = e + 1;
  if (c === 104 && t.startsWith('hooks.slack.com/', a)) {
    re = SLACK_PATH;
    rule = 'slack-webhook-url';
    label = 'Slack webhook URL';
  } else if (t.startsWith('discord.com/', e - 11) || t.startsWith('discordapp.com/', e - 14)) {
    re = DISCORD_PATH;
    rule = 'discord-webhook-url';
    label = 'Discord webhook URL';
  } else if (t.startsWith('.webhook.office.com', e - 19)) {
    re = TEAMS_PATH;
    rule = 'teams-webhook-url';
    label = 'Microsoft Teams webhook URL';
    from = e;
  } else if (t.startsWith('.windows.net', e - 12)) {
    sas(ctx, e);
    return;
  }
  if (re === undefined || from >= t.length) return;
  re.lastIndex = from;
  const m = re.exec(t);
  if (m === null || m[1] === undefined) return;
  const end = from + m[0].length;
  const start = end - m[1].length;
  if (looksPlaceholder(t, start, end)) return;
  emit(ctx, rule, label, 'high', 0.9, start, end);
}

// Azure shared access signature: "...?sv=2022-11-02&...&sig=<base64, URL-encoded>".
function sas(ctx: Ctx, e: number): void {
  const t = ctx.text;
  let end = e;
  const max = Math.min(t.length, e + 4096);
  while (end < max && !endsUrl(t.charCodeAt(end))) end++;
  const q = indexIn(t, 'sig=', e, end);
  if (q < 0 || indexIn(t, 'sv=', e, end) < 0) return;
  const p = t.charCodeAt(q - 1);
  if (p !== 63 && p !== 38) return;
  SAS_SIG.lastIndex = q + 4;
  const m = SAS_SIG.exec(t);
  if (m === null) return;
  const s = q + 4;
  const f = s + m[0].length;
  if (looksPlaceholder(t, s, f) || entropy(t, s, f) < 3.5) return;
  emit(ctx, 'azure-sas-token', 'Azure shared access signature', 'high', 0.85, s, f);
}
