// Cursor's agent tools by what they touch. Hooks name tools by type (Shell, Read, Write, Grep,
// Delete, Task, …) and MCP tools as `MCP:<tool_name>` (cursor.com/docs/hooks, "Matcher
// Configuration"); the tool-specific MCP events name the bare tool and its server instead.
import type { ToolKind } from '../../model/kinds.js';

const CURSOR_TOOL_KINDS: Record<string, ToolKind> = {
  Shell: 'shell',
  Read: 'file_read',
  Grep: 'file_read',
  Glob: 'file_read',
  List: 'file_read',
  LS: 'file_read',
  ReadLints: 'file_read',
  SemanticSearch: 'file_read',
  CodebaseSearch: 'file_read',
  FileSearch: 'file_read',
  Write: 'file_write',
  Edit: 'file_write',
  MultiEdit: 'file_write',
  StrReplace: 'file_write',
  ApplyPatch: 'file_write',
  Delete: 'file_write',
  EditNotebook: 'file_write',
  WebSearch: 'web',
  WebFetch: 'web',
  Fetch: 'web',
};

/** The tool of an `MCP:<tool_name>` name, or null when it names no MCP tool. */
export function parseCursorMcpToolName(name: string): { tool: string } | null {
  if (!name.startsWith('MCP:') || name.length <= 4) return null;
  return { tool: name.slice(4) };
}

export function cursorToolKind(name: string): ToolKind {
  if (parseCursorMcpToolName(name)) return 'mcp';
  return CURSOR_TOOL_KINDS[name] ?? 'other';
}
