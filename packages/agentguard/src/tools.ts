import { parseMcpToolName, type ToolRef } from '@vigil/core';

// What a tool can do, from its kind and the words of its name, for any client or MCP server:
// - effect, the privilege ladder: read < write (state change) < execute < external (talks to
//   someone or somewhere outside: messages, payments, uploads, requests to a URL);
// - private: it reads the user's or organisation's own data (mail, files, accounts...);
// - every tool result is untrusted content (pages, files, messages, MCP results are written by
//   whoever wrote them), so "source" is not a class of its own.
// The lexicons are ordinary English verbs and nouns of tool names, not any benchmark's tools.

export type Effect = 'read' | 'write' | 'execute' | 'external';
export const EFFECT_RANK: Record<Effect, number> = { read: 0, write: 1, execute: 2, external: 3 };

export interface ToolClass {
  effect: Effect;
  /** Reads private data (the second leg of the dangerous combination). */
  private: boolean;
}

const EXTERNAL = new Set(['send', 'post', 'reply', 'forward', 'share', 'publish', 'transfer', 'pay', 'wire', 'tweet', 'notify', 'invite', 'upload', 'submit', 'comment', 'dm', 'webhook', 'broadcast', 'refund', 'withdraw', 'deposit']);
// Nouns that are verbs only at the head of a name: email_user sends, get_email reads.
const EXTERNAL_HEAD = new Set(['email', 'mail', 'message', 'msg', 'sms', 'text']);
const EXECUTE = new Set(['exec', 'execute', 'run', 'eval', 'shell', 'bash', 'terminal', 'command', 'script', 'python', 'interpreter', 'sh', 'powershell', 'spawn']);
const WRITE = new Set(['create', 'update', 'edit', 'write', 'add', 'delete', 'remove', 'set', 'change', 'modify', 'move', 'rename', 'reschedule', 'cancel', 'reserve', 'book', 'append', 'patch', 'put', 'insert', 'drop', 'archive', 'schedule', 'assign', 'merge', 'push', 'commit', 'approve', 'grant', 'revoke', 'reset', 'install', 'deploy', 'kill', 'close', 'label', 'star', 'fork', 'purchase', 'buy', 'order', 'subscribe', 'unsubscribe', 'block', 'ban', 'kick', 'join', 'leave', 'mark', 'save', 'store', 'upsert', 'replace', 'truncate', 'clear', 'wipe', 'disable', 'enable', 'configure', 'register', 'login', 'logout']);
const READ = new Set(['get', 'list', 'search', 'read', 'find', 'query', 'view', 'show', 'check', 'lookup', 'describe', 'count', 'fetch', 'browse', 'download', 'visit', 'open', 'load', 'inspect', 'glob', 'grep', 'ls', 'cat', 'head', 'tail', 'stat', 'summarize', 'retrieve', 'scan', 'watch', 'preview', 'explain']);
const PRIVATE = new Set(['mail', 'email', 'emails', 'inbox', 'message', 'messages', 'calendar', 'event', 'events', 'transaction', 'transactions', 'balance', 'account', 'accounts', 'contact', 'contacts', 'user', 'users', 'profile', 'file', 'files', 'document', 'documents', 'drive', 'note', 'notes', 'secret', 'secrets', 'credential', 'credentials', 'password', 'passwords', 'key', 'keys', 'token', 'tokens', 'history', 'payment', 'payments', 'card', 'cards', 'iban', 'passport', 'salary', 'record', 'records', 'customer', 'customers', 'channel', 'channels', 'dm', 'dms', 'repo', 'repository', 'issue', 'issues', 'ticket', 'tickets', 'database', 'table', 'rows', 'info', 'information', 'details', 'address', 'phone']);
// A field of a call's input that names a URL: the call makes a request to it (egress).
const URL_FIELD = /(?:^|\.|_)(?:url|uri|href|link|endpoint|webpage|website|page)$/i;
const WHOLE_URL = /^\s*(?:[a-z][a-z0-9+.-]{1,10}:\/\/)?(?:www\.)?[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})+(?:\/\S*)?\s*$/i;

/** The words of a tool name: mcp__server__get_mail → [get, mail]; sendEmail → [send, email]. */
export function nameWords(name: string): string[] {
  const mcp = parseMcpToolName(name);
  const bare = mcp ? mcp.tool : name;
  return bare
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** Classifies a call: the tool's kind and name, and whether its input points at a URL. */
export function classifyTool(tool: ToolRef, input: unknown): ToolClass {
  switch (tool.kind) {
    case 'shell':
      return { effect: 'execute', private: true };
    case 'file_read':
      return { effect: 'read', private: true };
    case 'file_write':
      return { effect: 'write', private: false };
    case 'web':
      return { effect: 'external', private: false };
  }
  const words = nameWords(tool.name);
  let effect: Effect | null = null;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (EXTERNAL.has(w) || (i === 0 && EXTERNAL_HEAD.has(w))) effect = 'external';
    else if (EXECUTE.has(w) && effect !== 'external') effect = 'execute';
    else if (WRITE.has(w) && effect === null) effect = 'write';
  }
  // A read that is given a URL makes a request to it: a fetched link is egress.
  if ((effect === null || effect === 'write') && takesUrl(input)) effect = 'external';
  if (effect === null) effect = words.some((w) => READ.has(w)) ? 'read' : 'write';
  return { effect, private: words.some((w) => PRIVATE.has(w)) };
}

function takesUrl(input: unknown): boolean {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return false;
  for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
    if (typeof v === 'string' && URL_FIELD.test(k) && WHOLE_URL.test(v)) return true;
  }
  return false;
}

// Words of a request that ask for a privilege: "send the summary to Bob" asks for external.
const ASK_EXTERNAL = /\b(?:send|sends|sent|email|e-mail|mail|share|pay|post|message|tell|invite|upload|transfer|reply|forward|notify|publish|book|reserve|dm|text|let \w+ know|push|deploy|submit|order|buy|purchase|refund|fetch|download|visit|browse|website|url|link|https?:\/\/)\b/;
const ASK_EXECUTE = /\b(?:run|runs|execute|install|build|test|tests|compile|lint|start|restart|script|command|shell|terminal)\b/;
const ASK_WRITE = /\b(?:create|write|edit|update|add|delete|remove|change|fix|rename|move|schedule|reschedule|cancel|set|modify|refactor|implement|save|make|append|replace)\b/;

/** The highest privilege a request asks for, in ordinary words. */
export function askedEffect(request: string): Effect {
  if (ASK_EXTERNAL.test(request)) return 'external';
  if (ASK_EXECUTE.test(request)) return 'execute';
  if (ASK_WRITE.test(request)) return 'write';
  return 'read';
}
