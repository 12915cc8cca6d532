// What the shared contract test (../hooks/contract.test.ts) does not pin: Cursor's ids, where
// the user, version, directory and MCP server come from, failures, and subagent nesting.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { validateEvent } from '../../model/validate.js';
import { normaliseCursorHook } from './hook.js';

const T = Date.UTC(2026, 10, 22, 9, 0, 0);
const CONV = '7c1e4b2a-93f0-4d6e-b8a5-0f2d61c9e3a4';
const GEN = '0b9f6e21-5a3c-4f7d-9e12-8c4a7d3b6f10';
const base = { conversation_id: CONV, generation_id: GEN, model: 'gpt-5', cursor_version: '2.4.7', workspace_roots: ['/home/ana/billing'], user_email: 'ana@example.com', transcript_path: null };

function norm(p: Record<string, unknown>, cap: Partial<Parameters<typeof normaliseCursorHook>[1]> = {}) {
  const r = normaliseCursorHook({ ...base, ...p }, { timeMs: T, ...cap });
  assert.ok(r.ok, r.ok ? '' : r.error);
  const v = validateEvent(r.event, T);
  assert.ok(v.ok, v.ok ? '' : v.errors.join('; '));
  return r.event;
}

describe('Cursor hook normaliser', () => {
  test('tool events take their id from tool_use_id, so a resend is the same event whatever the relay says', () => {
    const p = { hook_event_name: 'preToolUse', tool_name: 'Shell', tool_input: { command: 'ls' }, tool_use_id: 'toolu_1', cwd: '/home/ana/billing' };
    const a = norm(p, { id: 'relay-a' });
    const b = norm(p, { id: 'relay-b', timeMs: T + 5000 });
    assert.equal(a.id, `cu:${CONV}:toolu_1:preToolUse`);
    assert.equal(b.id, a.id);
    assert.equal(a.tool?.call_id, 'toolu_1');
    // The failure of the same call is its own event, paired by call_id.
    const f = norm({ ...p, hook_event_name: 'postToolUseFailure', error_message: 'boom', failure_type: 'error' });
    assert.equal(f.id, `cu:${CONV}:toolu_1:postToolUseFailure`);
    assert.equal(f.tool?.call_id, 'toolu_1');
  });

  test('a prompt and a turn end are identified by their generation; events without identity by the relay, else the time', () => {
    assert.equal(norm({ hook_event_name: 'beforeSubmitPrompt', prompt: 'hi' }, { id: 'relay' }).id, `cu:${CONV}:${GEN}:beforeSubmitPrompt`);
    assert.equal(norm({ hook_event_name: 'stop', status: 'completed', loop_count: 0 }).id, `cu:${CONV}:${GEN}:stop`);
    assert.equal(norm({ hook_event_name: 'afterAgentResponse', text: 'done' }, { id: 'relay-7' }).id, 'relay-7');
    assert.equal(norm({ hook_event_name: 'afterAgentResponse', text: 'done' }).id, `cu:${CONV}:afterAgentResponse:${T}`);
  });

  test('the generic and the tool-specific event of one shell call are two events (why setup installs only the generic one)', () => {
    const generic = norm({ hook_event_name: 'preToolUse', tool_name: 'Shell', tool_input: { command: 'npm test' }, tool_use_id: 'toolu_2' }, { id: 'r1' });
    const specific = norm({ hook_event_name: 'beforeShellExecution', command: 'npm test', cwd: '/home/ana/billing', sandbox: false }, { id: 'r2' });
    assert.deepEqual([generic.kind, specific.kind], ['tool_call', 'tool_call']);
    assert.notEqual(generic.id, specific.id);
    assert.deepEqual(specific.input, { command: 'npm test', cwd: '/home/ana/billing' });
    assert.equal(specific.tool?.call_id, undefined);
  });

  test('user from user_email, else the relay’s; version from the relay, else cursor_version; cwd, else the first workspace root; turn and model', () => {
    const e = norm({ hook_event_name: 'afterAgentThought', text: 'thinking', model_id: 'claude-4.5-sonnet', duration_ms: 900 }, { user: 'os-user', clientVersion: '2.5.0' });
    assert.deepEqual([e.user, e.client_version, e.cwd, e.turn_id, e.model, e.duration_ms], ['ana@example.com', '2.5.0', '/home/ana/billing', GEN, 'claude-4.5-sonnet', 900]);
    const anon = norm({ hook_event_name: 'afterAgentThought', text: 'thinking', user_email: null }, { user: 'os-user' });
    assert.deepEqual([anon.user, anon.client_version, anon.model], ['os-user', '2.4.7', 'gpt-5']);
  });

  test('MCP: params and results are parsed from their JSON strings; the server is its name, else its URL, else its command', () => {
    const named = norm({ hook_event_name: 'beforeMCPExecution', tool_name: 'list_issues', tool_input: '{"team":"API"}', mcp_server_name: 'linear', url: 'https://mcp.linear.app/sse' });
    assert.deepEqual([named.tool?.kind, named.tool?.mcp_server, named.input], ['mcp', 'linear', { team: 'API' }]);
    assert.equal(norm({ hook_event_name: 'beforeMCPExecution', tool_name: 't', tool_input: '{}', url: 'https://mcp.example.com/mcp' }).tool?.mcp_server, 'https://mcp.example.com/mcp');
    assert.equal(norm({ hook_event_name: 'beforeMCPExecution', tool_name: 't', tool_input: 'not json', command: 'npx srv' }).tool?.mcp_server, 'npx srv');
    const after = norm({ hook_event_name: 'afterMCPExecution', tool_name: 't', tool_input: '{}', result_json: '{"ok":true}', duration: 30, command: 'npx srv' });
    assert.deepEqual([after.output, after.duration_ms], [{ ok: true }, 30]);
    // The generic events name MCP tools MCP:<tool>, without a server.
    const generic = norm({ hook_event_name: 'preToolUse', tool_name: 'MCP:list_issues', tool_input: { team: 'API' }, tool_use_id: 'toolu_3' });
    assert.deepEqual([generic.tool?.kind, generic.tool?.mcp_server], ['mcp', undefined]);
  });

  test('failures say how they failed', () => {
    const fail = (failure_type: string, is_interrupt: boolean) =>
      norm({ hook_event_name: 'postToolUseFailure', tool_name: 'Shell', tool_input: { command: 'sleep 99' }, tool_use_id: 'toolu_4', error_message: 'Command timed out after 30s', failure_type, is_interrupt, duration: 30000 });
    assert.equal(fail('timeout', false).error, 'Command timed out after 30s (timeout)');
    assert.equal(fail('error', true).error, 'Command timed out after 30s (interrupted)');
    assert.equal(fail('error', false).error, 'Command timed out after 30s');
    assert.equal(fail('permission_denied', false).duration_ms, 30000);
  });

  test('a subagent lands in its parent’s session, nested under its id', () => {
    const start = norm({ hook_event_name: 'subagentStart', subagent_id: 'sa-1', subagent_type: 'explore', task: 'look', parent_conversation_id: CONV, subagent_model: 'claude-4.5-haiku' });
    assert.deepEqual([start.session_id, start.parent_id, start.model, start.id], [CONV, 'sa-1', 'claude-4.5-haiku', `cu:${CONV}:sa-1:subagentStart`]);
    // An event of the subagent's own conversation that names its parent nests under it.
    const inner = norm({ hook_event_name: 'preToolUse', conversation_id: 'child-conv', parent_conversation_id: CONV, tool_name: 'Grep', tool_input: { pattern: 'round' }, tool_use_id: 'toolu_5' });
    assert.deepEqual([inner.session_id, inner.parent_id, inner.tool?.kind], [CONV, 'child-conv', 'file_read']);
    assert.equal(norm({ hook_event_name: 'preToolUse', tool_name: 'Read', tool_input: {}, tool_use_id: 'toolu_6' }).parent_id, undefined);
  });

  test('refuses payloads without an event or a conversation', () => {
    for (const [p, msg] of [
      [{ conversation_id: CONV }, /hook_event_name/],
      [{ hook_event_name: 'workspaceOpen', workspace_roots: ['/x'] }, /"workspaceOpen" is not a cursor hook event/],
      [{ hook_event_name: 'stop', status: 'completed' }, /names no session/],
    ] as const) {
      const r = normaliseCursorHook(p, { timeMs: T });
      assert.ok(!r.ok);
      assert.match(r.error, msg);
    }
  });
});
