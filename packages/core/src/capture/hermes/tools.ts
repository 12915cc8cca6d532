// Hermes Agent's tool names by what they touch. Names from toolsets.py (_HERMES_CORE_TOOLS,
// hermes-agent 0.21.3) plus the older names some installs still report.
import type { ToolKind } from '../../model/kinds.js';
import { parseMcpToolName } from '../tools.js';

const HERMES_TOOL_KINDS: Record<string, ToolKind> = {
  terminal: 'shell',
  process_manage: 'shell',
  process: 'shell',
  // Runs a Python script that may call other tools: code execution, like a shell.
  execute_code: 'shell',
  read_file: 'file_read',
  search_files: 'file_read',
  write_file: 'file_write',
  patch: 'file_write',
  web_search: 'web',
  web_extract: 'web',
  x_search: 'web',
};

/**
 * An MCP tool as Hermes names it: `mcp__<server>__<tool>` since the naming change shared with
 * Claude Code (tools/mcp_tool_schema.py), `mcp_<server>_<tool>` before. The old form cannot be
 * split reliably (servers and tools both contain underscores), so its server stays unknown.
 */
export function parseHermesMcpToolName(name: string): { server?: string; tool: string } | null {
  const current = parseMcpToolName(name);
  if (current) return current;
  if (name.startsWith('mcp_') && name.length > 4 && !name.startsWith('mcp__')) return { tool: name.slice(4) };
  return null;
}

export function hermesToolKind(name: string): ToolKind {
  if (parseHermesMcpToolName(name)) return 'mcp';
  // browser_navigate, browser_click, … browser_exec: all drive a web page.
  if (name.startsWith('browser_')) return 'web';
  return HERMES_TOOL_KINDS[name] ?? 'other';
}
