// A conservative, linear tokenizer for text the parser is not given (too large, pathological)
// or reports errors on. It knows quotes, escapes, $'…', $(…) and backticks (captured for
// recursion), pipes and list operators, redirections and here-documents; compound syntax (if,
// for, functions, subshells) is reduced to command boundaries.

export interface TokWord {
  value: string;
  start: number;
  end: number;
  /** Substitutions inside the word: offsets of their inner text. */
  subs: Array<{ start: number; end: number; kind: 'cmdsub' | 'procsub' }>;
}

export interface TokRedirect {
  op: string;
  fd: number | undefined;
  target: TokWord | undefined;
}

export interface TokCommand {
  words: TokWord[];
  redirects: TokRedirect[];
  stdinText: string | undefined;
  start: number;
  end: number;
  pipeline: number;
  pipeIndex: number;
}

const SPACE = 32, TAB = 9, NL = 10, CR = 13;

export function tokenize(text: string, maxCommands: number, maxWords: number): { commands: TokCommand[]; truncated: boolean } {
  const n = text.length;
  const commands: TokCommand[] = [];
  let pipeline = 0;
  let pipeIndex = 0;
  let cur: TokCommand = fresh();
  let word: TokWord | undefined;
  let wordParts: string[] = [];
  // Contiguous raw source runs of the current word are kept as one range, not many small strings.
  let rawFrom = -1;
  let rawTo = -1;
  const raw = (from: number, to: number): void => {
    if (rawFrom >= 0 && rawTo === from) { rawTo = to; return; }
    flushRaw();
    rawFrom = from;
    rawTo = to;
  };
  const part = (x: string): void => {
    flushRaw();
    if (x !== '' && wordParts.length < 4096) wordParts.push(x);
  };
  function flushRaw(): void {
    if (rawFrom >= 0) { if (wordParts.length < 4096) wordParts.push(text.slice(rawFrom, Math.min(rawTo, text.length))); rawFrom = -1; }
  }
  let pendingOp: { op: string; fd: number | undefined } | undefined;
  const heredocs: Array<{ delim: string; strip: boolean; cmd: TokCommand }> = [];
  let pendingHeredocDelim: { strip: boolean } | undefined;
  let truncated = false;
  let words = 0;
  let subs = 0;

  function fresh(): TokCommand {
    return { words: [], redirects: [], stdinText: undefined, start: -1, end: -1, pipeline, pipeIndex };
  }
  function startWord(i: number): void {
    if (!word) {
      word = { value: '', start: i, end: i, subs: [] };
      wordParts = [];
      if (++words > maxWords) truncated = true;
    }
  }
  function addSub(w: TokWord, start: number, end: number, kind: 'cmdsub' | 'procsub'): void {
    // Each substitution is analysed again later; past a bound they are kept as plain text.
    if (++subs <= 1000 && w.subs.length < 64) w.subs.push({ start, end, kind });
  }
  function endWord(i: number): void {
    if (!word) return;
    flushRaw();
    word.value = wordParts.length === 1 ? wordParts[0]! : wordParts.join('');
    word.end = i;
    if (cur.start < 0) cur.start = word.start;
    cur.end = i;
    if (pendingHeredocDelim) {
      heredocs.push({ delim: word.value, strip: pendingHeredocDelim.strip, cmd: cur });
      pendingHeredocDelim = undefined;
    } else if (pendingOp) {
      cur.redirects.push({ op: pendingOp.op, fd: pendingOp.fd, target: word });
      pendingOp = undefined;
    } else cur.words.push(word);
    word = undefined;
  }
  function endCommand(): void {
    if (cur.words.length > 0 || cur.redirects.length > 0) {
      if (commands.length >= maxCommands) { truncated = true; return; }
      commands.push(cur);
    }
    cur = fresh();
  }
  function newPipeline(): void {
    pipeline++;
    pipeIndex = 0;
    cur.pipeline = pipeline;
    cur.pipeIndex = 0;
  }

  let i = 0;
  while (i < n && !truncated) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || c === CR) { endWord(i); i++; continue; }
    if (c === NL) {
      endWord(i);
      endCommand();
      newPipeline();
      i++;
      if (heredocs.length > 0) i = readHeredocs(i);
      continue;
    }
    if (c === 35 /* # */ && !word) { const e = text.indexOf('\n', i); i = e < 0 ? n : e; continue; }
    if (c === 59 /* ; */ || (c === 38 /* & */ && text.charCodeAt(i + 1) !== 62 /* > */)) {
      endWord(i);
      endCommand();
      newPipeline();
      i += text.charCodeAt(i + 1) === c ? 2 : 1;
      continue;
    }
    if (c === 124 /* | */) {
      endWord(i);
      const next = text.charCodeAt(i + 1);
      endCommand();
      if (next === 124) { newPipeline(); i += 2; continue; }
      pipeIndex++;
      cur.pipeIndex = pipeIndex;
      i += next === 38 ? 2 : 1;
      continue;
    }
    if ((c === 40 /* ( */ || c === 41 /* ) */) && !word) {
      endCommand();
      i++;
      continue;
    }
    if ((c === 123 /* { */ || c === 125 /* } */) && !word && isBoundary(text.charCodeAt(i + 1))) {
      endCommand();
      i++;
      continue;
    }
    // Redirections: [n]> >> >| >& < << <<- <<< <& <> &> &>>; but <( and >( are process substitutions.
    if ((c === 62 || c === 60 || (c === 38 && text.charCodeAt(i + 1) === 62)) && text.charCodeAt(i + 1) !== 40) {
      let fd: number | undefined;
      flushRaw();
      if (word && wordParts.length === 1 && /^\d{1,2}$/.test(wordParts[0]!)) { fd = Number(wordParts[0]); word = undefined; }
      else endWord(i);
      const m = /^(?:&>>|&>|>>|>\||>&|<<<|<<-|<<|<&|<>|>|<)/.exec(text.slice(i, i + 3));
      const op = m ? m[0] : text[i]!;
      i += op.length;
      if (op === '<<' || op === '<<-') pendingHeredocDelim = { strip: op === '<<-' };
      else if ((op === '>&' || op === '<&') && /^[0-9-]/.test(text[skipBlank(i)] ?? '')) {
        // fd duplication: 2>&1, 0<&3, >&-
        const j = skipBlank(i);
        let k = j;
        while (k < n && /[0-9-]/.test(text[k]!)) k++;
        cur.redirects.push({ op, fd, target: { value: text.slice(j, k), start: j, end: k, subs: [] } });
        if (cur.start < 0) cur.start = i - op.length;
        i = k;
      } else pendingOp = { op, fd };
      continue;
    }
    startWord(i);
    const w = word!;
    if (c === 39 /* ' */) {
      const e = text.indexOf("'", i + 1);
      const end = e < 0 ? n : e;
      part(text.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    if (c === 36 /* $ */ && text.charCodeAt(i + 1) === 39) {
      let j = i + 2;
      while (j < n && text.charCodeAt(j) !== 39) j += text.charCodeAt(j) === 92 ? 2 : 1;
      const body = text.slice(i + 2, Math.min(j, n));
      part(body.indexOf('\\') < 0 ? body : ansiC(body));
      i = j + 1;
      continue;
    }
    if (c === 36 && text.charCodeAt(i + 1) === 40 /* ( */) {
      const e = closeParen(text, i + 2);
      addSub(w, i + 2, Math.min(e, n), 'cmdsub');
      raw(i, Math.min(e + 1, n));
      i = e + 1;
      continue;
    }
    if ((c === 60 || c === 62) && text.charCodeAt(i + 1) === 40) {
      const e = closeParen(text, i + 2);
      addSub(w, i + 2, Math.min(e, n), 'procsub');
      raw(i, Math.min(e + 1, n));
      i = e + 1;
      continue;
    }
    if (c === 96 /* ` */) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== 96) j += text.charCodeAt(j) === 92 ? 2 : 1;
      addSub(w, i + 1, Math.min(j, n), 'cmdsub');
      raw(i, Math.min(j + 1, n));
      i = j + 1;
      continue;
    }
    if (c === 34 /* " */) {
      let j = i + 1;
      let seg = j;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 34) break;
        if (d === 92 /* \ */) {
          part(text.slice(seg, j));
          const nx = text[j + 1] ?? '';
          part('$`"\\\n'.includes(nx) ? (nx === '\n' ? '' : nx) : `\\${nx}`);
          j += 2;
          seg = j;
          continue;
        }
        if (d === 36 && text.charCodeAt(j + 1) === 40) {
          const e = closeParen(text, j + 2);
          addSub(w, j + 2, Math.min(e, n), 'cmdsub');
          j = e + 1;
          continue;
        }
        if (d === 96) {
          let k = j + 1;
          while (k < n && text.charCodeAt(k) !== 96) k += text.charCodeAt(k) === 92 ? 2 : 1;
          addSub(w, j + 1, Math.min(k, n), 'cmdsub');
          j = k + 1;
          continue;
        }
        j++;
      }
      part(text.slice(seg, Math.min(j, n)));
      i = j + 1;
      continue;
    }
    if (c === 92 /* \ */) {
      const nx = text[i + 1];
      if (nx !== undefined && nx !== '\n') part(nx);
      i += 2;
      continue;
    }
    // A run of plain characters.
    let j = i + 1;
    while (j < n && isPlain(text.charCodeAt(j))) j++;
    raw(i, j);
    i = j;
  }
  endWord(Math.min(i, n));
  endCommand();
  for (const h of heredocs) if (h.cmd.stdinText === undefined) h.cmd.stdinText = '';
  return { commands, truncated };

  function readHeredocs(from: number): number {
    let i2 = from;
    while (heredocs.length > 0) {
      const h = heredocs.shift()!;
      const bodyStart = i2;
      let found = false;
      while (i2 < n) {
        let e = text.indexOf('\n', i2);
        if (e < 0) e = n;
        let line = text.slice(i2, e);
        if (h.strip) line = line.replace(/^\t+/, '');
        if (line === h.delim || line === `${h.delim}\r`) {
          h.cmd.stdinText = text.slice(bodyStart, i2);
          i2 = e + 1;
          found = true;
          break;
        }
        i2 = e + 1;
      }
      if (!found) { h.cmd.stdinText = text.slice(bodyStart, n); i2 = n; }
    }
    return i2;
  }

  function skipBlank(k: number): number {
    while (k < n && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB)) k++;
    return k;
  }
}

function isBoundary(c: number): boolean {
  return Number.isNaN(c) || c === SPACE || c === TAB || c === NL || c === 59 || c === CR;
}

function isPlain(c: number): boolean {
  return !(c === SPACE || c === TAB || c === NL || c === CR || c === 59 || c === 38 || c === 124 || c === 60 || c === 62 || c === 40 || c === 41 || c === 39 || c === 34 || c === 92 || c === 96 || c === 36);
}

/** Index of the ")" closing a "$(" whose content starts at `from` (quotes skipped), or text.length. */
function closeParen(text: string, from: number): number {
  let depth = 1;
  let j = from;
  const n = text.length;
  while (j < n) {
    const d = text.charCodeAt(j);
    if (d === 39) { const e = text.indexOf("'", j + 1); j = e < 0 ? n : e + 1; continue; }
    if (d === 34) {
      let k = j + 1;
      while (k < n && text.charCodeAt(k) !== 34) k += text.charCodeAt(k) === 92 ? 2 : 1;
      j = k + 1;
      continue;
    }
    if (d === 92) { j += 2; continue; }
    if (d === 40) depth++;
    else if (d === 41 && --depth === 0) return j;
    j++;
  }
  return n;
}

function ansiC(s: string): string {
  return s.replace(/\\(?:x([0-9a-fA-F]{1,2})|u([0-9a-fA-F]{1,4})|([0-7]{1,3})|(.))/g, (_m, x: string | undefined, u: string | undefined, o: string | undefined, ch: string | undefined) => {
    if (x) return String.fromCharCode(parseInt(x, 16));
    if (u) return String.fromCharCode(parseInt(u, 16));
    if (o) return String.fromCharCode(parseInt(o, 8));
    return ch === 'n' ? '\n' : ch === 't' ? '\t' : ch === 'r' ? '\r' : ch === 'a' ? '\x07' : ch === 'e' ? '\x1b' : ch ?? '';
  });
}
