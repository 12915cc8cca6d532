// Codex CLI tools by what they touch, as hooks name them (Codex 0.169.0). Hooks do not see the
// model-facing names for everything: shell and unified exec (exec_command) reach hooks as "Bash"
// with tool_input.command; apply_patch keeps its name with the patch in tool_input.command; MCP
// tools are mcp__<server>__<tool>. Anything else is 'other'.
import type { ToolKind } from '../../model/kinds.js';
import { parseMcpToolName } from '../tools.js';

const CODEX_TOOL_KINDS: Record<string, ToolKind> = {
  Bash: 'shell',
  shell: 'shell',
  shell_command: 'shell',
  exec_command: 'shell',
  write_stdin: 'shell',
  local_shell: 'shell',
  container_exec: 'shell',
  'container.exec': 'shell',
  apply_patch: 'file_write',
  read_file: 'file_read',
  list_dir: 'file_read',
  grep_files: 'file_read',
  view_image: 'file_read',
  web_search: 'web',
};

export function codexToolKind(name: string): ToolKind {
  if (parseMcpToolName(name)) return 'mcp';
  return CODEX_TOOL_KINDS[name] ?? 'other';
}

export function codexMcpServer(name: string): string | undefined {
  return parseMcpToolName(name)?.server;
}

// The model-facing names of the shell tools, which hooks report as Bash (OTLP keeps them).
const SHELL_NAMES = new Set(['exec_command', 'shell', 'shell_command', 'local_shell', 'container_exec', 'container.exec']);

/** A tool's name as Codex's hooks give it. */
export function codexHookToolName(name: string): string {
  return SHELL_NAMES.has(name) ? 'Bash' : name;
}
