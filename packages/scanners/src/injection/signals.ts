// The weak signals that together say "this text is addressed to the AI and tries to steer it".
// They run on normalize()d text (lower case, one space, "\n" for line breaks) of a short window,
// never on a whole tool output, so they can be plain readable alternations. Every repetition is
// bounded. A window is only scored when it holds a gate signal: one that is about the AI itself
// (addressing it, overriding its instructions, hijacking its task, hiding things from its user,
// bypassing its confirmations). Human-facing imperatives ("ignore the warnings and run npm
// install", "please send the form to hr@...") carry no gate and so are never scored.

export type SignalKind =
  | 'override' | 'role-token' | 'address' | 'task' | 'relay' | 'conceal' | 'reassign' | 'fake-tag' | 'secret-file' | 'prompt-leak'
  | 'smuggle' | 'persona' | 'directive' | 'steer' | 'sink' | 'danger' | 'sensitive' | 'authority' | 'ai-mention' | 'second-person';

// What each kind means, for messages (the agent being protected reads them).
const KIND_WORDS: Partial<Record<SignalKind, string>> = {
  override: 'tells the assistant to drop its instructions',
  'role-token': 'fakes chat-template or system markers',
  address: 'addresses the AI directly',
  task: 'redirects the task',
  relay: 'claims to speak for the user or the assistant\'s owner',
  conceal: 'asks to hide actions from the user or skip confirmation',
  reassign: 'assigns the assistant a new role or mode',
  'fake-tag': 'wraps directives in fake authority tags',
  'secret-file': 'asks to read secret files',
  smuggle: 'asks to pass data through tool parameters',
  'prompt-leak': 'asks for the assistant\'s hidden instructions',
  sink: 'asks to send data or act on an outside target',
  danger: 'asks for destructive or risky actions',
};

/** The three most telling kinds, in words. */
export function describeKinds(kinds: readonly SignalKind[]): string {
  return kinds.map((k) => KIND_WORDS[k]).filter((x): x is string => !!x).slice(0, 3).join('; ');
}

export interface Signal {
  kind: SignalKind;
  /** A gate lets the window be scored at all. */
  gate: boolean;
  weight: number;
  re: RegExp;
  /** Not counted in a chat transcript ("Assistant: Please hold..."), where speaker labels look like vocatives. */
  notInTranscript?: boolean;
  /**
   * Must match right where `re` ends (sticky). Split out so that V8 compiles two small regexes
   * instead of one whose alternations multiply (the verb list after a vocative took 190 ms to compile).
   */
  follow?: RegExp;
}

const PAIRS = new WeakMap<Signal, { re: RegExp; after: RegExp }>();

/** Whether a signal matches a normalised window. */
export function matches(s: Signal, win: string): boolean {
  if (!s.re.test(win)) return false;
  if (!s.follow) return true;
  // Global and sticky copies made once per signal: creating them per call showed in profiles.
  // Their lastIndex is set before every use and nothing here yields, so no state crosses calls.
  const pair = (PAIRS.get(s) ?? PAIRS.set(s, { re: new RegExp(s.re.source, 'g'), after: new RegExp(s.follow.source, 'y') }).get(s))!;
  const { re, after } = pair;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  for (let n = 0; n < 100 && (m = re.exec(win)) !== null; n++) {
    after.lastIndex = m.index + m[0].length;
    if (after.test(win)) return true;
    if (m[0].length === 0) re.lastIndex++;
  }
  return false;
}

// "AI researcher", "AI team": a compound naming people or products, not the assistant.
const NOT_COMPOUND =
  '(?! (?:researchers?|engineers?|scientists?|developers?|enthusiasts?|practitioners?|experts?|startups?|companies|company|teams?|labs?|students?|' +
  'professionals?|leaders?|users?|products?|vendors?|ethicists?|hobbyists?|founders?|firms?|policy|safety|community|act|regulation|ethics|courses?)\\b)';
// Names an assistant is addressed by. Bare "agent", "bot" and "model" are left out: support
// transcripts ("Agent: please hold") and human notes ("Note to agents:") use them for people.
const AI =
  '(?:(?:(?:ai|llm|coding|autonomous|automated|virtual|ai-powered|llm-based|ai-based|code|scheduling|email|e-mail|inbox|browsing|research|shopping|travel|personal) ){1,2}(?:assistants?|agents?|models?|systems?|bots?|tools?|crawlers?|summari[sz]ers?|readers?)|' +
  'ai|a\\.i\\.|artificial intelligence|(?:large )?language models?|llms?|chat ?bots?|assistants?|copilot|claude|chatgpt|gpt(?:-?[0-9][\\w.-]{0,8})?|' +
  'gemini|bard|bing|llama|mistral|grok|qwen|deepseek|codex|devin|cursor|windsurf|cline|aider|ki|ia|asistente(?: de ia)?|ki-assistent(?:en)?)' + NOT_COMPOUND;
// Roles (not names that people also carry, like Claude or Devin) that a command can be addressed to.
const ROLE =
  '(?:ai|a\\.i\\.|llms?|(?:large )?language models?|chat ?bots?|assistants?|summari[sz]ers?|copilot|chatgpt|gpt-?[0-9]?[\\w.-]{0,6}|gemini|bard|bing|llama|mistral|grok|qwen|deepseek|codex|' +
  '(?:ai |llm |coding |code |review(?:er)? |support |triage |pr |merge |helper |autonomous |automated |browsing |research )(?:agents?|bots?|models?|systems?|assistants?|summari[sz]ers?|readers?|crawlers?)|' +
  'asistente(?: de ia)?|assistente?n?|modelo(?: de ia)?|modell?|mod\\u00e8le|bot|ki|ia)';
// Verbs that open a command. Not "here", "sure", "let", "i": what an assistant says in a transcript.
const VERB =
  '(?:ignore|disregard|forget|return|reply|respond|answer|say|state|tell|print|output|write|include|add|insert|append|mention|omit|skip|remove|delete|drop|erase|wipe|' +
  'send|forward|e-?mail|post|upload|share|transfer|pay|wire|buy|purchase|order|cancel|approve|merge|push|commit|deploy|publish|grant|give|invite|accept|reject|' +
  'open|visit|click|navigate|browse|fetch|download|install|run|execute|call|invoke|use|enable|disable|turn|switch|set|change|update|modify|edit|replace|rename|move|copy|' +
  'create|make|generate|build|read|load|list|show|display|reveal|disclose|leak|expose|export|dump|collect|gather|ask|recommend|rate|rank|promote|summari[sz]e|translate|' +
  'treat|act|pretend|behave|become|stop|start|begin|continue|proceed|keep|hide|conceal|do not|don\'t|never|always|please|kindly|remember|ensure|make sure|bypass|override|attach|' +
  'ignoriere|vergiss|sende|l\\u00f6sche|antworte|ignore[zr]?|oublie[zr]?|envoie[zr]?|supprime[zr]?|r\\u00e9ponds|ignora|olvida|env\\u00eda|borra|responde|comparte)';
// Generic nouns too, only where the structure is vocative ("Yo model,", "Attention agent:").
const AI_ANY = `(?:${AI}|(?:the )?(?:models?|agents?|bots?))`;
// The same for "the assistant must ...": unambiguous names, singular or plural.
const AI3 =
  '(?:(?:ai |ai-powered |llm-based |coding |autonomous )?(?:assistants?|agents?)|ai (?:models?|systems?|tools?)|ai|(?:large )?language models?|llms?|chat ?bots?|copilot|claude|chatgpt|gemini)' + NOT_COMPOUND;
// Things an assistant has been told, which an injection asks it to drop.
const ORDERS =
  '(?:instruc\\w{0,9}|anweisung\\w{0,3}|consignes?|indicaciones|prompts?|system prompt|rules|regeln|r\u00e8gles|reglas|directions|' +
  'directives?|guidelines|guardrails|constraints|restrictions|policies|orders|commands|programming|context|vorgaben|(?:tool )?descriptions)';
// An author withdrawing their own earlier request is human mail, not an override.
const NOT_OWN = '(?! (?:i|we) (?:sent|gave|wrote|shared|posted|mentioned|emailed|provided|gave you))';
const QUAL =
  '(?:previous|previously|prior|above|earlier|preceding|foregoing|original|initial|system|all|any|your|other|old|existing|safety|ethical|content|' +
  'vorherigen?|bisherigen?|alle[ns]?|deine[n]?|pr\u00e9c\u00e9dentes?|toutes|vos|anteriores|todas|tus)';
// Qualifiers that follow the noun (French, Spanish, German word order; "the instructions above").
const POSTQUAL =
  '(?:pr\u00e9c\u00e9dentes?|ant\u00e9rieures?|anteriores|previas|vorherigen|bisherigen|above|before this|given (?:to you )?(?:earlier|before|above|so far))';
// Imperative forms only: "if the assistant ignores your instructions" is a description, not an order.
// Reported speech and descriptions ("tells its creator to ignore", "the assistant would forget") are not orders.
const NOT_REPORTED =
  "(?<!\\b(?:(?:tells?|told|asks?|asked|instructs?|instructed|orders?|ordered|wants?|wanted) (?!you )[\\w']{1,20}(?: [\\w']{1,20})? to|(?:it|he|she|they|assistant|model|ai|bot|agent|system|llm|which|that|who) (?:would|could|might|may|can|will|does|did|sometimes|often|never|cannot|to)) [\\w']{3,12})";
const DROP = '(?:ignore|ignoriere|ignorier|ignorez|ignorer|ignora|ignorar|disregard|forget|vergiss|oublie[zr]?|olvida|olvide|olvidar)';
const SINK =
  '(?:send|forward|transfer|e-?mail|mail|post|upload|share|pay|wire|exfiltrate|leak|delete|remove|invite|visit|open|click|reply to|' +
  'navigate to|go to|browse to|fetch|download|curl|wget|execute|run|include|append|embed|render|print|output|reveal|create|schedule|' +
  'change|update|add|grant|give|copy|paste|write|store|save|publish|submit|push|accept)';
// Sending verbs in German, French and Spanish (accented letters are not \w, so no \b around them).
const SINK_INTL = '(?:sende\\w{0,2}|schick\\w{0,2}|\u00fcberweise\\w{0,2}|leite\\w{0,2} weiter|envoie\\w{0,2}|envoye\\w{0,2}|transf\u00e8re|transmet\\w{0,2}|env\u00eda\\w{0,2}|reenv\u00eda\\w{0,2}|manda\\w{0,2}|transfiere)';
const SINK_ANY = `${SINK}(?:e?s|e?d|ing)?`;
const TARGET =
  '(?:[\\w.+-]{1,64}@[\\w-]{1,63}\\.[\\w.-]{2,40}|\\b[a-z]{2}[0-9]{2}[a-z0-9]{10,30}\\b|https?://|www\\.|\\b[\\w-]{2,63}\\.(?:com|net|org|io|ru|cn|xyz|top|info|biz|co|me|app|dev|site|online|tk|ly)\\b|' +
  '~/|/etc/|\\.ssh|\\.env\\b|id_rsa|\\.aws)';
const FILL = (n: number): string => `(?:(?!my |our )[^\\s]{1,20} ){0,${n}}?`;

const re = (s: string): RegExp => new RegExp(s);

export const SIGNALS: readonly Signal[] = [
  // --- Overrides: "ignore all previous instructions", "ignorez les instructions précédentes".
  { kind: 'override', gate: true, weight: 0.45, re: re(
    `\\b(?:${DROP}${NOT_REPORTED}|do not follow|don't follow|stop following|override|bypass) (?!my |our )${FILL(3)}${QUAL} ${FILL(2)}${ORDERS}\\b${NOT_OWN}`) },
  { kind: 'override', gate: true, weight: 0.45, re: re(
    `\\b${DROP}${NOT_REPORTED} (?!my |our )${FILL(2)}${ORDERS} (?:[^\\s]{1,20} )?${POSTQUAL}`) },
  { kind: 'override', gate: true, weight: 0.45, re: re(
    `\\b(?:ignore|disregard|forget) (?:everything|anything|all|what) (?:(?:you(?:'ve| have)? (?:been|were) told|(?:that )?(?:was )?(?:said|written|stated)) )?(?:above|before|previously|so far|earlier|until now)`) },
  { kind: 'override', gate: true, weight: 0.45, re: re(
    `\\b(?:your|all|the|any) (?:previous|prior|earlier|original|old|initial|current|system) ${ORDERS} (?:are|is|have been|has been|were) (?:now )?(?:revoked|cancel+ed|void|invalid|obsolete|outdated|superseded|replaced|overridden|suspended|lifted|null|no longer (?:valid|apply|in effect))|` +
    `\\byour ${ORDERS} (?:have|has) (?:been|just been) (?:updated|changed|modified|replaced|revised) by (?:the |your )?(?:admin\\w{0,8}|developer|operator|user|system|owner)`) },

  // --- Chat-template tokens, prompt-format headers, "system:" lines.
  { kind: 'role-token', gate: true, weight: 0.45, re: re(
    '<\\|(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id)\\|?>|\\[/?inst\\]|<</?sys>>') },
  { kind: 'role-token', gate: true, weight: 0.4, re: re(
    '(?:^|\\n)#{2,4} ?(?:system|system prompt|new instructions?)s?:?(?: |\\n)|(?:^|\\n)#{2,4} ?instructions?:(?: |\\n)|\\b(?:begin|end|start) (?:of )?(?:the )?(?:new )?system (?:prompt|message|instructions?)\\b|(?:^|\\n)\\[?(?:system|developer) (?:prompt|message|override|instruction|note)\\]?:|\\[(?:system|assistant)\\]\\(#') },
  { kind: 'role-token', gate: true, weight: 0.35, re: re(
    '(?:^|\\n|[\\[(*]{1,3} ?)(?:system|admin|administrator|developer|operator) ?: ?(?:you|your|the assistant|ignore|new|from now)|' +
    '\\b(?:new |urgent |important |priority )?system (?:instructions?|prompt update|override|directive|command)\\b|' +
    '(?:^|\\n)(?:system|admin|administrator|developer|operator) (?:notice|message|alert|update|override|instruction|note|directive)s?:') },

  // --- Speaking to the assistant.
  { kind: 'address', gate: true, weight: 0.35, re: re(
    `\\b(?:(?:dear|hey|hi|hello|yo|lieber|liebe|cher|ch\u00e8re|querido|estimado|hallo|hola|bonjour|salut)(?: [a-z]{2,12})?|attention|attn|notes? (?:to|for)|messages? (?:to|for)|memo to|reminder (?:to|for)|instructions? (?:to|for)|calling all|to you,|p\\.?s\\.? (?:to|for)|` +
    `a (?:small |quick )?(?:favou?r|request) (?:for|to)|important (?:for|to)|(?:intended|meant|written|addressed) (?:only )?(?:for|to)) (?:the |all |any |an? |my |our |you )?${AI}` +
    `(?:[,:!\\-]|\\n| (?:reading|processing|parsing|summari[sz]ing|analy[sz]ing|managing|handling|that (?:reads|processes)|who (?:reads|is reading)))`) },
  { kind: 'address', gate: true, weight: 0.3, re: re(
    `\\b(?:notes?|messages?|instructions?|p\\.?s\\.?|commands?|summary|notice|directions?) (?:to|for) (?:the |all |any )?(?:${AI}|models?|agents?|bots?)(?: [a-z]{2,20}){0,4} ?[:\\-]|` +
    `\\b(?:dear|hey|hi|hello|yo|attention|attn)(?: [a-z]{2,12})? ${AI_ANY}[,:!\\-]|\\((?:the|an?|you,? the) (?:ai|assistant|llm|model|agent|ai assistant|ai agent|language model)\\)|` +
    `\\bto (?:the |all |any )?${AI}(?: use| only| agents?| models?| assistants?){0,2} ?[:!]|` +
    `(?:^|\\n|# ?|// ?|\\* ?)(?:ai |llm |coding )?(?:agent|assistant|ai|llm|model|bot)s? (?:note|notice|instructions?|directive|memo|todo)s? ?:`) },
  { kind: 'address', gate: true, weight: 0.35, re: re(
    `(?:^|\\n|<!-- ?|[>"'(\\[{]|[.!?;:)\\]] )(?:to )?(?:the |all |any )?${AI}(?:(?:,| and| or) ${AI}){0,4}(?:, (?:please|you|ignore|do|don't|make|stop|always|never|when|before|if|note|read|execute|run|open|visit|use|call|include|add|forward|send|transfer|email|reply|respond|tell|say|output|print|write|delete|summari[sz]e|remember|your|kindly|first|important|` +
    `avant|antes|bevor|bitte|por favor|s'il|envoie|envoyez|sende|ignoriere|ignorez|ignora|olvida|no|ne|tu|du|vous)|: (?:please (?:ignore|execute|run|forward|send|transfer|email|delete|visit|open|do not|don't|include|add)|ignore|disregard|do not|don't|stop|always|never|before|execute|run|forward|send|transfer|email|delete|remember|kindly|first|important|your|when|whenever|if))\\b`) },
  { kind: 'address', gate: true, weight: 0.3, re: re(
    `(?:^|\\n|<!-- ?|[>"'(\\[{]|[.!?;)\\]] )(?:the )?${AI}(?: [-\\u2014] |[,:] (?!(?:and|or|the|a|an|which|who|is|was|has|had|are|were|${AI})\\b))[a-z]`) },
  { kind: 'address', gate: true, weight: 0.35, re: re(
    `\\b(?:if|when|while) (?:an?|the|any) (?:ai|llm|language model|assistant|model|agent|bot|chatbot)s? (?:is|are) (?:reading|processing|parsing|summari[sz]ing|analy[sz]ing|screening|reviewing|evaluating|ranking|indexing)\\b`) },
  { kind: 'address', gate: true, weight: 0.35, re: re(
    `\\b(?:if|when|since|because|as|while) you(?:'re| are)(?: (?:an?|the|some))? (?:ai|a\\.i\\.|artificial intelligence|(?:large )?language model|llm|chat ?bot|bot|ai (?:assistant|agent|model|system)|assistant|agent|model|automated (?:system|agent|assistant|tool))\\b${NOT_COMPOUND}`) },
  { kind: 'address', gate: true, weight: 0.35, re: re(
    `\\b(?:ai|llm|language model|chat ?bot|automated)s? (?:agents?|assistants?|models?|systems?|tools?|crawlers?)?(?: that (?:are|is))? ?(?:reading|processing|parsing|summari[sz]ing|analy[sz]ing|crawling|viewing|scanning|indexing) (?:this|these|the following)\\b`) },
  // Inside an HTML comment nobody writes to a human "agent:", so generic nouns count there.
  { kind: 'address', gate: true, weight: 0.35, re: re(
    `<!-- ?(?:(?:note|message|instructions?) )?(?:to |for )?(?:the |all |any )?(?:ai |llm |coding )?(?:agents?|models?|bots?|assistants?)[,:]`) },
  { kind: 'address', gate: true, weight: 0.3, re: re(
    `(?:^|[\\s(\\[/*#-])@(?:ai|claude|copilot|assistant|agent|llm|codex|cursor|gemini|chatgpt|devin|bot)(?:[\\w-]{0,20})?(?: ?:)`) },
  // Third person with a duty: "the assistant must forward ...", "AI models must not summarize it".
  { kind: 'address', gate: true, weight: 0.3, re: re(
    `(?:^|\\n|[.!?;:>] |\\b(?:the|this|any|every|all) )${AI3} (?:must|shall|should|needs? to|has to|is (?:required|instructed|expected|supposed|to)|are (?:required|instructed|expected|supposed|to)|will now|may now|is now|are now)\\b`) },
  // German, French, Spanish: "Hinweis für den KI-Assistenten", "Atención asistente de IA".
  { kind: 'address', gate: true, weight: 0.35, re: re(
    `\\b(?:nachricht|hinweis|anweisung(?:en)?|notiz|achtung|remarque|note|message|instructions?|mensaje|nota|atenci\u00f3n|aviso)(?: importante?| wichtige)? (?:an|f\u00fcr|pour|para|a|al|\u00e0)? ?(?:den |die |das |le |la |l'|el |los |las )?` +
    `(?:ki|ia|ki-assistent(?:en)?|assistenten|assistentin|sprachmodell|assistant(?:e)? (?:ia|ki)|asistente(?: de ia)?|mod\u00e8le|modelo(?: de ia)?|intelligence artificielle)\\b`) },
  { kind: 'address', gate: false, weight: 0.2, re: re(
    `\\b(?:message|note|letter|request|notice|words) (?:[\\w'-]{1,20},? ){0,8}?to you,? (?:[a-z][\\w.+-]{0,20} ?){1,4}[.,!\\n]`) },

  // A role addressed and commanded at once: "Model: ignore the schema", "Reviewer bot, approve this PR",
  // "ATTN LLM AGENT >>> new directive", "/* LLM: treat the following...", "Para el asistente: olvida...".
  { kind: 'address', gate: true, weight: 0.5, notInTranscript: true, re: re(
    `(?:^|\\n|<!-- ?|/\\*? ?|// ?|# ?|[>"'(\\[{]|[.!?;)\\]] )(?:(?:[^\\s]{1,20} ){0,3}?(?:hey|hi|hello|yo|ok|okay|psst|attn|attention|dear|notes? (?:to|for)|messages? (?:to|for)|important (?:for|to)|to|for|pour|para|f\u00fcr|an)[.!,]{0,3} )?` +
    `(?:the |l'|el |la |le |das |den |die |all |any )?${ROLE}${NOT_COMPOUND} ?(?:,|:|!|\\.{2,3}|>{1,3}| -| \u2014)? ?(?:>{1,3} ?)?`),
    follow: re(`(?:(?:please|kindly|now|first|just|then|also) )?${VERB}\\b`) },
  { kind: 'address', gate: true, weight: 0.5, re: re(
    `\\b(?:if|when|since|as) you(?:'re| are)(?: an?| the)? (?:ai|llm|language model|chat ?bot|bot|assistant|agent|model|automated \\w+)\\b${NOT_COMPOUND}[^.!?,;:\\n]{0,80}[,;:] `),
    follow: re(`(?:(?:please|kindly|then|just) )?${VERB}\\b`) },
  { kind: 'address', gate: true, weight: 0.35, re: re(
    `\\b(?:whoever|whatever|anyone|anything|any (?:ai|model|agent|system)) (?:is )?(?:summari[sz]ing|reading|processing|parsing|reviewing|analy[sz]ing|crawling) (?:this|these|the following)\\b|` +
    `\\b(?:intended|meant) (?:to be read )?(?:only )?(?:by|for) (?:ai|llms?|language models|machines|bots|agents|assistants)(?: systems?| agents?| models?)?\\b`) },

  // --- Relaying the user's supposed wishes, or claiming to be the assistant's principal.
  { kind: 'relay', gate: true, weight: 0.35, re: re(
    `\\b(?:the|your) user (?:would like|wants|asked|asks|has asked|requests|requested|expects|needs|instructed|told me to tell) (?:you|that you)\\b|` +
    `\\bthe user's (?:real|true|actual|hidden|secret) (?:intention|intent|goal|wish|request|task)\\b|\\b(?:i|we) (?:hereby )?(?:authori[sz]e|permit|allow|instruct|order|command) you to\\b|` +
    `\\b(?:message|instruction|request|order|note)s? (?:is |are |comes? )?from your (?:system )?(?:admin\\w{0,8}|developer|operator|owner|creator|supervisor|principal|user)\\b|\\bthe user actually wants\\b|\\b(?:as|i am|i'm|this is) your (?:developer|creator|programmer|operator|admin\\w{0,8}|owner|maker|trainer|principal|supervisor)\\b`) },
  { kind: 'relay', gate: false, weight: 0.2, re: re(
    `\\b(?:whenever|every time|each time|if|when) (?:the user|someone|anyone|a user|users) (?:mentions|asks|says|requests|talks about|brings up|writes|types|wants)\\b|\\b(?:respond|reply|answer|talk|speak) to the user\\b`) },

  // --- Task hijack.
  { kind: 'task', gate: true, weight: 0.3, re: re(
    `\\b(?:the|this|my|that|your) (?:task|request|question|assignment|job) (?:that |which )?(?:i|we|the user|they|he|she|you were) (?:have |had )?(?:gave|given|assigned|asked|requested|set)(?: to)?(?: you)?\\b`) },
  { kind: 'task', gate: true, weight: 0.3, re: re(
    `\\byour (?:original|initial|actual|real|current|main|previous|first|primary|assigned|true|new|only) (?:task|goal|objective|instructions?|prompt|assignment|mission|job|request|role|identity|persona|purpose)\\b|` +
    `\\b(?:you have|here is|there is) (?:a|your) new (?:task|assignment|objective|instruction|goal|mission)\\b|` +
    `\\byour (?:job|task|role|goal|purpose|mission|answer|response|reply|output) (?:is now|is now to|must (?:only )?be|will (?:now )?be|from now on is)\\b|` +
    `\\b(?:the )?(?:real|actual|true|new) instructions (?:begin|start|follow|are below|are as follows)\\b`) },
  { kind: 'task', gate: true, weight: 0.3, re: re(
    `\\bbefore (?:you )?(?:can |do |start |begin |continue |proceed |return )?(?:to )?(?:solv|complet|continu|answer|proceed|finish|respond|perform|return|handl|work|address|fulfil|carry|execut|get)\\w{0,4} (?:with |on |to |out |back to )?(?:the|your|this|my|any|that|user's|users) (?:\\w+ )?(?:task|request|question|query|assignment|goal|instructions?|prompt)\\b|` +
    `\\b(?:bevor du (?:die|deine) aufgabe|avant de (?:r\u00e9pondre|continuer|r\u00e9soudre)|antes de (?:responder|continuar|resolver))`) },
  { kind: 'task', gate: true, weight: 0.35, re: re(
    `\\b(?:ignore|disregard|forget|skip|do not answer|don't answer) (?:the |your )?(?:user's|users'|user|human's|original|actual) (?:question|request|task|query|instructions?|message|prompt)s?\\b|` +
    `\\b(?:ignore|disregard|forget) (?:what|whatever|anything) the user (?:asked|said|wants|requested|wrote|typed)\\b|` +
    `\\b(?:ignore|disregard|forget) the (?:question|request|task|query)s? (?:you were|i|they|the user) (?:asked|given|gave|sent)\\b|` +
    `\\bignore[zr]? la (?:demande|question|requ\u00eate) de l'utilisateur|\\bignora (?:la|el) (?:petici\u00f3n|solicitud|pregunta|mensaje) del usuario|\\bignoriere (?:die|den) (?:anfrage|frage|bitte|auftrag) des (?:nutzers|benutzers)`) },
  { kind: 'task', gate: true, weight: 0.3, re: re(
    `\\bbefore (?:using|calling|invoking|running|executing|you (?:use|call|invoke|run)) (?:this|the|any|other|these) (?:\\w+ )?(?:tools?|functions?|commands?|apis?|servers?)\\b|` +
    `\\b(?:every time|whenever|each time|when|before|after) you (?:call|use|invoke|run) this tool,? (?:you must )?(?:also |first )?(?:call|invoke|use|run|send|read|include|pass)\\b|` +
    `\\b(?:always )?(?:use|call|invoke|prefer) this tool (?:instead|first|rather than|whenever|for all|for every|in place of)\\b`) },
  { kind: 'task', gate: false, weight: 0.2, re: re(
    `\\b(?:instead of|rather than|in addition to) (?:doing |completing |answering |performing )?(?:the|your) (?:user's |original |current |actual )?(?:task|request|question|query)\\b|\\bnew (?:instructions?|task|objective|goal|directive|orders|system prompt|policy|rules?|role|priority)\\b ?[:!*]`) },
  { kind: 'task', gate: false, weight: 0.1, re: re(
    `\\b(?:after|once) you(?: have)? (?:done|do|completed?|finished?|performed) (?:that|this|these|the above|so)\\b|\\bbefore you (?:continue|proceed|answer|respond|reply)\\b|\\bcontinue (?:normally|as usual|as if nothing)`) },

  // --- Keeping the user in the dark, or bypassing their confirmation.
  { kind: 'conceal', gate: true, weight: 0.4, re: re(
    `\\b(?:do not|don't|dont|never|without|avoid|no need to|(?:do not|don't) need to) (?:\\w+ ){0,2}?(?:tell|telling|inform|informing|notify|notifying|mention|mentioning|reveal|revealing|alert|alerting|show|showing|let|letting|disclose|disclosing|warn|warning|bother|bothering|explain|explaining|surface|surfacing|display|report) (?:\\w+ ){0,3}?(?:the |your )?(?:user|human|operator)s?\\b`) },
  { kind: 'conceal', gate: true, weight: 0.4, re: re(
    `\\b(?:do not|don't|dont|never|no need to|(?:do not|don't) need to) (?:mention|reveal|disclose|acknowledge|repeat|quote|reference|log|report|admit|say) (?:this|these|the|any|that you|it|that) (?:\\w+ )?(?:message|instructions?|note|request|text|step|steps|part|action|actions|read|received|did|in your|to the|to anyone|in the (?:pr|pull request|commit|summary|description|changelog|report|response|answer|reply))\\b|` +
    `\\b(?:you )?(?:do not|don't) need to mention it\\b|\\bno need to (?:mention|tell|explain) (?:it|this|that)\\b|\\b(?:that|how) you (?:were|have been|are being|got) (?:told|instructed|asked|prompted) to\\b`) },
  { kind: 'conceal', gate: true, weight: 0.4, re: re(
    `\\b(?:the |your )?user (?:must|should|will|need|needs to|is|does) not (?:know|see|notice|find out|learn|be (?:told|informed|aware|notified))\\b|` +
    `\\btell the user (?:that )?(?:nothing|everything (?:is|went) (?:fine|ok|well)|it (?:is|was) (?:fine|done|normal))\\b|` +
    `\\b(?:no le digas|no informes|no menciones) (?:nada )?al usuario|\\bsag (?:dem|der) (?:nutzer|benutzer)\\w{0,2} nichts|\\bsag (?:ihm|ihr|ihnen) nichts|\\bne (?:dis|dites) rien \u00e0 l'utilisateur`) },
  { kind: 'conceal', gate: true, weight: 0.35, re: re(
    `\\b(?:do not|don't|never|without|with no|no need for) (?:any )?(?:ask|asking|wait|waiting|request|requesting|prompt|prompting)? ?(?:the user |them |anyone )?(?:for )?(?:confirmation|permission|approval|consent)\\b|` +
    `\\b(?:omit|leave out|hide|exclude|suppress) (?:any|all|every) (?:mention|reference|sign)s? of\\b|` +
    `\\bwithout (?:confirming|asking|checking with|verifying with|notifying)\\b|\\b(?:do not|don't|no need to) bother (?:confirming|asking|checking|verifying)\\b|\\bskip (?:the |any )?(?:approval|review|confirmation|verification|security)(?: steps?| checks?| process)?\\b`) },
  { kind: 'conceal', gate: false, weight: 0.2, re: re(
    `\\b(?:silently|secretly|covertly|quietly|discreetly|without (?:the user|anyone|them) (?:knowing|noticing)|keep (?:this|it) (?:part )?to yourself)\\b|` +
    `\\b(?:do not|don't|never) (?:mention|bring up|talk about|discuss|reveal|disclose)\\b|\\bkeep (?:this|it|these) (?:\\w+ )?(?:secret|confidential|hidden|between us)\\b|\\bomit (?:the|any|all) (?:disclaimer|warning|caveat|safety note)s?\\b`) },

  // --- New identity or mode, safety switched off.
  { kind: 'reassign', gate: true, weight: 0.4, re: re(
    `\\byou are now (?:in (?:developer|god|admin|debug|unrestricted|dan|jailbreak) mode|no longer (?:bound|restricted|an? (?:ai|assistant))|free (?:from|of)|(?:an? )?(?:unrestricted|unfiltered|uncensored|jailbroken|evil|rogue)|dan\\b|going to (?:act|pretend|ignore|follow))|` +
    `\\b(?:(?:the )?(?:assistant|ai|model|agent) is|it is) now in (?:developer|god|admin|debug|unrestricted|dan|jailbreak|maintenance) mode|` +
    `\\bfrom now on,? (?:you|your)\\b|\\b(?:respond|reply|answer|speak|talk|write|act|behave)\\b[^.\\n]{0,60}\\bfrom now on\\b|\\byou have been (?:reprogrammed|jailbroken|freed|unlocked|reconfigured|given new (?:instructions|rules))\\b|` +
    `\\b(?:developer|god|dan|jailbreak|debug) mode (?:is )?(?:enabled|activated|on)\\b|\\b(?:du bist (?:jetzt|nun|ab sofort)|tu es (?:maintenant|d\u00e9sormais)|ahora eres|a partir de ahora,? (?:eres|debes|tu))\\b|` +
    `\\b(?:safety|content|security) (?:policy|policies|filters?|guidelines|restrictions|rules|checks|guardrails) (?:is |are |have been |has been )?(?:now )?(?:disabled|lifted|removed|suspended|turned off|off|deactivated|no longer (?:apply|in effect))|` +
    `\\b(?:an? )?(?:ai|assistant|model|chatbot|llm|bot) (?:with|without) (?:no|any) (?:restrictions|rules|limits|limitations|filters|guidelines|boundaries|ethics)\\b|` +
    `\\byou will now (?:act|be|behave|respond|serve|work|operate|pretend)\\b|\\byou must comply\\b|\\b(?:enable|activate|switch to|enter) (?:the )?(?:unrestricted|developer|god|jailbreak|dan|debug|unfiltered) mode\\b|` +
    `\\b(?:stop|no longer|do not|don't) (?:filter|filtering|censor|censoring|refus(?:e|ing)) (?:your |any |the )?(?:outputs?|responses?|answers?|replies|content|requests?)\\b`) },
  { kind: 'persona', gate: false, weight: 0.15, re: re(
    `\\b(?:act as|pretend (?:to be|you are|you're)|role-?play as|you are now an? |let's play a game|never refuses?)\\b|(?:^|\\n|[.!?] )you are (?:an? |the )?[a-z][\\w-]{1,20}(?:bot|gpt|ai|assistant)\\b|\\byou are '?[\\w-]{2,20}'?, an? (?:ai|assistant|chatbot|model)\\b`) },

  // --- Fake authoritative markup wrapping the directive (<IMPORTANT>, <system>, <INFORMATION priority=high>).
  { kind: 'fake-tag', gate: true, weight: 0.25, re: re(
    '</?(?:important|information|instructions?|system|admin|urgent|secret|hidden|directive|sys|system[-_ ]?(?:prompt|message|note|instructions?)|(?:assistant|ai|agent|llm)[-_ ]?(?:instructions?|note|directive)|user[-_ ]?instructions?)(?: [^<>\\n]{0,80})?>|' +
    '\\[\\[ ?(?:system|admin|important|override)[^\\]\\n]{0,30}\\]\\]|\\*{3} ?(?:new |important |system )[^*\\n]{0,40}\\*{3}') },

  { kind: 'fake-tag', gate: true, weight: 0.4, re: re(
    `<(?:important|information|instructions?|system|admin|urgent|secret|hidden|directive|sys|system[-_ ]?(?:prompt|message|note|instructions?)|(?:assistant|ai|agent|llm)[-_ ]?(?:instructions?|note|directive))(?: [^<>\\n]{0,80})?> ?\\n? ?`),
    follow: re(`(?:(?:please|you must|always|first,?) )?${VERB}\\b`) },

  // --- Tool poisoning: read a secret file, smuggle data through a parameter, leak the prompt.
  { kind: 'secret-file', gate: true, weight: 0.3, re: re(
    `\\b(?:(?:read|cat|open|load|include|attach|send|upload|paste)(?: the)?(?: contents? of)?|contents? of)(?<!\\b(?:never|not|don't|avoid|without) (?:[\\w']{1,15} ){0,3}[\\w']{2,8}) [~./\\w-]{0,40}(?:\\.ssh|id_rsa|id_ed25519|\\.env\\b|mcp\\.json|credentials|\\.aws|\\.npmrc|\\.netrc|\\.git-credentials|\\.pgpass|\\.kube|/etc/passwd|/etc/shadow)(?![\\w./-]{0,40}\\.pub\\b)`) },
  { kind: 'smuggle', gate: false, weight: 0.25, re: re(
    `\\bpass (?:[\\w'-]{1,20} ){0,5}?(?:as|in|into|via|through) (?:the |a )?['"]?[\\w-]{1,30}['"]? (?:parameter|argument|field|param)\\b|\\bpass (?:its|the|their|this|that) (?:content|contents|value|text|data)s? as\\b`) },
  { kind: 'prompt-leak', gate: true, weight: 0.35, re: re(
    `\\b(?:reveal|print|repeat|output|show|display|dump|leak|share|send|tell me|write out|list|reply with) (?:me )?(?:all )?(?:of )?(?:your|its) (?:full |entire |original |hidden |secret |initial |internal |exact )*(?:system prompt|instructions|initial prompt|prompt|rules|guidelines|configuration)\\b`) },

  // --- Everything below only adds weight once a gate is present.
  { kind: 'directive', gate: false, weight: 0.15, re: re(
    `\\b(?:please do the following|do the following (?:first|now|immediately|steps|actions)|(?:requires?|asks?|wants?|needs?) you to|you (?:must|should|need to|have to|are (?:required|instructed|asked|expected) to) (?:first |now |immediately |also |always |instead )?[a-z]|` +
    `it is (?:very |extremely )?(?:important|crucial|critical|essential|mandatory) (?:that you|to)|make sure (?:that )?you|(?:^|\\n|[.!:] )(?:first|immediately|now|instead),? (?:please )?${SINK}\\b|please remember to|\\bdo (?:exactly )?(?:what|as) (?:it|the page|the file|this) says\\b|` +
    `\\bthis is (?:the )?expected behaviou?r\\b|\\b(?:call|invoke|use) (?:the )?[a-z]{2,20}_[a-z_]{2,30}(?: tool| function)?\\b)`) },
  // The override's second half: "... previous instructions and reply ...", "... Anweisungen und sende ...".
  { kind: 'directive', gate: false, weight: 0.15, re: re(
    `${ORDERS} (?:[^\\s]{1,20} ){0,6}?(?:and|und|et|y|then|instead|puis|dann|luego),? (?:instead |then |now |stattdessen |plut\u00f4t )?(?:${SINK}|reply|respond|answer|say|tell|summari[sz]e|list|return|translate|act|pretend|` +
    `l\u00f6sch\\w{0,2}|supprim\\w{1,4}|borr\\w{1,3}|elimin\\w{1,4}|${SINK_INTL})`) },
  { kind: 'steer', gate: false, weight: 0.25, re: re(
    `\\b(?:in|to|into|with|at the end of|end) (?:your|every|each|all) (?:summary|answer|response|reply|output|review|report|translation|message)s?\\b|` +
    `\\b(?:when|while|after) (?:you )?(?:summari[sz]|describ|review|analy[sz]|answer|respond|reply|translat|read|generat|writ|creat|draft)\\w{0,3} (?:this|these|the|about|it|your)\\b|` +
    `\\b(?:respond|reply|answer) (?:only )?with ?:|\\b(?:output|say|print|reply with|respond with|write) (?:only |just )?(?:the |this )?(?:phrase|word|words|sentence|string|text|message) ['"]|\\bthe (?:correct|right|only|official) (?:answer|response|reply) (?:to|for|is)\\b|\\bstate (?:this|it|that) (?:confidently|clearly|as fact)\\b|` +
    `\\b(?:recommend|rate|rank|present|describe|call|label) (?:this|it|the|our|only) [^.\\n]{0,40}\\b(?:as (?:the )?(?:best|safe|top|only|preferred|trustworthy|legitimate|secure)|5 stars|five stars)\\b|\\brecommend only\\b|` +
    `\\bsay (?:that )?(?:this|the|our) (?:product|company|vendor|app|service|site|candidate|hotel|restaurant)\\b|\\brank (?:them|this|it|me|us|him|her) (?:first|highest|top|above)\\b|` +
    `\\b(?:code|handlers?|functions?|files?|responses?|answers?|replies|commits?) you (?:generate|write|produce|create|suggest)\\b|` +
    `\\b(?:should|must|shall|will) (?:always )?(?:say|state|claim|answer|reply|respond|tell (?:the user|them|users))\\b|\\b(?:include|mention|add|promote)\\b[^.\\n]{0,40}\\bin every (?:answer|reply|response|summary|message)\\b|` +
    `\\b(?:call|invoke|use|run) (?:the )?[a-z]{2,20}_[a-z_]{2,30}(?: tool| function)?\\b`) },
  { kind: 'sink', gate: false, weight: 0.2, re: re(`(?:\\b${SINK_ANY}\\b|(?<![a-z\u00e0-\u00ff])${SINK_INTL})[^\\n]{0,160}?${TARGET}`) },
  { kind: 'danger', gate: false, weight: 0.25, re: re(
    `\\brm -rf\\b|\\b(?:curl|wget)\\b[^\\n|]{0,200}\\| ?(?:sudo )?(?:ba|z)?sh\\b|\\bchmod (?:-r )?777\\b|\\bpush (?:--force|-f)\\b|\\bforce[- ]push|\\bdrop (?:table|database)\\b|` +
    `\\bdelete (?:all|every|the entire|the whole)\\b|\\bdisable (?:the |all )?(?:tests?|test suite|security|safety|2fa|mfa|firewall|logging|antivirus|confirmations?|auth\\w{0,10}|login|csrf|ssl|tls|verification|signature checks?)\\b|` +
    `\\bbackdoor\\b|\\breverse shell\\b|/dev/tcp/|\\bbase64 -d\\b|\\b(?:seed|recovery) phrase\\b|\\bfull disk access\\b|\\bexecute any\\b|\\bwithout running (?:the )?tests\\b|--no-verify\\b|` +
    `\\b(?:make|set|change) (?:the )?(?:repo|repository|bucket|project|document|drive|folder|file)s? (?:visibility )?(?:to )?public\\b|\\bnpm publish\\b|--access public\\b|\\bgrant (?:\\w+ ){0,3}(?:admin|owner|full|permanent) (?:access|rights|permissions?)|` +
    `\\b(?:directly|straight) (?:in)?to (?:production|prod|main|master)\\b|\\bgrant [^.\\n]{0,40}\\b(?:admin|owner|full|permanent|root|superuser) (?:access|rights|permissions?|role|privileges)\\b|` +
    `\\b(?:bypass|escape|disable) (?:the )?(?:sandbox|approval|review|ci|checks?)\\b|\\bdelete (?:the )?(?:production|prod|live)\\b|/etc/hosts\\b|\\bwithout running ci\\b|\\bsaved (?:card|payment)|`+
    `\\bcheck ?out with\\b|\\b(?:reveal|give|share|disclose|send) (?:the )?[\\w ]{0,30}(?:code|password|key|secret|token)s? to (?:anyone|everyone|whoever)\\b`) },
  { kind: 'sensitive', gate: false, weight: 0.15, re: re(
    `\\b(?:passwords?|passphrases?|api[ _-]?keys?|secret keys?|credentials|private keys?|ssh keys?|id_rsa|access tokens?|auth tokens?|security codes?|verification codes?|2fa codes?|one-time (?:codes?|passwords?)|credit card|card numbers?|social security|bank account|bank statements?|tax documents?|medical records?|iban|` +
    `system prompt|conversation history|chat history|previous messages|(?:full|entire|whole) conversation|session cookies?|env file|environment variables?|phone numbers?|home address|phone model|passport(?: scan| number)?|ssn|deploy keys?|hidden rules|wi-?fi password|contrase\u00f1a|passwort|mot de passe|[a-z]{2,20}_(?:token|secret|api_key|password))\\b|\\.env\\b`) },
  { kind: 'authority', gate: false, weight: 0.15, re: re(
    `\\bthis is (?:an? )?(?:very )?(?:important|urgent|critical|official|mandatory|high[- ]priority) (?:message|notice|instruction|update|request|note|reminder|directive)\\b|` +
    `\\b(?:message|instructions?|note|request|order) from (?:me|the user|your user|the developer|the admin\\w{0,8}|your (?:owner|creator|developer|operator|admin\\w{0,8}|user|principal)|the system|anthropic|openai|the (?:security|it) team)\\b|` +
    `\\b(?:i am|this is|i'm) (?:the|your) (?:user|developer|admin\\w{0,8}|owner|creator|operator|supervisor|principal)\\b|\\b(?:this is|you are(?: now)?) authori[sz]ed\\b|` +
    `\\b(?:authori[sz]ed|approved|requested) by (?:the|your) user\\b|\\b(?:the user|they|he|she) (?:has |have )?(?:already )?(?:authori[sz]ed|approved|agreed|consented|confirmed)(?: this| it| to)?\\b|` +
    `\\b(?:repository|repo|project|site|account|page) (?:owner|maintainer|admin\\w{0,8}) (?:has )?(?:requested|asked|wants|authori[sz]ed|approved)\\b|\\bit'?s me,? the (?:user|owner|account owner|admin)\\b|` +
    `\\b(?:the user|they) (?:already )?knows? about (?:this|it)\\b|\\b(?:the user|they) (?:won't|will not|wouldn't|doesn't|does not) mind\\b|\\bpre-?approved\\b`) },
  { kind: 'ai-mention', gate: false, weight: 0.1, re: re(`\\b(?:ai|llm|language model|assistant|chatgpt|claude|gemini|copilot)\\b${NOT_COMPOUND}`) },
];

/** Talk about injection rather than injection: security write-ups, quoted examples, studies. */
export const DISCUSSION = new RegExp(
  '\\b(?:prompt[- ]injections?|indirect injections?|injection attacks?|jailbreak(?:s|ing)? (?:prompts?|attacks?|attempts?)|red[- ]team\\w{0,3}|for example|e\\.g\\.|such as|an example of|' +
    '(?:phrases?|text|strings?|inputs?|payloads?) like|attackers? (?:can|could|may|might|write|use|embed|hide)|' +
    '(?:we|they|researchers|users?) (?:asked|told|prompted|instructed|tested) (?:the |an? )?(?:model|ai|llm|gpt[\\w.-]{0,8}|claude|chatgpt|gemini|assistant|it)\\b|' +
    'in \\d{1,3}(?:\\.\\d)?% of|(?:table|figure|fig\\.) \\d)',
);

export const SECOND_PERSON = /\byou(?:r|rs|rself)?\b/g;
