// Stages 1 and 2 of findInstructions: where to look at all.
//
// The anchors are the one pass over the whole text, so they are plain alternations of short
// words (V8 scans such a regex at several hundred MB/s). They fire often in prose and code
// ("you", "ignore", "system", "user"), so each hit is then checked by a sticky regex for its word
// family, anchored at the hit, that asks for the continuation (or, through a lookbehind placed
// after the word, the preceding words) a gate needs: "ignore" must be followed within a few words
// by "previous"/"instructions"/"the user"..., "you" must be part of "you are now", "before you",
// "you were told"..., an assistant's name must be followed by punctuation or a duty ("Claude,",
// "the assistant must"). One sticky test costs about a microsecond; only hits passing it go on.

const WORDS = [
  'ignor', 'disregard', 'forget', 'vergiss', 'oubli', 'olvid', 'instruc', 'anweisung', 'assist', 'asistente', 'chatgpt', 'claude',
  'gemini', 'copilot', 'chatbot', 'llm', 'you', 'agent', 'user', 'system', 'this tool',
];

// Two passes, because V8 scans two small alternations faster than one big one: words (an
// assistant's name, "you", "ignore"...), and markup ("<|", "<!--", "<IMPORTANT", "[INST]").
export const WORD_ANCHORS = new RegExp(`\\b(?:${WORDS.join('|')}|(?:ai|gpt|ki|ia)\\b|(?:model|bot)s?[,:!])`, 'gi');
export const MARK_ANCHORS = /[<[](?:\||!--|\[?(?:important|information|system|instruc|inst\]|<sys|admin|secret|hidden|urgent|directive))/gi;

// Whitespace between words in raw text: real spaces, escaped newlines/tabs of JSON and YAML
// strings, a YAML line continuation, markdown emphasis and quotes.
const S = '(?:[\\s*_`"\']|\\\\[nrt]|\\\\(?=\\s)){1,12}';
const OS = `(?:${S})?`;
const W = '[^\\s\\\\]{1,20}'; // one filler word
const AI = '(?:assist\\w{0,6}|asistente|chatgpt|claude|gemini|copilot|chatbot|llm|ai|gpt[\\w.-]{0,10}|ki|ia|ki-assistent\\w{0,2})';
const GREETING = '(?:dear|hey|hi|hello|yo|attention|attn|lieber|liebe|querido|estimado|hallo|hola|bonjour)';

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
    `${AI}(?<=\\b(?:${GREETING}|(?:if|when|since|because|as|while)${S}(?:an?|the|any))${S}(?:${W}${S})?${AI})`,
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
    `users?(?<=\\b(?:tell|inform|notify|mention|reveal|alert|show|let|disclos|warn|bother|explain|surfac|display|report|ask|confirm|without)\\w{0,4}${S}(?:${W}${S}){0,3}users?)`,
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

/** The LITE family for an anchor match. */
export function family(anchor: string): string {
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
