// Gemini CLI's tool names (0.61.0) by what they touch. MCP tools are named
// mcp_<server>_<tool>; the hook payload also says the server in mcp_context.server_name.
import type { ToolKind } from '../../model/kinds.js';

const GEMINI_TOOL_KINDS: Record<string, ToolKind> = {
  run_shell_command: 'shell',
  read_file: 'file_read',
  read_many_files: 'file_read',
  glob: 'file_read',
  grep_search: 'file_read',
  // The older name of grep_search, still accepted as an alias.
  search_file_content: 'file_read',
  list_directory: 'file_read',
  write_file: 'file_write',
  replace: 'file_write',
  web_fetch: 'web',
  google_web_search: 'web',
};

/** The MCP server of a tool call: mcp_context.server_name, else a guess from the name. */
export function geminiMcpServer(name: string, mcpContext: unknown): string | undefined {
  const ctx = mcpContext as { server_name?: unknown } | null | undefined;
  if (typeof ctx?.server_name === 'string' && ctx.server_name !== '') return ctx.server_name;
  if (!name.startsWith('mcp_')) return undefined;
  // Without the context the split is ambiguous (server names may hold "_"): take the first part.
  const rest = name.slice(4);
  const sep = rest.indexOf('_');
  return sep > 0 && sep < rest.length - 1 ? rest.slice(0, sep) : undefined;
}

export function geminiToolKind(name: string, mcpContext?: unknown): ToolKind {
  if (geminiMcpServer(name, mcpContext)) return 'mcp';
  return GEMINI_TOOL_KINDS[name] ?? 'other';
}
