// Turns a command string into a flat list of simple commands (ShellCommand), following
// substitutions, code handed to other shells, spawned commands and decoded payloads.
// Work is bounded (text parsed, nesting depth, re-parsed bytes, nodes, commands) so hostile
// input stays linear; past the bounds the analysis is marked truncated.

import { parse, forEachChild } from 'unbash';
import type { Command, Redirection, Statement, SyntaxNode, Word, Assignment, CommandExpansionPart, ProcessSubstitutionPart } from 'unbash';
import type { Redirect, ShellAnalysis, ShellCommand, Via } from './types.js';
import { tokenize, type TokCommand, type TokWord } from './fallback.js';
import { peel, codeStrings, spawned } from './unwrap.js';
import { programName, readsProgramFromStdin, isDecoder, SHELLS } from './words.js';
import { decodeBase64, decodeHex, unescapeEcho, MAX_DECODED } from './decode.js';

export const LIMITS = {
  /** Larger texts go to the linear tokenizer (the parser has super-linear corners). */
  parseChars: 64 * 1024,
  /** More here-document operators than this also go to the tokenizer. */
  heredocOps: 64,
  depth: 6,
  /** Simple commands kept per analysis, and words over all of them; per command. */
  commands: 2_000,
  words: 20_000,
  wordsPerCommand: 1_024,
  /** Substitutions and code strings analysed, and the characters re-parsed for them. */
  nested: 1_000,
  reparseChars: 256 * 1024,
  nodes: 200_000,
} as const;

interface State {
  out: ShellCommand[];
  pipeSeq: number;
  reparsed: number;
  nodes: number;
  truncated: boolean;
  degraded: boolean;
  words: number;
  nested: number;
  /** Pipeline id → index of the command at each position (direct members only). */
  members: Map<number, number[]>;
}

interface Frame {
  src: string;
  path: string;
  /** Added to a position in src to get an offset in the part; NaN when src is derived text. */
  off: number;
  /** Span reported for commands of derived text. */
  span: [number, number];
  depth: number;
  via: Via;
  parent: number;
  argIndex: number;
  pipes: Array<[number, number]>;
  vars: Map<string, string>;
  cwd: { v: string | undefined };
  inFunction: string | undefined;
  redirects: Redirect[];
  sourceText: string | undefined;
}

interface WordInfo {
  value: string;
  span: [number, number];
  /** The word is the whole of a part of its own (an argv element), at this path. */
  ownPath?: string;
}

/** Analyse one command string (a part's text). */
export function analyzeShell(text: string, path = ''): ShellAnalysis {
  const st = newState();
  analyseText(st, text, rootFrame(text, path));
  postPass(st);
  return { commands: st.out, degraded: st.degraded, truncated: st.truncated };
}

/** Analyse an argv array (Codex: ["bash", "-lc", "…"]); element i is at path `${path}.${i}`. */
export function analyzeArgv(argv: readonly string[], path: string): ShellAnalysis {
  const st = newState();
  const f = rootFrame('', `${path}.0`);
  f.off = NaN;
  f.span = [0, (argv[0] ?? '').length];
  const words: WordInfo[] = argv.map((v, i) => ({ value: v, span: f.span, ownPath: `${path}.${i}` }));
  finalize(st, f, words, [], [], undefined, f.span, () => undefined);
  postPass(st);
  return { commands: st.out, degraded: st.degraded, truncated: st.truncated };
}

function newState(): State {
  return { out: [], pipeSeq: 0, reparsed: 0, nodes: 0, truncated: false, degraded: false, words: 0, nested: 0, members: new Map() };
}

function rootFrame(text: string, path: string): Frame {
  return {
    src: text, path, off: 0, span: [0, text.length], depth: 0, via: 'top', parent: -1, argIndex: -1, pipes: [],
    vars: new Map(), cwd: { v: undefined }, inFunction: undefined, redirects: [], sourceText: undefined,
  };
}

function spanOf(f: Frame, pos: number, end: number): [number, number] {
  return Number.isNaN(f.off) ? f.span : [pos + f.off, end + f.off];
}

function analyseText(st: State, text: string, f: Frame): void {
  if (f.depth > LIMITS.depth) { st.truncated = true; return; }
  if (text.length > LIMITS.parseChars || countHeredocOps(text) > LIMITS.heredocOps) {
    st.degraded = true;
    analyseTokens(st, text, f);
    return;
  }
  let ast;
  try {
    ast = parse(text);
  } catch {
    st.degraded = true;
    analyseTokens(st, text, f);
    return;
  }
  const g = ast.source !== undefined && ast.source !== text ? { ...f, src: ast.source, off: NaN } : { ...f, src: text };
  walkList(st, ast.commands, g);
  if (ast.errors && ast.errors.length > 0) {
    // A partial tree may have lost commands; the tokenizer's view is added (rules dedupe).
    st.degraded = true;
    analyseTokens(st, text, f);
  }
}

function countHeredocOps(text: string): number {
  let n = 0;
  for (let i = text.indexOf('<<'); i >= 0 && n <= LIMITS.heredocOps; i = text.indexOf('<<', i + 2)) {
    if (text.charCodeAt(i + 2) !== 60) n++;
    else i++;
  }
  return n;
}

function walkList(st: State, stmts: readonly Statement[], f: Frame): void {
  for (const s of stmts) walkNode(st, s.command, f);
}

function budgetOk(st: State): boolean {
  if (++st.nodes > LIMITS.nodes || st.out.length >= LIMITS.commands) { st.truncated = true; return false; }
  return true;
}

function walkNode(st: State, node: SyntaxNode, f: Frame): void {
  if (!budgetOk(st)) return;
  switch (node.type) {
    case 'Statement': walkNode(st, node.command, f); return;
    case 'AndOr': for (const c of node.commands) walkNode(st, c, f); return;
    case 'Pipeline': {
      const id = st.pipeSeq++;
      node.commands.forEach((c, i) => walkNode(st, c, { ...f, pipes: [...f.pipes, [id, i]] }));
      return;
    }
    case 'Command': visitCommand(st, node, f); return;
    case 'Subshell': walkList(st, node.body.commands, { ...f, cwd: { v: f.cwd.v } }); return;
    case 'BraceGroup': walkList(st, node.body.commands, f); return;
    case 'CompoundList': walkList(st, node.commands, f); return;
    case 'If':
      walkList(st, node.clause.commands, f);
      walkList(st, node.then.commands, f);
      for (const e of node.elif) { walkList(st, e.clause.commands, f); walkList(st, e.then.commands, f); }
      if (node.else) walkList(st, node.else.commands, f);
      return;
    case 'While': walkList(st, node.clause.commands, f); walkList(st, node.body.commands, f); return;
    case 'For': case 'Select':
      for (const w of node.wordlist ?? []) walkSubs(st, w, f, -1, -1);
      walkList(st, node.body.commands, f);
      return;
    case 'ArithmeticFor': walkList(st, node.body.commands, f); return;
    case 'Case':
      walkSubs(st, node.word, f, -1, -1);
      for (const it of node.items) walkList(st, it.body.commands, f);
      return;
    case 'Function': walkNode(st, node.body, { ...f, inFunction: node.name.value }); return;
    case 'Redirected': {
      const rs: Redirect[] = [];
      for (const r of node.redirects) {
        const x = convertRedirect(r, f.vars);
        if (x) rs.push(x.redirect);
        walkSubs(st, r, f, -1, -1);
      }
      walkNode(st, node.command, { ...f, redirects: [...f.redirects, ...rs] });
      return;
    }
    case 'Coproc': walkNode(st, node.body, f); return;
    default: walkSubs(st, node, f, -1, -1);
  }
}

/** Find $(…), `…`, <(…) inside a node and analyse their scripts. */
function walkSubs(st: State, node: SyntaxNode, f: Frame, parent: number, argIndex: number): void {
  const stack: SyntaxNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (!budgetOk(st)) return;
    if (n.type === 'CommandExpansion' || n.type === 'ProcessSubstitution' || n.type === 'ArithmeticCommandExpansion') {
      walkSubScript(st, n as CommandExpansionPart | ProcessSubstitutionPart, f, parent, argIndex);
      continue;
    }
    if (n.type === 'Word' && !(n as Word).text.includes('$') && !(n as Word).text.includes('`') && !(n as Word).text.includes('(')) continue;
    forEachChild(n, (c) => { stack.push(c); });
  }
}

/** Room for one more nested analysis (substitution, code string, decoded text) of `chars` characters. */
function nestedOk(st: State, f: Frame, chars: number): boolean {
  if (f.depth + 1 > LIMITS.depth || st.nested >= LIMITS.nested || st.reparsed + chars > LIMITS.reparseChars) { st.truncated = true; return false; }
  st.nested++;
  st.reparsed += chars;
  return true;
}

function walkSubScript(st: State, part: CommandExpansionPart | ProcessSubstitutionPart, f: Frame, parent: number, argIndex: number): void {
  if (!nestedOk(st, f, 0)) return;
  const script = part.script;
  if (!script) return;
  const own = script.source !== undefined;
  const g: Frame = {
    ...f,
    src: script.source ?? f.src,
    off: own ? NaN : f.off,
    span: own ? spanOf(f, part.pos, part.end) : f.span,
    depth: f.depth + 1,
    via: part.type === 'ProcessSubstitution' ? 'procsub' : 'cmdsub',
    parent,
    argIndex,
    pipes: [],
    cwd: { v: f.cwd.v },
    redirects: [],
  };
  walkList(st, script.commands, g);
}

function visitCommand(st: State, node: Command, f: Frame): void {
  const assigns: Array<[string, string]> = [];
  for (const p of node.prefix) if (p.type === 'Assignment') assigns.push([p.name, assignmentValue(p, f.vars)]);
  const words: WordInfo[] = [];
  if (node.name) words.push({ value: wordValue(node.name, f.vars), span: spanOf(f, node.name.pos, node.name.end) });
  for (const a of node.args) {
    words.push({ value: a.type === 'Word' ? wordValue(a, f.vars) : `${a.name}=${assignmentValue(a, f.vars)}`, span: spanOf(f, a.pos, a.end) });
  }
  const redirects = f.redirects.length > 0 ? [...f.redirects] : [];
  let stdinText: string | undefined;
  for (const r of node.redirects) {
    const x = convertRedirect(r, f.vars);
    if (!x) continue;
    redirects.push(x.redirect);
    if (x.stdin !== undefined) stdinText = x.stdin;
  }
  if (!node.name) {
    for (const [k, v] of assigns) {
      if (f.vars.size < 256 && v.length <= 4096 && !v.includes('$(') && !v.includes('`')) f.vars.set(k, v);
    }
  }
  const idx = finalize(st, f, words, assigns, redirects, stdinText, spanOf(f, node.pos, node.end), (idx, skip) => {
    if (node.name) walkSubs(st, node.name, f, idx, 0 - skip);
    node.args.forEach((a, i) => walkSubs(st, a, f, idx, i + 1 - skip));
    for (const p of node.prefix) walkSubs(st, p, f, idx, -1);
    for (const r of node.redirects) {
      if (r.type === 'HereDoc' && r.delimiter?.quoted) continue;
      walkSubs(st, r, f, idx, -1);
    }
  });
  // X=$(echo <b64> | base64 -d): remember what X holds, so a later eval "$X" is analysed.
  if (!node.name && idx >= 0 && assigns.length === 1 && f.vars.size < 256) {
    const kids = st.out.filter((c, j) => j > idx && c.parent === idx && c.via === 'cmdsub');
    const inner = kids[0]?.pipes[kids[0].pipes.length - 1];
    const text = inner ? literalOutput(pipelineFrom(st, inner[0])) : undefined;
    if (text !== undefined && text.length <= 4096) f.vars.set(assigns[0]![0], text);
  }
}

function wordValue(w: Word, vars: Map<string, string>): string {
  const v = w.value;
  return vars.size > 0 && v.indexOf('$') >= 0 ? substituteVars(v, vars) : v;
}

function assignmentValue(a: Assignment, vars: Map<string, string>): string {
  if (a.value.type === 'Word') return wordValue(a.value, vars);
  return a.value.elements.map((e) => wordValue(e, vars)).join(' ');
}

function substituteVars(v: string, vars: Map<string, string>): string {
  return v.replace(/\$\{([A-Za-z_][A-Za-z0-9_]{0,63})\}|\$([A-Za-z_][A-Za-z0-9_]{0,63})/g, (m: string, a: string | undefined, b: string | undefined) => vars.get(a ?? b ?? '') ?? m);
}

function convertRedirect(r: Redirection, vars: Map<string, string>): { redirect: Redirect; stdin?: string } | undefined {
  const fd = r.descriptor?.type === 'FileDescriptor' ? r.descriptor.value : undefined;
  if (r.type === 'HereDoc') {
    const body = r.body.text.length > MAX_DECODED * 4 ? r.body.text.slice(0, MAX_DECODED * 4) : r.body.text;
    return { redirect: { op: r.operator, fd, target: '' }, stdin: body };
  }
  const target = r.target ? wordValue(r.target, vars) : '';
  if (r.type === 'HereString') return { redirect: { op: '<<<', fd, target }, stdin: `${target}\n` };
  return { redirect: { op: r.operator, fd, target } };
}

/** Build the ShellCommand, then follow what it runs. */
function finalize(
  st: State, f: Frame, words: WordInfo[], assigns: Array<[string, string]>, redirects: Redirect[], stdinText: string | undefined,
  span: [number, number], walkChildren: (idx: number, skip: number) => void,
): number {
  if (st.out.length >= LIMITS.commands || st.words >= LIMITS.words) { st.truncated = true; return -1; }
  const room = Math.min(LIMITS.wordsPerCommand, LIMITS.words - st.words);
  if (words.length > room) { words = words.slice(0, room); st.truncated = true; }
  st.words += words.length;
  const raw = words.map((w) => w.value);
  const p = peel(raw);
  const argv = p.skip === 0 ? raw : raw.slice(p.skip);
  const kept = p.skip === 0 ? words : words.slice(p.skip);
  const name = argv.length > 0 ? programName(argv[0]!) : '';
  // One object shape for every command (optional fields present as undefined) keeps rule code monomorphic.
  const cmd: ShellCommand = {
    argv, name, wrappers: p.wrappers, sudoFlags: p.sudoFlags, assigns: p.assigns.length > 0 ? [...assigns, ...p.assigns] : assigns,
    redirects, stdinText, path: f.path, start: span[0], end: span[1], argSpans: kept.map((w) => w.span),
    argPaths: kept.length > 0 && kept[0]!.ownPath !== undefined ? kept.map((w) => w.ownPath) : undefined, pipes: f.pipes,
    via: f.via, parent: f.parent, argIndex: f.argIndex, depth: f.depth, cwd: f.cwd.v, inFunction: f.inFunction, sourceText: f.sourceText,
  };
  const idx = st.out.length;
  st.out.push(cmd);
  const inner = f.pipes[f.pipes.length - 1];
  if (inner && f.via !== 'exec' && inner[1] < 64) {
    let arr = st.members.get(inner[0]);
    if (!arr) st.members.set(inner[0], (arr = []));
    if (arr[inner[1]] === undefined) arr[inner[1]] = idx;
  }
  walkChildren(idx, p.skip);

  if ((name === 'cd' || name === 'pushd') && f.via !== 'exec') {
    const t = argv.find((a, i) => i > 0 && !a.startsWith('-'));
    f.cwd.v = t === undefined ? '~' : t.includes('$(') || t.includes('`') ? '?' : t;
  }
  const codes = codeStrings(argv, name);
  const spawns = spawned(argv, name);
  if (f.depth + 1 > LIMITS.depth) {
    if (codes.length > 0 || spawns.length > 0) st.truncated = true;
    return idx;
  }
  for (const c of codes) {
    if (c.kind === 'pwsh') {
      if (c.from !== c.to || c.text !== argv[c.from]) {
        const w: WordInfo[] = [{ value: name, span }, { value: '-command', span }, { value: c.text, span }];
        finalize(st, { ...f, via: 'decoded', parent: idx, argIndex: c.from, depth: f.depth + 1 }, w, [], [], undefined, span, () => undefined);
      }
      continue;
    }
    analyseCode(st, c.text, f, idx, c.from, kept.slice(c.from, c.to + 1), c.kind === 'remote' ? 'remote' : 'code');
  }
  if (stdinText !== undefined && stdinText.length > 0 && SHELLS.has(name) && readsProgramFromStdin(name, argv)) {
    analyseDerived(st, stdinText, f, idx, span, 'code');
  }
  for (const s of spawns.slice(0, 8)) {
    if (!nestedOk(st, f, 0)) break;
    const sw: WordInfo[] = s.argv.map((v, i) => ({ value: v, span: kept[Math.min(s.from + i, s.to)]?.span ?? span }));
    finalize(st, { ...f, via: 'exec', parent: idx, argIndex: s.from, depth: f.depth + 1, redirects: [] }, sw, [], [], undefined, span, () => undefined);
  }
  return idx;
}

/** Code given as argv words (sh -c '…'): positions map into the part when the word is a plain quoted literal. */
function analyseCode(st: State, text: string, f: Frame, parent: number, argIndex: number, words: WordInfo[], via: Via): void {
  if (!nestedOk(st, f, text.length)) return;
  const first = words[0];
  const last = words[words.length - 1];
  let path = f.path;
  let off = NaN;
  let span: [number, number] = first && last ? [first.span[0], last.span[1]] : f.span;
  if (words.length === 1 && first) {
    if (first.ownPath !== undefined) { path = first.ownPath; off = 0; span = [0, text.length]; }
    else if (!Number.isNaN(f.off)) {
      const rawText = f.src.slice(first.span[0] - f.off, first.span[1] - f.off);
      if (rawText === text) off = first.span[0];
      else if (rawText.length === text.length + 2 && (rawText === `'${text}'` || (rawText === `"${text}"` && !/[\\$`"]/.test(text)))) off = first.span[0] + 1;
    }
  }
  const g: Frame = {
    src: text, path, off, span, depth: f.depth + 1, via, parent, argIndex, pipes: f.pipes, vars: new Map(f.vars),
    cwd: { v: f.cwd.v }, inFunction: undefined, redirects: [], sourceText: undefined,
  };
  analyseText(st, text, g);
}

/** Derived text (decoded payload, here-document for a shell): reported at the given span. */
function analyseDerived(st: State, text: string, f: Frame, parent: number, span: [number, number], via: Via): void {
  if (!nestedOk(st, f, text.length)) return;
  const g: Frame = {
    src: text, path: f.path, off: NaN, span, depth: f.depth + 1, via, parent, argIndex: -1, pipes: st.out[parent]?.pipes ?? [],
    vars: new Map(), cwd: { v: f.cwd.v }, inFunction: undefined, redirects: [], sourceText: text.length <= 4096 ? text : text.slice(0, 4096),
  };
  analyseText(st, text, g);
}

// ---- The tokenizer path ----

function analyseTokens(st: State, text: string, f: Frame): void {
  const { commands, truncated } = tokenize(text, LIMITS.commands - st.out.length, LIMITS.words - st.words);
  if (truncated) st.truncated = true;
  const ids = new Map<number, number>();
  for (const t of commands) {
    let id = ids.get(t.pipeline);
    if (id === undefined) { id = st.pipeSeq++; ids.set(t.pipeline, id); }
    tokCommand(st, t, { ...f, pipes: [...f.pipes, [id, t.pipeIndex]] }, text);
  }
}

function tokCommand(st: State, t: TokCommand, f: Frame, text: string): void {
  if (!budgetOk(st)) return;
  const assigns: Array<[string, string]> = [];
  let k = 0;
  while (k < t.words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(t.words[k]!.value)) {
    const v = t.words[k]!.value;
    const eq = v.indexOf('=');
    assigns.push([v.slice(0, eq), v.slice(eq + 1)]);
    k++;
  }
  const ws = t.words.slice(k);
  if (ws.length === 0) for (const [a, b] of assigns) if (f.vars.size < 256 && b.length <= 4096) f.vars.set(a, b);
  const words: WordInfo[] = ws.map((w) => ({ value: f.vars.size > 0 && w.value.includes('$') ? substituteVars(w.value, f.vars) : w.value, span: spanOf(f, w.start, w.end) }));
  const redirects: Redirect[] = [...f.redirects];
  let stdinText = t.stdinText;
  for (const r of t.redirects) {
    const target = r.target?.value ?? '';
    redirects.push({ op: r.op, fd: r.fd, target });
    if (r.op === '<<<') stdinText = `${target}\n`;
  }
  if (t.stdinText !== undefined && !redirects.some((r) => r.op === '<<' || r.op === '<<-')) redirects.push({ op: '<<', fd: undefined, target: '' });
  const span = spanOf(f, t.start < 0 ? 0 : t.start, t.end < 0 ? 0 : t.end);
  finalize(st, f, words, assigns, redirects, stdinText, span, (idx, skip) => {
    const subsOf = (w: TokWord, argIndex: number): void => {
      for (const s of w.subs) {
        if (!nestedOk(st, f, s.end - s.start)) return;
        const inner = text.slice(s.start, s.end);
        analyseText(st, inner, {
          ...f, src: inner, off: Number.isNaN(f.off) ? NaN : f.off + s.start, depth: f.depth + 1, via: s.kind, parent: idx, argIndex,
          pipes: [], cwd: { v: f.cwd.v }, redirects: [],
        });
      }
    };
    ws.forEach((w, i) => subsOf(w, i - skip));
    for (const r of t.redirects) if (r.target) subsOf(r.target, -1);
  });
}

// ---- Literals turned into code: echo <b64> | base64 -d | sh, $(echo … | base64 -d) ----

function postPass(st: State): void {
  for (let i = 0; i < st.out.length && i < LIMITS.commands; i++) {
    const c = st.out[i]!;
    if (c.depth >= LIMITS.depth) continue;
    const inner = c.pipes[c.pipes.length - 1];
    if (inner && inner[1] > 0 && readsProgramFromStdin(c.name, c.argv)) {
      const members = pipelineBefore(st, inner[0], inner[1]);
      const text = members ? literalOutput(members) : undefined;
      if (text !== undefined && members) {
        const first = members[0]!;
        const span: [number, number] = first.path === c.path ? [Math.min(first.start, c.start), Math.max(first.end, c.end)] : [c.start, c.end];
        analyseDerived(st, text, frameFor(c), i, span, 'decoded');
      }
    }
    // $(echo … | base64 -d) in the command position, or as eval's argument.
    if (c.via === 'cmdsub' && c.parent >= 0 && (c.argIndex === 0 || st.out[c.parent]!.name === 'eval') && inner && inner[1] === 0) {
      const members = pipelineFrom(st, inner[0]);
      if (members.length > 1 && members.some((m) => isDecoder(m.name, m.argv))) {
        const text = literalOutput(members);
        const p = st.out[c.parent]!;
        if (text !== undefined) analyseDerived(st, text, frameFor(p), c.parent, [p.start, p.end], 'decoded');
      }
    }
  }
}

function frameFor(c: ShellCommand): Frame {
  return {
    src: '', path: c.path, off: NaN, span: [c.start, c.end], depth: c.depth, via: c.via, parent: c.parent, argIndex: c.argIndex,
    pipes: c.pipes, vars: new Map(), cwd: { v: c.cwd }, inFunction: undefined, redirects: [], sourceText: undefined,
  };
}

/** Members [0, pos) of pipeline `id`, when each one is known. */
function pipelineBefore(st: State, id: number, pos: number): ShellCommand[] | undefined {
  const arr = st.members.get(id);
  if (!arr) return undefined;
  const out: ShellCommand[] = [];
  for (let k = 0; k < pos; k++) {
    const j = arr[k];
    if (j === undefined) return undefined;
    out.push(st.out[j]!);
  }
  return out;
}

function pipelineFrom(st: State, id: number): ShellCommand[] {
  const arr = st.members.get(id) ?? [];
  const out: ShellCommand[] = [];
  for (const j of arr) {
    if (j === undefined) break;
    out.push(st.out[j]!);
  }
  return out;
}

/** What a pipeline of literal-producing and decoding stages prints, when that can be known. */
export function literalOutput(members: readonly ShellCommand[]): string | undefined {
  const first = members[0];
  if (!first) return undefined;
  let text: string | undefined;
  let startAt = 1;
  if (first.name === 'echo' || first.name === 'printf') {
    let args = first.argv.slice(1);
    if (first.name === 'echo') while (args.length > 0 && /^-[neE]+$/.test(args[0]!)) args = args.slice(1);
    else if (args.length > 1 && args[0] === '%s') args = args.slice(1);
    text = unescapeEcho(args.join(' '));
  } else if (first.stdinText !== undefined) {
    text = first.stdinText;
    startAt = 0;
  } else return undefined;
  for (let k = startAt; k < members.length && text !== undefined; k++) {
    const m = members[k]!;
    if (m.name === 'tee' || (m.name === 'cat' && m.argv.length === 1)) continue;
    if (m.name === 'base64' || m.name === 'basenc' || m.name === 'gbase64' || (m.name === 'openssl' && m.argv.includes('base64'))) { text = decodeBase64(text.trim()); continue; }
    if (m.name === 'xxd' && m.argv.some((a) => /^-[a-z]*p/.test(a))) { text = decodeHex(text); continue; }
    if (m.name === 'rev') { text = text.split('\n').map((l) => [...l].reverse().join('')).join('\n'); continue; }
    return undefined;
  }
  if (text === undefined || text.length === 0 || text.length > MAX_DECODED) return undefined;
  return text;
}
