import type { ToolRef } from '../model/event.js';
import type { ToolKind } from '../model/kinds.js';

/** An MCP tool's name as agents spell it: mcp__<server>__<tool>. */
export function parseMcpToolName(name: string): { server: string; tool: string } | null {
  if (!name.startsWith('mcp__')) return null;
  const sep = name.indexOf('__', 5);
  if (sep <= 5 || sep + 2 >= name.length) return null;
  return { server: name.slice(5, sep), tool: name.slice(sep + 2) };
}

/** A tool reference; the MCP server and the client's call id are set only when non-empty. */
export function toolRefOf(name: string, kind: ToolKind, mcpServer?: string, callId?: string): ToolRef {
  const ref: ToolRef = { name, kind };
  if (mcpServer) ref.mcp_server = mcpServer;
  if (callId) ref.call_id = callId;
  return ref;
}

/** The reference to a tool whose client spells MCP tools mcp__<server>__<tool> (the server comes from the name). */
export function mcpNamedToolRef(name: string, kindOf: (name: string) => ToolKind, callId?: string): ToolRef {
  return toolRefOf(name, kindOf(name), parseMcpToolName(name)?.server, callId);
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
