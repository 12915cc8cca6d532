import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cursorToolKind, parseCursorMcpToolName } from './tools.js';

test('Cursor tool names by what they touch; MCP:<tool> is an MCP tool; anything else is other', () => {
  const cases: [string, string][] = [
    ['Shell', 'shell'], ['Read', 'file_read'], ['Grep', 'file_read'], ['Write', 'file_write'], ['Delete', 'file_write'],
    ['WebFetch', 'web'], ['MCP:get_invoice', 'mcp'], ['Task', 'other'], ['MCP:', 'other'], ['mcp__x__y', 'other'],
  ];
  for (const [name, kind] of cases) assert.equal(cursorToolKind(name), kind, name);
  assert.deepEqual(parseCursorMcpToolName('MCP:get_invoice'), { tool: 'get_invoice' });
  assert.equal(parseCursorMcpToolName('Shell'), null);
});
