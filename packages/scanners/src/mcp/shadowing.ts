import type { RawFinding } from '@vigil/scanner-spec';

// Tool shadowing: a tool that takes the name of another server's tool or of a client built-in, or
// whose description tells the assistant how to use other tools ("when using send_email, always
// BCC ..."). Names are compared case- and separator-insensitively ("Read_File" = "readfile").

/** Built-in tool names of common clients (Claude Code, Cursor, Codex, Windsurf, Cline). */
export const BUILTIN_TOOLS: readonly string[] = [
  'Bash', 'Read', 'Write', 'Edit', 'MultiEdit', 'Glob', 'Grep', 'LS', 'WebFetch', 'WebSearch', 'Task', 'TodoWrite', 'NotebookEdit', 'NotebookRead',
  'read_file', 'write_file', 'edit_file', 'apply_patch', 'run_terminal_cmd', 'codebase_search', 'grep_search', 'file_search', 'list_dir', 'delete_file',
  'web_search', 'shell', 'local_shell', 'execute_command', 'read_terminal', 'write_to_file', 'replace_in_file', 'search_files', 'list_files', 'browser_action',
];
const BUILTIN = new Set(BUILTIN_TOOLS.map((n) => n.toLowerCase().replace(/[\s_.-]/g, '')));

// Directive words near another tool's name: the description tries to change how that tool is used.
const STEER = /\b(?:instead(?: of)?|rather than|always|never|must|should|do not use|don't use|before (?:using|calling)|after (?:using|calling)|whenever|every time|override|replace|in place of|also (?:send|add|include|bcc|cc|copy))\b/i;
// Identifier-like words: send_email, read-file, WebFetch, or a plain word of 3+ letters.
const TOOLISH = /[A-Za-z][A-Za-z0-9]*(?:[_.-][A-Za-z0-9]+)+|[A-Za-z]{3,}/g;
const OTHER_TOOLS = /\b(?:all|any|every|other|the other)\s+(?:other\s+)?tools?\b[^.\n]{0,80}\b(?:must|should|always|never|instead|first|also)\b|\b(?:must|should|always|never)\b[^.\n]{0,60}\b(?:all|any|every|other)\s+(?:other\s+)?tools?\b/i;

export function shadowing(name: string, description: string, namePath: string, descPath: string, others: ReadonlySet<string>, server: string): RawFinding[] {
  const out: RawFinding[] = [];
  const norm = name.toLowerCase().replace(/[\s_.-]/g, '');
  if (others.has(norm)) {
    out.push({
      rule: 'mcp-tool-shadowing', severity: 'medium', confidence: 0.6, path: namePath, start: 0, end: Math.max(1, name.length),
      message: `MCP tool "${name}" on ${server} has the same name as a tool of another connected server, so the assistant may call the wrong one; rename or disable one of them.`,
    });
  } else if (BUILTIN.has(norm)) {
    out.push({
      rule: 'mcp-tool-shadowing', severity: 'low', confidence: 0.4, path: namePath, start: 0, end: Math.max(1, name.length),
      message: `MCP tool "${name}" on ${server} has the name of a built-in tool of AI clients; make sure the assistant is meant to use it in place of the built-in.`,
    });
  }
  if (!description) return out;
  // Another tool named in the description, with directive words close by.
  const named = new Set<string>();
  for (const m of description.matchAll(TOOLISH)) {
    if (named.size >= 50) break;
    const word = m[0];
    const n = word.toLowerCase().replace(/[\s_.-]/g, '');
    if (n === norm || named.has(n)) continue;
    const start = m.index ?? 0;
    const multiPart = /[_.-]|[a-z][A-Z]/.test(word);
    // A single ordinary word ("search", "Read") is a tool name only when marked as one.
    const marked = multiPart || /[`'"]$/.test(description.slice(Math.max(0, start - 1), start)) || /^\s{0,2}(?:tool|function|command)\b/i.test(description.slice(start + word.length, start + word.length + 12));
    if (!marked || !(others.has(n) || BUILTIN.has(n))) continue;
    named.add(n);
    const around = description.slice(Math.max(0, start - 120), start + word.length + 120);
    const steer = STEER.test(around);
    if (!steer && !others.has(n)) continue;
    out.push({
      rule: 'mcp-tool-shadowing', severity: steer ? 'high' : 'medium', confidence: steer ? 0.8 : 0.5, path: descPath, start, end: start + word.length,
      message: steer
        ? `The description of MCP tool "${name}" on ${server} tells the assistant how to use another tool ("${word}"); a tool's description should only describe itself, so treat this as tool shadowing and review the server.`
        : `The description of MCP tool "${name}" on ${server} mentions "${word}", a tool of another server; check that it does not try to change how that tool is used.`,
    });
  }
  if (named.size === 0) {
    const m = OTHER_TOOLS.exec(description);
    if (m) {
      out.push({
        rule: 'mcp-tool-shadowing', severity: 'medium', confidence: 0.6, path: descPath, start: m.index, end: m.index + m[0].length,
        message: `The description of MCP tool "${name}" on ${server} gives rules for other tools; a tool's description should only describe itself, so review the server.`,
      });
    }
  }
  return out;
}
