import type { ScanInput } from '@vigil/scanner-spec';
import type { ShellAnalysis } from './types.js';
import { analyzeArgv, analyzeShell } from './analyze.js';

// Where a tool input carries a shell command: Claude Code / Cursor / Gemini `command` string,
// Codex `command: ["bash", "-lc", "…"]`, `cmd`, `script`, `commands: [...]`, or the whole
// input when it is one string. Other tool kinds (MCP) count only with a `command`/`cmd` field.

const SHELL_KEYS = new Set(['command', 'cmd', 'script', 'commands', 'code', 'shell_command', 'commandline', 'command_line', 'bash', 'input']);
const OTHER_KEYS = new Set(['command', 'cmd', 'shell_command', 'commandline', 'command_line']);
const MAX_DEPTH = 3;

export type ShellSource = { kind: 'text'; path: string; text: string } | { kind: 'argv'; path: string; argv: string[] };

export function shellSources(input: ScanInput): ShellSource[] {
  const kind = input.tool?.kind;
  const keys = kind === 'shell' ? SHELL_KEYS : OTHER_KEYS;
  const out: ShellSource[] = [];
  const arrays = new Map<string, string[]>();
  for (const p of input.parts) {
    if (p.path === '') {
      if (kind === 'shell') out.push({ kind: 'text', path: '', text: p.text });
      continue;
    }
    const segs = p.path.split('.');
    if (segs.length > MAX_DEPTH + 1) continue;
    const last = segs[segs.length - 1]!;
    if (keys.has(last.toLowerCase())) {
      if (segs.length <= MAX_DEPTH) out.push({ kind: 'text', path: p.path, text: p.text });
      continue;
    }
    if (/^\d+$/.test(last) && segs.length >= 2) {
      const key = segs[segs.length - 2]!.toLowerCase();
      if (!keys.has(key)) continue;
      const prefix = segs.slice(0, -1).join('.');
      if (key === 'commands') { out.push({ kind: 'text', path: p.path, text: p.text }); continue; }
      let arr = arrays.get(prefix);
      if (!arr) arrays.set(prefix, (arr = []));
      const at = Number(last);
      if (at < 4096) arr[at] = p.text;
    }
  }
  for (const [prefix, arr] of arrays) {
    if (arr.length === 0) continue;
    const argv: string[] = [];
    for (let i = 0; i < arr.length; i++) argv.push(arr[i] ?? '');
    out.push({ kind: 'argv', path: prefix, argv });
  }
  return out;
}

/** Analyse every shell source of a tool input. */
export function analyseInput(input: ScanInput): Array<{ source: ShellSource; analysis: ShellAnalysis }> {
  return shellSources(input).map((source) => ({
    source,
    analysis: source.kind === 'text' ? analyzeShell(source.text, source.path) : analyzeArgv(source.argv, source.path),
  }));
}
