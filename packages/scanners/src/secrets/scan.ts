import type { RawFinding } from '@vigil/scanner-spec';
import type { Ctx } from './context.js';
import { onKeyword } from './generic.js';
import { onBasic, onBearer, onPasswordFlag, onUserFlag } from './headers.js';
import { onPrefixHit, onSeparatorHit } from './provider.js';
import { onAzureSecret, onJwt, onPem, onTelegram } from './structured.js';
import { isSpace } from './text.js';
import { onUrl } from './url.js';

// Candidate search. V8 scans a regex fast when its alternatives share rare characters, so the
// anchors are spread over three global regexes (grouped by measurement on source code, lock
// files and git logs) instead of one big alternation; each hit is then checked in place by its
// handler. Every repetition is bounded and handlers only look a bounded distance around a
// hit, so a scan is linear in the text.

type Handler = (ctx: Ctx, m: RegExpExecArray) => number;
interface Pass {
  readonly re: RegExp;
  readonly handle: Handler;
}

// "_" or "-" then 16 token characters: the body of a prefixed token (ghp_…, sk-ant-…, xoxb-…).
const SEPARATED = '[_-][A-Za-z0-9_-]{16}';
// Password flags of some commands (-p, -a, -w) and curl's -u / --user.
const FLAGS = '-u |-p[^\\s-]|-[apw] |--user[ =]';
// Parts of names that hold secrets: token/key, secret/credential, password/passwd/pwd, pass.
const NAME_WORDS = '[Kk]e[ny]|KE[NY]|cre[dt]|CRE[DT]|ssw|SSW|pwd|PWD|[Pp]ass\\b|PASS\\b';
// Prefixes with no separator right after them (or a body that may lack one), at a word start.
const PREFIXES = '\\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9]|AIza|LTAI|AKID|AKCp|ATATT3|ATBB|EAA[A-Za-z]|GR1348941|EZ[AT]K|SG\\.|A3-[A-Z0-9]{6}-|SK[0-9a-fA-F]{32})';
// base64url of '{"' and the first letter of a JWT header key: "alg" h, "typ" 0, "kid" r, "enc" l,
// "cty"/"crit" j, "x5t" 4, "jku"/"jwk" q, "zip" 6; also '{"u"' 1 of Mapbox tokens.
const JWT_HEADERS = 'eyJ[0146hjlqr]';

function tokenPass(withNames: boolean): Pass {
  const src = [SEPARATED, '-----BEGIN', ...(withNames ? [FLAGS, NAME_WORDS] : [])].join('|');
  return {
    re: new RegExp(src, 'g'),
    handle: (ctx, m) => {
      const s = m[0];
      const i = m.index;
      const f = s.charCodeAt(1);
      if (s.length === 17) {
        // "-pLongGluedPassword" also looks like a token body
        if (withNames && f === 112 && i > 0 && isSpace(ctx.text.charCodeAt(i - 1))) {
          const r = onPasswordFlag(ctx, i);
          if (r >= 0) return r;
        }
        return onSeparatorHit(ctx, i);
      }
      if (s === '-----BEGIN') return onPem(ctx, i);
      if (s.charCodeAt(0) === 45) return f === 112 || f === 97 || f === 119 ? onPasswordFlag(ctx, i) : onUserFlag(ctx, i);
      return onKeyword(ctx, i, i + s.length);
    },
  };
}

// Literal prefixes, "Q~" of Azure secrets, "://" of URLs, ":AA" of Telegram tokens, "Basic ".
const PREFIX_PASS: Pass = {
  re: new RegExp(`${PREFIXES}|Q~|:\\/\\/|:AA|Basic `, 'g'),
  handle: (ctx, m) => {
    const s = m[0];
    if (s === '://') return onUrl(ctx, m.index);
    if (s === ':AA') return onTelegram(ctx, m.index);
    if (s === 'Basic ') return onBasic(ctx, m.index);
    if (s === 'Q~') return onAzureSecret(ctx, m.index);
    return onPrefixHit(ctx, m.index);
  },
};

function jwtPass(withBearer: boolean): Pass {
  return {
    re: new RegExp([JWT_HEADERS, ...(withBearer ? ['[Bb]earer|BEARER'] : [])].join('|'), 'g'),
    handle: (ctx, m) => (m[0].length === 4 ? onJwt(ctx, m.index) : onBearer(ctx, m.index)),
  };
}

/** All checks: provider formats, keys, URLs, JWTs, and generic assignments, flags and headers. */
export const FULL: readonly Pass[] = [tokenPass(true), PREFIX_PASS, jwtPass(true)];
/** Only the checks that can reach confidence 0.8 (sensitivity "low"): no generic assignments. */
export const STRICT: readonly Pass[] = [tokenPass(false), PREFIX_PASS, jwtPass(false)];

export function scanText(text: string, path: string, passes: readonly Pass[], out: RawFinding[]): void {
  const found: RawFinding[] = [];
  const ctx: Ctx = { text, path, out: found, runEnd: 0, cmdStart: 0, cmdSeen: 0, budget: 1024 + (text.length >> 4), assignments: 1024 + (text.length >> 7) };
  for (const { re, handle } of passes) {
    ctx.runEnd = 0;
    ctx.cmdStart = 0;
    ctx.cmdSeen = 0;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      // A handler returns where to resume (past a secret it reported), or -1 to go on.
      const next = handle(ctx, m);
      if (next >= 0) re.lastIndex = next;
    }
  }
  if (found.length > 1) dedupe(found);
  for (const f of found) out.push(f);
}

// Several passes can reach the same secret (a keyword and its value's prefix): keep one
// finding per span, the most confident.
function dedupe(found: RawFinding[]): void {
  found.sort((a, b) => a.start - b.start || b.confidence - a.confidence || b.end - a.end);
  let w = 0;
  for (let r = 0; r < found.length; r++) {
    const f = found[r]!;
    const last = w > 0 ? found[w - 1]! : undefined;
    if (last !== undefined && f.start < last.end) {
      if (f.confidence > last.confidence) found[w - 1] = f;
      continue;
    }
    found[w++] = f;
  }
  found.length = w;
}
