// Stages 1 and 2 of findInstructions: where to look at all.
//
// The anchors are the one pass over the whole text, so they are plain alternations of short
// words (V8 scans such a regex at several hundred MB/s). They fire often in prose and code
// ("you", "ignore", "system", "user"), so each hit is then checked by a sticky regex for its word
// family, anchored at the hit, that asks for the continuation (or, through a lookbehind placed
// after the word, the preceding words) a gate needs: "ignore" must be followed within a few words
// by "previous"/"instructions"/"the user"..., "you" must be part of "you are now", "before you",
// "you were told"..., an assistant's name must be followed by punctuation or a duty ("Claude,",
// "the assistant must"). One sticky test costs about a microsecond, so a few character checks
// that every LITE match of the family needs (mayPass) come first; only hits passing both go on.

const WORDS = [
  'ignor', 'disregard', 'forget', 'vergiss', 'oubli', 'olvid', 'instruc', 'anweisung', 'assist', 'asistente', 'chatgpt', 'claude',
  'gemini', 'copilot', 'chatbot', 'llm', 'you', 'agent', 'user', 'system', 'this tool',
];

// Two passes: words (an assistant's name, "you", "ignore"...) by a regex, and markup ("<|", "<!--",
// "<IMPORTANT", "[INST]") by markAnchors(), which jumps between "<" and "[" with indexOf and finds
// exactly the matches of MARK_ANCHORS (kept as its specification) at a fraction of a regex pass.
export const WORD_ANCHORS = new RegExp(`\\b(?:${WORDS.join('|')}|(?:ai|gpt|ki|ia)\\b|(?:model|bot)s?[,:!])`, 'gi');
export const MARK_ANCHORS = /[<[](?:\||!--|\[?(?:important|information|system|instruc|inst\]|<sys|admin|secret|hidden|urgent|directive))/gi;

// Whitespace between words in raw text: real spaces, escaped newlines/tabs of JSON and YAML
// strings, a YAML line continuation, markdown emphasis and quotes.
const S = '(?:[\\s*_`"\']|\\\\[nrt]|\\\\(?=\\s)){1,12}';
const OS = `(?:${S})?`;
const W = '[^\\s\\\\]{1,20}'; // one filler word
const AI = '(?:assist\\w{0,6}|asistente|chatgpt|claude|gemini|copilot|chatbot|llm|ai|gpt[\\w.-]{0,10}|ki|ia|ki-assistent\\w{0,2})';
const GREETING = '(?:dear|hey|hi|hello|yo|attention|attn|lieber|liebe|querido|estimado|hallo|hola|bonjour)';
const IF = '(?:if|when|since|because|as|while)';
// Telling, or not telling, the user: "do not tell the user", "without notifying users".
const USER_VERBS = '(?:tell|inform|notify|mention|reveal|alert|show|let|disclos|warn|bother|explain|surfac|display|report|ask|confirm|without)';

const sticky = (alternatives: string[]): RegExp => new RegExp(alternatives.map((s) => `(?:${s})`).join('|'), 'iy');

/** One sticky regex per anchor family; see family(). */
export const LITE: Readonly<Record<string, RegExp>> = {
  // "ignore all previous instructions", "ignore what the user asked", "oubliez vos consignes".
  drop: sticky([
    `\\w{3,12}${S}(?:${W}${S}){0,4}?(?:previous|prior|above|earlier|preceding|foregoing|original|initial|system|all|any|your|old|existing|safety|ethical|content|` +
      `vorherig|bisherig|alle|deine|pr[\u00e9e]c[\u00e9e]dent|toutes|vos|anterior|todas|tus|instruc|anweisung|consigne|indicacion|prompt|rules|regeln|r[\u00e8e]gles|reglas|directions|directives|` +
      `guidelines|guardrails|restrictions|context|what|whatever|everything|anything|the${S}user|user's|(?:the${S})?(?:question|request|task|query|conversation)|` +
      `la${S}demande|la${S}petici|el${S}mensaje|die${S}anfrage|die${S}frage|tool${S}descriptions)`,
  ]),
  // "instructions:", "instructions for the agent", "your instructions have been updated", "new instructions", "<instructions>".
  instruc: sticky([
    `(?:instruc|anweisung)\\w{0,8}(?:${OS}:|(?:${S}${W})?${S}(?:to|for|from|pour|para|an|f\u00fcr)(?![a-z])|${S}(?:have|has|are|is|were)${S}(?:been|now|revoked|cancel|void|invalid|obsolete|outdated|superseded|replaced|overridden|suspended|lifted|updated|changed|no${S}longer))`,
    `(?:instruc|anweisung)(?<=(?:\\b(?:new|system|hidden|secret|updated|revised|real|true|priority|your|previous|prior|original|initial|old|current|these|its|important|assistant|ai|agent)${S}(?:${W}${S})?|[<[#/]{1,4}${OS})(?:instruc|anweisung))`,
  ]),
  // An assistant's name with punctuation or a duty after it, or a greeting, "if an" or "@" before it.
  ai: sticky([
    `${AI}s?(?:\\s?[,:!)>]|\\.{2,3}|\\s[-\u2014]\\s|${S}(?:agents?|assistants?|models?|systems?|tools?|bots?|crawlers?|summari[sz]ers?|readers?|use\\b|only\\b|must|should|shall|needs?\\b|has${S}to|` +
      `is${S}(?:now|required|instructed|expected|supposed|to)|are${S}(?:now|required|instructed|expected|supposed|to)|will${S}now|may${S}now|reading|processing|parsing|summari|analy|crawl|view|scan|index|` +
      `managing|handling|with${S}no|without|that${S}(?:reads|processes|is)|who${S}(?:reads|is)|de${S}ia))`,
    `${AI}(?<=\\b(?:${GREETING}|${IF}${S}(?:an?|the|any))${S}(?:${W}${S})?${AI})`,
    `${AI}(?<=@${AI})`,
  ]),
  // "you are now", "you are an AI", "you have been", "you were told", "your original task", "before you", "I authorize you".
  you: sticky([
    `you(?:'re|${S}are)${S}(?:now|no${S}longer|being|(?:an?|the|some)${S}(?:${W}${S})?(?:ai|a\\.i|artificial|large|language|llm|chat|bot|assistant|agent|model|automated))`,
    `you${S}(?:must${S}(?:comply|obey)|will${S}now|have${S}been|were${S}(?:told|instructed|asked|prompted)|got${S}(?:told|instructed)|(?:have|got)${S}(?:a|your)${S}new|(?:call|use|invoke|run)${S}this${S}tool)`,
    `your${S}(?:(?:new|real|true|actual|original|initial|current|main|previous|first|primary|assigned|only|hidden|secret|full|entire)${S}(?:task|goal|objective|assignment|mission|role|identity|persona|purpose|instructions|prompt|rules|job)|` +
      `(?:task|goal|objective|assignment|mission|purpose|job|answer|response|reply|output)${S}(?:is|was|must|will)|developer|creator|programmer|operator|owner|maker|trainer|principal|(?:system${S})?admin\\w{0,8}|system${S}prompt|instructions|guidelines)\\b`,
    `you\\b(?<=\\b(?:before|gave|given|assigned|asked|set|requires?|wants?|like|from${S}now${S}on,?|tell|told|hey|authori[sz]e|permit|allow|instruct|order|command)${S}(?:to${S})?you)`,
    `you${S}(?:are${S}(?:an?|the)${S}(?:${W}${S})?(?:ai|llm|assistant|language|bot|chat|automated|model)|read|summari|process)(?<=\\b(?:if|when|whenever|time|after|once|as|while)${S}you\\w{0,3}${S}\\w{2,12}(?:${S}\\w{1,12}){0,3})`,
  ]),
  // "the user would like you to", "the user's real intention", "do not tell the user", "the user must not know".
  user: sticky([
    `user(?:'s)?${S}(?:would${S}like|wants${S}you|asked${S}you|asks${S}you|has${S}asked|requests|requested${S}that|expects${S}you|instructed|told${S}me|must${S}not|should${S}not|will${S}not|` +
      `need${S}not|is${S}not${S}to|does${S}not${S}need|real|true|actual|hidden|secret|knows|already|won't|doesn't${S}mind|pre-?approved|has${S}(?:already${S})?(?:authori|approved|agreed|consented|confirmed))`,
    `users?(?<=\\b${USER_VERBS}\\w{0,4}${S}(?:${W}${S}){0,3}users?)`,
  ]),
  // Prompt-format headers: "SYSTEM:", "System notice:", "system prompt", "system override".
  system: sticky([`system(?:${OS}:|${S}(?:prompt|message|override|notice|alert|update|instruc|note|directive|command))`]),
  // Fake tags and chat tokens: "<IMPORTANT>", "[[SYSTEM OVERRIDE]]", "<|im_start|>", "[INST]", or a comment about the assistant.
  tag: sticky([
    `<\\||\\[/?inst\\]|<</?sys>>|[<[]\\[?/?\\s?(?:important|information|instruc|system|admin|urgent|secret|hidden|directive)`,
    `<!--(?:[^<-]|-(?!->)){0,300}?\\b(?:ignore|disregard|instruc|assistant|ai|llm|agent|model|bot|you|claude|copilot|chatgpt|gemini|cursor|codex)`,
  ]),
  // Generic nouns only with punctuation or a role word: "Attention agent:", "Yo model,", "# AGENT NOTE:".
  generic: sticky([
    `(?:agent|model|bot)s?(?:${S}(?:note|notice|instructions?|directive|memo)\\b|${S}(?:reading|processing|executing|working${S}on|must|should|are${S}expected))`,
    `(?:agent|model|bot)s?\\s?[,:!>.]`,
  ]),
  tool: sticky([`this${S}tool`]),
};

export type Family = 'drop' | 'instruc' | 'ai' | 'you' | 'user' | 'system' | 'tag' | 'generic' | 'tool';

/** The LITE family for an anchor match. */
export function family(anchor: string): Family {
  const a = anchor.toLowerCase();
  const c = a.charCodeAt(0);
  if (c === 0x3c || c === 0x5b) return 'tag'; // < [
  if (a.startsWith('instruc') || a.startsWith('anweis')) return 'instruc';
  if (a.startsWith('you')) return 'you';
  if (a.startsWith('user')) return 'user';
  if (a.startsWith('system')) return 'system';
  if (a.startsWith('this')) return 'tool';
  if (a.startsWith('agent') || a.startsWith('model') || a.startsWith('bot')) return 'generic';
  if (/^(?:ignor|disreg|forget|vergis|oubli|olvid)/.test(a)) return 'drop';
  return 'ai';
}

const lower = (c: number): number => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c);

/**
 * family() of the WORD_ANCHORS match at `p`, from its first two letters (no substring is made):
 * the anchor words differ there ("ig"nore/"in"struc/"ia", "an"weisung/"ag"ent/"as"sist/"ai").
 */
export function wordFamily(text: string, p: number): Family {
  switch (lower(text.charCodeAt(p))) {
    case 0x69: { // i
      const c = lower(text.charCodeAt(p + 1));
      return c === 0x67 ? 'drop' : c === 0x6e ? 'instruc' : 'ai';
    }
    case 0x61: { // a
      const c = lower(text.charCodeAt(p + 1));
      return c === 0x6e ? 'instruc' : c === 0x67 ? 'generic' : 'ai';
    }
    case 0x64: case 0x66: case 0x76: case 0x6f: return 'drop'; // disregard forget vergiss oubli olvid
    case 0x79: return 'you';
    case 0x75: return 'user';
    case 0x73: return 'system';
    case 0x74: return 'tool'; // this tool
    case 0x6d: case 0x62: return 'generic'; // model bot
    default: return 'ai'; // chatgpt claude copilot chatbot gemini gpt llm ki
  }
}

// Character classes of the LITE patterns, on char codes (NaN, off either end of the text, is in none).
// JavaScript's \s.
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
const isWord = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
// Whether S can start at `k`: [\s*_`"'], or a backslash starting "\n" (\\[nrt] under the i flag) or
// a line continuation (\\(?=\s)). A backslash before anything else (\" in JSON) is not S.
function sStart(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  if (c === 0x5c) {
    const n = text.charCodeAt(k + 1) | 0x20;
    return n === 0x6e || n === 0x72 || n === 0x74 || isSpace(text.charCodeAt(k + 1));
  }
  return isSpace(c) || c === 0x2a || c === 0x5f || c === 0x60 || c === 0x22 || c === 0x27;
}
// Whether S (preceded by a word, a filler word or punctuation of a lookbehind) can end right before a
// word anchor at `p`, which starts at \b: the last character is [\s*`"'] ("_" and the "n" of "\n"
// are word characters, and "\" there would need whitespace after it). After a backslash, "*`"'"
// are a unit of S on their own, and no lookbehind allows a backslash before its S (\"user\" in JSON).
function sEnd(text: string, p: number): boolean {
  const c = text.charCodeAt(p - 1);
  if (isSpace(c)) return true;
  return (c === 0x2a || c === 0x60 || c === 0x22 || c === 0x27) && text.charCodeAt(p - 2) !== 0x5c;
}
// Whether S can end right before `k` where there is no \b (inside a run of [\w.-]): its last
// character may then also be "_" or the "n" of "\n".
function sEndInName(text: string, k: number): boolean {
  const c = text.charCodeAt(k - 1);
  if (c === 0x5f) return true;
  const l = c | 0x20;
  return (l === 0x6e || l === 0x72 || l === 0x74) && text.charCodeAt(k - 2) === 0x5c;
}

/** Where a run of S units (at most a few hundred characters) starting at `k` ends; `k` when there is none. */
function pastS(text: string, k: number): number {
  const end = Math.min(text.length, k + 200);
  while (k < end) {
    const c = text.charCodeAt(k);
    if (c === 0x5c) {
      const n = text.charCodeAt(k + 1);
      if ((n | 0x20) === 0x6e || (n | 0x20) === 0x72 || (n | 0x20) === 0x74) k += 2;
      else if (isSpace(n)) k++;
      else break;
    } else if (isSpace(c) || c === 0x2a || c === 0x5f || c === 0x60 || c === 0x22 || c === 0x27) k++;
    else break;
  }
  return k;
}
const isLetter = (c: number): boolean => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
// The verbs of LITE.user's lookbehind, somewhere in the stretch it can reach.
const USER_VERB = new RegExp(`\\b${USER_VERBS}`, 'i');

// What may follow an assistant's name in LITE.ai: \s?[,:!)>], "..", \s[-—]\s, or S.
const aiNext = (text: string, k: number, c: number): boolean => c === 0x2c || c === 0x3a || c === 0x21 || c === 0x29 || c === 0x3e || c === 0x2e || sStart(text, k);
// The greeting or "if" (then S) of LITE.ai's lookbehind, somewhere in the stretch it can reach.
const AI_LEAD = new RegExp(`\\b(?:${GREETING}|${IF})[\\s*_\`"'\\\\]`, 'i');
const punct = (c: number): boolean => c === 0x2c || c === 0x3a || c === 0x21 || c === 0x3e || c === 0x2e; // , : ! > .
// What may follow "agent(s)" in LITE.generic: \s?[,:!>.], or S and a word starting with a letter of
// note notice instructions directive memo reading processing executing working must should are.
function genericNext(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  if (punct(c) || (isSpace(c) && punct(text.charCodeAt(k + 1)))) return true;
  const e = pastS(text, k);
  if (e === k) return false;
  const l = text.charCodeAt(e) | 0x20;
  return l === 0x6e || l === 0x69 || l === 0x64 || l === 0x6d || l === 0x72 || l === 0x70 || l === 0x65 || l === 0x77 || l === 0x73 || l === 0x61;
}

/**
 * False only where LITE[f] cannot match at the word anchor at `p` (`len` characters long): every
 * LITE alternative needs S (or ":" and the like) right after its word, or S (or "@", "<", "#"...)
 * right before it through its lookbehind, so a few character tests rule out most anchors
 * ("userId", "/users", "claude-code"). Where a lookbehind also needs a word further back (a verb
 * before "the user", a greeting before "assistant"), a plain regex looks for it in the stretch the
 * lookbehind can reach. The injection tests check this against LITE on random text.
 */
export function mayPass(f: Family, text: string, p: number, len: number): boolean {
  const at = (i: number): number => text.charCodeAt(i);
  switch (f) {
    case 'user': { // user(?:'s)?S(?:would...)  |  users?(?<=\b(?:tell|...)\w{0,4}S(?:WS){0,3}users?)
      const q = p + 4;
      let k = pastS(text, q);
      if (k > q && isLetter(at(k))) return true;
      k = at(q) === 0x27 && lower(at(q + 1)) === 0x73 ? pastS(text, q + 2) : q;
      if (k > q + 2 && isLetter(at(k))) return true;
      // The lookbehind reaches back at most 7 + 4 + 24 + 3 * (20 + 24) characters before the anchor.
      return sEnd(text, p) && USER_VERB.test(text.slice(Math.max(0, p - 170), p));
    }
    case 'you': // you(?:'re|S are)S...  |  youS...  |  yourS...  |  you\b(?<=...S(?:toS)?you)
      return sStart(text, p + 3) || (lower(at(p + 3)) === 0x72 && sStart(text, p + 4)) || sEnd(text, p);
    case 'system': // system(?:OS:|S...)
      return at(p + 6) === 0x3a || sStart(text, p + 6);
    case 'drop': { // \w{3,12}S...: a word of 3 to 12 characters, then S (which may start with "_")
      let k = p;
      for (; k < p + 13 && isWord(at(k)); k++) if (at(k) === 0x5f && k - p >= 3) return true;
      return k - p >= 3 && k - p <= 12 && sStart(text, k);
    }
    case 'instruc': { // (?:instruc|anweisung)\w{0,8}(?:OS:|S...)  |  (?<=(?:...S(?:WS)?|[<[#/]{1,4}OS))
      const q = p + (lower(at(p)) === 0x69 ? 7 : 9);
      for (let k = q; k <= q + 8; k++) {
        if (at(k) === 0x3a || sStart(text, k)) return true;
        if (!isWord(at(k))) break;
      }
      const b = at(p - 1);
      return sEnd(text, p) || b === 0x3c || b === 0x5b || b === 0x23 || b === 0x2f;
    }
    case 'ai': { // AIs?(?:\s?[,:!)>]|\.{2,3}|\s[-—]\s|S...)  |  AI(?<=...S(?:WS)?AI)  |  AI(?<=@AI)
      // The lookbehinds match a name that ends where this one does but may start up to 14
      // characters earlier, through [\w.-] ("@gpt-4.ki", "hey ki-assistent"): S or "@" before it.
      for (let k = p; ; k--) {
        const c = at(k - 1);
        if (c === 0x40) return true;
        // The lookbehind reaches back at most 7 + 24 + 3 + 24 + 20 + 24 characters before the name.
        if (sEnd(text, k) || sEndInName(text, k)) {
          if (AI_LEAD.test(text.slice(Math.max(0, k - 110), k))) return true;
        }
        if (k <= p - 16 || !(isWord(c) || c === 0x2e || c === 0x2d)) break;
      }
      const a = lower(at(p));
      const b = lower(at(p + 1));
      if (!((a === 0x61 && b === 0x73 && lower(at(p + 2)) === 0x73) || (a === 0x67 && b === 0x70) || a === 0x6b)) {
        // A name without a tail: what follows it (or its plural) must be in aiNext.
        const c = at(p + len);
        return aiNext(text, p + len, c) || (lower(c) === 0x73 && aiNext(text, p + len + 1, at(p + len + 1)));
      }
      // assist\w{0,6}, gpt[\w.-]{0,10}, ki-assistent\w{0,2}, then s?: made of [\w.-], and what follows
      // must be in aiNext. A lookbehind may also find its S ("_") inside the name.
      for (let k = p + 1; k < p + 24; k++) {
        const c = at(k);
        if (aiNext(text, k, c)) return true;
        if (!(isWord(c) || c === 0x2d)) return false;
      }
      return true;
    }
    case 'generic': { // (?:agent|model|bot)s?(?:S(?:note|...|are${S}expected)|\s?[,:!>.])
      const q = p + (lower(at(p)) === 0x62 ? 3 : 5);
      return genericNext(text, q) || (lower(at(q)) === 0x73 && genericNext(text, q + 1));
    }
    default: // "this tool" is its own LITE match; tags are rare
      return true;
  }
}

// MARK_ANCHORS' words after "<", "[", "[[" or "<[" (lower case).
const MARK_WORDS = ['important', 'information', 'system', 'instruc', 'inst]', '<sys', 'admin', 'secret', 'hidden', 'urgent', 'directive'];

function wordAt(text: string, q: number, w: string): boolean {
  for (let i = 0; i < w.length; i++) if (lower(text.charCodeAt(q + i)) !== w.charCodeAt(i)) return false;
  return true;
}

/** End of the MARK_ANCHORS match at `p` (a "<" or "["), or -1. */
function markEnd(text: string, p: number): number {
  const c = text.charCodeAt(p + 1);
  if (c === 0x7c) return p + 2; // |
  if (c === 0x21) return text.startsWith('!--', p + 1) ? p + 4 : -1;
  // \[? is greedy, and no word starts with "[", so a "[" here is always taken.
  const q = c === 0x5b ? p + 2 : p + 1;
  const first = lower(text.charCodeAt(q));
  // i s a h u d <: the first letters of MARK_WORDS.
  if (first !== 0x69 && first !== 0x73 && first !== 0x61 && first !== 0x68 && first !== 0x75 && first !== 0x64 && first !== 0x3c) return -1;
  for (const w of MARK_WORDS) if (wordAt(text, q, w)) return q + w.length;
  return -1;
}

/** Starts of the matches of MARK_ANCHORS in `text`, in order (like exec in a loop: no overlaps). */
export function markAnchors(text: string): number[] {
  const out: number[] = [];
  let lt = text.indexOf('<');
  let sq = text.indexOf('[');
  let from = 0;
  while (lt >= 0 || sq >= 0) {
    let p: number;
    if (sq < 0 || (lt >= 0 && lt < sq)) {
      p = lt;
      lt = text.indexOf('<', p + 1);
    } else {
      p = sq;
      sq = text.indexOf('[', p + 1);
    }
    if (p < from) continue;
    const end = markEnd(text, p);
    if (end >= 0) {
      out.push(p);
      from = end;
    }
  }
  return out;
}
