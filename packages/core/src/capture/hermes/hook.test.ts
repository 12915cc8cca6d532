import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateEvent } from '../../model/validate.js';
import type { HookPayload } from '../hooks/adapter.js';
import { hermesHookAdapter } from './adapter.js';
import { hermesHookAnswer } from './answer.js';
import { normaliseHermesHook } from './hook.js';
import { hermesToolKind, parseHermesMcpToolName } from './tools.js';

// The shared contract (../hooks/contract.test.ts) runs the fixtures; these are Hermes' own rules.
const FIXTURE = fileURLToPath(new URL('../../../fixtures/hooks/hermes/01-fix-failing-test.json', import.meta.url));
const events = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { events: { payload: HookPayload }[] }).events.map((e) => e.payload);
const T = Date.UTC(2026, 10, 22, 10, 15, 2);
const at = (name: string, tool?: string) => events.find((p) => p.hook_event_name === name && (!tool || p.tool_name === tool))!;
const norm = (p: unknown, id?: string) => {
  const r = normaliseHermesHook(p, { timeMs: T, ...(id ? { id } : {}) });
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.event;
};

test('a tool call and its result share the call id, and their ids come from it, not from the relay', () => {
  const pre = norm(at('pre_tool_call', 'terminal'), 'relay-1');
  const post = norm(at('post_tool_call', 'terminal'), 'relay-2');
  assert.equal(pre.id, 'hermes:20261122_101502_7c3e9a41:toolu_01Hq3VdWk8sYbR2nP7xLmT4c:pre_tool_call');
  assert.equal(post.id, 'hermes:20261122_101502_7c3e9a41:toolu_01Hq3VdWk8sYbR2nP7xLmT4c:post_tool_call');
  assert.equal(pre.tool?.call_id, post.tool?.call_id);
  assert.deepEqual(pre.input, { command: 'python -m pytest tests/test_totals.py -x -q', timeout: 120 });
  assert.equal(pre.model, undefined);
  // The result is a JSON string: kept parsed.
  assert.equal((post.output as { exit_code: number }).exit_code, 1);
  assert.equal(post.duration_ms, 1843);
  assert.equal(post.error, undefined);
});

test('a failed call is a tool_error carrying the error; a session-less payload falls back to its task id', () => {
  const failed = norm(at('post_tool_call', 'mcp__github__create_issue'));
  assert.equal(failed.kind, 'tool_error');
  assert.equal(failed.error, 'Resource not accessible by personal access token');
  const blocked = norm({ ...at('post_tool_call', 'terminal'), extra: { ...(at('post_tool_call', 'terminal').extra as object), status: 'blocked' } });
  assert.equal(blocked.error, 'tool call blocked');

  const noSession = norm({ ...at('pre_tool_call', 'terminal'), session_id: '' });
  assert.equal(noSession.session_id, '20261122_101502_7c3e9a41');
  const none = normaliseHermesHook({ hook_event_name: 'on_session_start', session_id: '', extra: {} }, { timeMs: T });
  assert.ok(!none.ok && /names no session/.test(none.error));
});

test('events without an id of their own take the relay id; ids a client makes invalid are not used', () => {
  const start = norm(at('on_session_start'), 'relay-0');
  assert.equal(start.id, 'hermes:20261122_101502_7c3e9a41:on_session_start');
  const odd = norm({ ...at('pre_tool_call', 'terminal'), extra: { tool_call_id: 'has spaces in it' } }, 'relay-9');
  assert.equal(odd.id, 'relay-9');
  assert.ok(validateEvent(odd, T).ok);
});

test('answers: block and modify on pre_tool_call only, in the Hermes-canonical shape', () => {
  assert.deepEqual(hermesHookAnswer('pre_tool_call', { action: 'deny', reason: 'no' }), { action: 'block', message: 'no' });
  assert.deepEqual(hermesHookAnswer('pre_tool_call', { action: 'rewrite', input: { command: 'echo [MASKED]' }, reason: 'masked' }), { action: 'modify', args: { command: 'echo [MASKED]' } });
  assert.deepEqual(hermesHookAnswer('pre_tool_call', { action: 'allow' }), {});
  for (const h of ['pre_llm_call', 'post_tool_call', 'on_session_end']) assert.deepEqual(hermesHookAnswer(h, { action: 'deny', reason: 'no' }), {});
  assert.deepEqual([...hermesHookAdapter.deciding], ['pre_tool_call']);
});

test('tool kinds: built-ins, browser tools, both MCP spellings', () => {
  const kinds = ['terminal', 'execute_code', 'read_file', 'search_files', 'write_file', 'patch', 'web_search', 'browser_click', 'delegate_task', 'memory', 'mcp__linear__list_issues', 'mcp_linear_list_issues'].map(hermesToolKind);
  assert.deepEqual(kinds, ['shell', 'shell', 'file_read', 'file_read', 'file_write', 'file_write', 'web', 'web', 'other', 'other', 'mcp', 'mcp']);
  assert.deepEqual(parseHermesMcpToolName('mcp__linear__list_issues'), { server: 'linear', tool: 'list_issues' });
  assert.deepEqual(parseHermesMcpToolName('mcp_linear_list_issues'), { tool: 'linear_list_issues' });
  assert.equal(parseHermesMcpToolName('terminal'), null);
  const legacy = norm({ ...at('pre_tool_call', 'terminal'), tool_name: 'mcp_linear_list_issues' });
  assert.deepEqual(legacy.tool, { name: 'mcp_linear_list_issues', kind: 'mcp', call_id: 'toolu_01Hq3VdWk8sYbR2nP7xLmT4c' });
});
