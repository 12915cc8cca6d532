import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normaliseCodexHook } from './hook.js';
import { codexHookAnswer } from './answer.js';
import { codexToolKind } from './tools.js';

// Real payloads captured from Codex 0.169.0 (the shared contract test runs them all; these pin the Codex specifics).
const DIR = fileURLToPath(new URL('../../../fixtures/hooks/codex/', import.meta.url));
const fixture = (f: string) => JSON.parse(readFileSync(DIR + f, 'utf8')) as { session_id: string; events: { payload: Record<string, unknown> }[] };
const T = Date.UTC(2026, 10, 22, 9, 0, 0);

describe('Codex hook normaliser', () => {
  const weather = fixture('01-weather-report.json');
  const at = (hook: string, n = 0) => weather.events.filter((e) => e.payload.hook_event_name === hook)[n]!.payload;

  test('tool events take a stable id from the call id; others the relay’s', () => {
    const pre = at('PreToolUse');
    const a = normaliseCodexHook(pre, { timeMs: T, id: 'relay-1' });
    const b = normaliseCodexHook(pre, { timeMs: T + 9000, id: 'relay-2' });
    assert.ok(a.ok && b.ok);
    assert.equal(a.event.id, `cx:${weather.session_id}:${pre.tool_use_id as string}:PreToolUse`);
    assert.equal(a.event.id, b.event.id);
    const post = normaliseCodexHook(at('PostToolUse'), { timeMs: T });
    assert.ok(post.ok);
    assert.notEqual(post.event.id, a.event.id);
    const stop = normaliseCodexHook(at('Stop'), { timeMs: T, id: 'relay-9' });
    assert.ok(stop.ok);
    assert.equal(stop.event.id, 'relay-9');
  });

  test('keeps the turn, the model and the cwd; "Bash" is a shell call with its command', () => {
    const r = normaliseCodexHook(at('PreToolUse'), { timeMs: T });
    assert.ok(r.ok);
    assert.equal(r.event.turn_id, at('PreToolUse').turn_id);
    assert.equal(r.event.model, 'gpt-5.5');
    assert.equal(r.event.cwd, '/tmp/codex/work');
    assert.deepEqual([r.event.tool?.name, r.event.tool?.kind, r.event.tool?.call_id], ['Bash', 'shell', at('PreToolUse').tool_use_id]);
    assert.deepEqual(r.event.input, { command: 'cat notes.md' });
  });

  test('an MCP result with isError, or a patch with a non-zero exit code, is an error; a shell output is not', () => {
    const mcp = { ...at('PostToolUse', 1), tool_response: { content: [{ type: 'text', text: 'city not found' }], isError: true } };
    const r1 = normaliseCodexHook(mcp, { timeMs: T });
    assert.ok(r1.ok);
    assert.equal(r1.event.kind, 'tool_result');
    assert.equal(r1.event.error, 'city not found');
    const patch = { ...at('PostToolUse', 2), tool_response: 'Exit code: 1\nWall time: 0 seconds\nOutput:\nverification failed: report.txt exists\n' };
    const r2 = normaliseCodexHook(patch, { timeMs: T });
    assert.ok(r2.ok);
    assert.match(r2.event.error ?? '', /verification failed/);
    const ok = normaliseCodexHook(at('PostToolUse', 2), { timeMs: T });
    const shell = normaliseCodexHook(at('PostToolUse', 3), { timeMs: T });
    assert.ok(ok.ok && shell.ok);
    assert.equal(ok.event.error, undefined);
    assert.equal(shell.event.error, undefined);
  });

  test('a subagent’s events keep the parent session and name the subagent', () => {
    const sub = fixture('03-subagent.json');
    const start = sub.events.find((e) => e.payload.hook_event_name === 'SubagentStart')!.payload;
    const r = normaliseCodexHook(start, { timeMs: T });
    assert.ok(r.ok);
    assert.deepEqual([r.event.kind, r.event.session_id, r.event.parent_id], ['subagent_start', sub.session_id, start.agent_id]);
  });

  test('refuses payloads that are not Codex hook events, saying why', () => {
    for (const [bad, msg] of [[null, /JSON object/], [{ session_id: 's' }, /hook_event_name/], [{ hook_event_name: 'PreModelRequest', session_id: 's' }, /not a codex hook event/], [{ hook_event_name: 'Stop' }, /names no session/]] as const) {
      const r = normaliseCodexHook(bad, { timeMs: T });
      assert.ok(!r.ok);
      assert.match(r.error, msg);
    }
  });
});

describe('Codex hook answers and tools', () => {
  test('allow and rewrite say nothing; a deny always carries a non-empty reason', () => {
    assert.deepEqual(codexHookAnswer('PreToolUse', { action: 'allow' }), {});
    assert.deepEqual(codexHookAnswer('PreToolUse', { action: 'rewrite', input: { command: 'ls' }, reason: 'masked' }), {});
    assert.deepEqual(codexHookAnswer('PreToolUse', { action: 'deny', reason: ' ' }), {
      hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: 'denied by Vigil' },
    });
    assert.deepEqual(codexHookAnswer('Stop', { action: 'deny', reason: 'no' }), {});
  });

  test('tool kinds', () => {
    assert.deepEqual(
      ['Bash', 'exec_command', 'apply_patch', 'read_file', 'web_search', 'mcp__github__create_issue', 'spawn_agent'].map(codexToolKind),
      ['shell', 'shell', 'file_write', 'file_read', 'web', 'mcp', 'other'],
    );
  });
});
