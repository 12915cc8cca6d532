import type { ToolKind } from '../model/kinds.js';

/** An MCP tool's name as agents spell it: mcp__<server>__<tool>. */
export function parseMcpToolName(name: string): { server: string; tool: string } | null {
  if (!name.startsWith('mcp__')) return null;
  const sep = name.indexOf('__', 5);
  if (sep <= 5 || sep + 2 >= name.length) return null;
  return { server: name.slice(5, sep), tool: name.slice(sep + 2) };
}

// Claude Code's built-in tools by what they touch. Anything else is 'other' (or 'mcp').
const CLAUDE_CODE_TOOL_KINDS: Record<string, ToolKind> = {
  Bash: 'shell',
  BashOutput: 'shell',
  KillShell: 'shell',
  Read: 'file_read',
  Glob: 'file_read',
  Grep: 'file_read',
  LS: 'file_read',
  NotebookRead: 'file_read',
  Write: 'file_write',
  Edit: 'file_write',
  MultiEdit: 'file_write',
  NotebookEdit: 'file_write',
  WebFetch: 'web',
  WebSearch: 'web',
};

export function claudeCodeToolKind(name: string): ToolKind {
  if (parseMcpToolName(name)) return 'mcp';
  return CLAUDE_CODE_TOOL_KINDS[name] ?? 'other';
}
