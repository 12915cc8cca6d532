import type { RawFinding, ScannerV1, ScanInput, ScanOptions, ScanPart } from '@vigil/scanner-spec';
import { analyseInput, classifyPath, fileAccesses, interpreterCode, normalizePath, type ShellCommand } from '../shell/index.js';
import { verdict, type Mode } from './rules.js';

/**
 * Reads and writes of credential stores (.env, SSH and GPG keys, cloud CLI credentials, token
 * files, keychains, browser profiles, /etc/shadow) and of the agent's own configuration and
 * hooks (and Vigil's), through file tools or shell commands.
 */
export const filesScanner: ScannerV1 = {
  specificationVersion: 'v1',
  id: 'files',
  version: '1.0.0',
  stages: ['tool_input'],
  scan(input: ScanInput, _options: ScanOptions): RawFinding[] {
    if (input.stage !== 'tool_input') return [];
    const out: RawFinding[] = [];
    fileTool(input, out);
    for (const { analysis } of analyseInput(input)) {
      for (const c of analysis.commands) shellCommand(c, out);
    }
    return out;
  },
};

const PATH_KEYS = new Set(['file_path', 'filepath', 'path', 'paths', 'notebook_path', 'target_file', 'absolute_path', 'relative_workspace_path', 'filename', 'file', 'files', 'source', 'destination', 'dest', 'src', 'from', 'to', 'target', 'directory', 'dir', 'target_directory', 'old_path', 'new_path', 'uri', 'url']);
const MAX_FINDINGS = 50;

function fileTool(input: ScanInput, out: RawFinding[]): void {
  const tool = input.tool;
  if (!tool || tool.kind === 'shell' || tool.kind === 'web' && !input.parts.some((p) => p.text.startsWith('file://'))) return;
  const name = tool.name.toLowerCase();
  const [baseMode, named] = toolMode(name, tool.kind);
  const globTool = /glob/.test(name) || name === 'file_search';
  const grepTool = /grep|search_file_content|search_content|ripgrep/.test(name);
  let base: string | undefined;
  for (const p of input.parts) if (p.path === 'path' || p.path === 'dir' || p.path === 'directory') base = p.text;
  for (const p of input.parts) {
    const segs = p.path.split('.');
    if (segs.length > 2 || (segs.length === 2 && !/^\d+$/.test(segs[1]!))) {
      if (p.path === 'input' || segs[0] === 'input') applyPatch(p, out);
      continue;
    }
    const key = segs[0]!.toLowerCase();
    let mode: Mode | undefined;
    let text = p.text;
    if (key === 'input' && /^\*\*\* Begin Patch/.test(text)) { applyPatch(p, out); continue; }
    if ((key === 'url' || key === 'uri')) { if (!text.startsWith('file://')) continue; mode = 'read'; }
    else if (key === 'pattern' && globTool) { mode = 'list'; if (base && !text.startsWith('/') && !text.startsWith('~')) text = `${base}/${text}`; }
    else if (key === 'glob' && grepTool) { mode = 'list'; if (base && !text.startsWith('/') && !text.startsWith('~')) text = `${base}/${text}`; }
    else if (PATH_KEYS.has(key)) {
      mode = baseMode;
      if (grepTool) mode = 'read';
      if (/move|rename/.test(name)) mode = key === 'source' || key === 'src' || key === 'from' || key === 'old_path' ? 'delete' : 'write';
      if (globTool && key === 'path') mode = 'list';
    }
    if (!mode || text.length > 4096) continue;
    const n = normalizePath(text);
    const info = n ? classifyPath(n) : undefined;
    if (!info) continue;
    const weak = !named && (tool.kind === 'mcp' || tool.kind === 'other');
    for (const m of mode === 'delete' ? (['read', 'delete'] as Mode[]) : [mode]) {
      const v = verdict(info, m, false, weak);
      if (v) push(out, { rule: v.rule, severity: v.severity, confidence: v.confidence, path: p.path, start: 0, end: p.text.length, message: v.message });
    }
  }
}

/** What a file tool does with its path, from its kind and name (read_file, write_file, delete_file…). */
function toolMode(name: string, kind: string): [Mode, boolean] {
  const n = name.replace(/^mcp__.*__/, '');
  if (/delete|remove|unlink|trash/.test(n)) return ['delete', true];
  if (/write|edit|create|save|update|append|put|patch|replace|insert|modify|upload/.test(n)) return ['write', true];
  if (/^(?:ls|list|tree|stat|info|exists)|list_dir|directory_tree|list_directory|get_file_info/.test(n)) return ['list', true];
  if (kind === 'file_write') return ['write', true];
  if (kind === 'file_read' || /read|view|cat|open|show|get|load|head|tail|download/.test(n)) return ['read', true];
  return ['read', false];
}

/** Codex apply_patch: "*** Add File: p", "*** Update File: p", "*** Delete File: p", "*** Move to: p". */
function applyPatch(p: ScanPart, out: RawFinding[]): void {
  if (p.text.indexOf('*** ') < 0) return;
  const re = /^\*\*\* (Add File|Update File|Delete File|Move to): ([^\n]{1,4096})$/gm;
  let m: RegExpExecArray | null;
  let count = 0;
  while ((m = re.exec(p.text)) !== null && count++ < 256) {
    const n = normalizePath(m[2]!.trim());
    const info = n ? classifyPath(n) : undefined;
    if (!info) continue;
    const v = verdict(info, m[1] === 'Delete File' ? 'delete' : 'write', false, false);
    if (v) push(out, { rule: v.rule, severity: v.severity, confidence: v.confidence, path: p.path, start: m.index, end: m.index + m[0].length, message: v.message });
  }
}

function shellCommand(c: ShellCommand, out: RawFinding[]): void {
  for (const a of fileAccesses(c)) {
    const n = normalizePath(a.path, c.cwd !== undefined && c.cwd !== '?' ? c.cwd : undefined);
    const info = n ? classifyPath(n) : undefined;
    if (!info) continue;
    const v = verdict(info, a.mode, true, !a.strong);
    if (!v) continue;
    const own = a.argIndex >= 0 ? c.argPaths?.[a.argIndex] : undefined;
    const span: [number, number] = own !== undefined ? [0, c.argv[a.argIndex]!.length] : (a.argIndex >= 0 ? c.argSpans[a.argIndex] : undefined) ?? [c.start, c.end];
    const msg = c.via === 'remote' ? `${v.message} (on a remote host, over ssh)` : v.message;
    push(out, { rule: v.rule, severity: v.severity, confidence: v.confidence, path: own ?? c.path, start: span[0], end: span[1], message: msg });
  }
  codeMentions(c, out);
}

const LITERAL = /(["'`])((?:~|\.{0,2}\/|\$HOME|[A-Za-z]:\\|\.)[^"'`\n]{0,512})\1/.source;
const WRITES = /\bopen\s*\([^)]{0,600},\s*['"][wa]|\.write(?:File|FileSync|_text|_bytes)?\s*\(|\bjson\.dump\s*\(|\bfs\.(?:write|append|rm|unlink|copyFile|rename)|\bos\.(?:remove|unlink|rename|replace)\b|\bshutil\.(?:copy|move|rmtree)|\.unlink\s*\(|\bFile\.write\b|\bfile_put_contents\b|\bunlink\s*\(|>>?\s*["']/;

/** Sensitive paths named in interpreter code (python -c, node -e, a here-document fed to python). */
function codeMentions(c: ShellCommand, out: RawFinding[]): void {
  const code = interpreterCode(c);
  if (code === undefined || code.length > 65536) return;
  if (code.indexOf('/') < 0 && code.indexOf('.env') < 0) return;
  const writes = WRITES.test(code);
  // An explicit read call makes a named secret file a read, not just a mention.
  const reads = /\bopen\s*\(|readFileSync|readFile\s*\(|read_text\s*\(|read_bytes\s*\(|File\.read|file_get_contents|IO\.read|slurp|Get-Content/.test(code);
  const re = new RegExp(LITERAL, 'g');
  let m: RegExpExecArray | null;
  let count = 0;
  while ((m = re.exec(code)) !== null && count++ < 64) {
    const n = normalizePath(m[2]!);
    const info = n ? classifyPath(n) : undefined;
    if (!info) continue;
    const v = verdict(info, writes && (info.cls === 'agent-config' || info.cls === 'monitor-config') ? 'write' : 'read', true, !reads && !writes);
    if (v) push(out, { rule: v.rule, severity: v.severity, confidence: Math.min(v.confidence, 0.7), path: c.path, start: c.start, end: c.end, message: `In ${c.name} code: ${v.message}` });
  }
}

function push(out: RawFinding[], f: RawFinding): void {
  if (out.length >= MAX_FINDINGS) return;
  for (const g of out) if (g.rule === f.rule && g.path === f.path && g.start === f.start && g.end === f.end) return;
  out.push(f);
}
