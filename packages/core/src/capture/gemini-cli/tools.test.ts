import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiMcpServer, geminiToolKind } from './tools.js';

test('Gemini CLI tools are classified by what they touch', () => {
  const want: Record<string, string> = {
    run_shell_command: 'shell', read_file: 'file_read', read_many_files: 'file_read', glob: 'file_read', grep_search: 'file_read',
    search_file_content: 'file_read', list_directory: 'file_read', write_file: 'file_write', replace: 'file_write',
    web_fetch: 'web', google_web_search: 'web', write_todos: 'other', ask_user: 'other', mcp_weather_get_forecast: 'mcp',
  };
  for (const [name, kind] of Object.entries(want)) assert.equal(geminiToolKind(name), kind, name);
});

test('the MCP server comes from mcp_context when there is one (server names may contain "_")', () => {
  assert.equal(geminiMcpServer('mcp_my_db_query', { server_name: 'my_db', tool_name: 'query' }), 'my_db');
  assert.equal(geminiMcpServer('mcp_my_db_query', undefined), 'my');
  assert.equal(geminiMcpServer('mcp_x', undefined), undefined);
  assert.equal(geminiToolKind('mcp_x'), 'other');
});
