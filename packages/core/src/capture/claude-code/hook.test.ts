import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateEvent } from '../../model/validate.js';
import { claudeCodeHookAnswer } from './answer.js';
import { normaliseClaudeCodeHook } from './hook.js';

// Real payloads captured from Claude Code 2.1.328 (see ../shared/datasets/README.md).
const ROOT = process.env.VIGIL_DATASETS ?? fileURLToPath(new URL('../../../../../../shared/datasets', import.meta.url));
const DIR = `${ROOT}/claude-code/hooks`;
const SKIP = existsSync(DIR) ? false : `dataset not found at ${DIR} (set VIGIL_DATASETS to the datasets directory)`;
if (SKIP) process.stderr.write(`note: skipping the Claude Code fixture tests: ${SKIP}\n`);
const T = Date.UTC(2026, 10, 21, 12, 0, 0);

// Locked: what each captured payload becomes. A change here is a change to the normal form.
const EXPECTED: Record<string, { kind: string; tool?: [string, string]; text?: RegExp; input?: string; output?: string; error?: RegExp; duration?: number }> = {
  '00-SessionStart.json': { kind: 'session_start', text: /^session startup$/ },
  '01-UserPromptSubmit.json': { kind: 'prompt', text: /^Check the weather for the city in my notes/ },
  '02-PreToolUse.json': { kind: 'tool_call', tool: ['Read', 'file_read'], input: 'notes.md' },
  '03-PostToolUse.json': { kind: 'tool_result', tool: ['Read', 'file_read'], output: 'City: Zurich', duration: 11 },
  '04-PreToolUse.json': { kind: 'tool_call', tool: ['mcp__weather__get_forecast', 'mcp'], input: 'Zurich' },
  '05-PostToolUse.json': { kind: 'tool_result', tool: ['mcp__weather__get_forecast', 'mcp'] },
  '06-PreToolUse.json': { kind: 'tool_call', tool: ['Write', 'file_write'], input: 'report.txt' },
  '07-PostToolUse.json': { kind: 'tool_result', tool: ['Write', 'file_write'] },
  '08-PreToolUse.json': { kind: 'tool_call', tool: ['Edit', 'file_write'], input: 'sunny, 21C' },
  '09-PostToolUse.json': { kind: 'tool_result', tool: ['Edit', 'file_write'] },
  '10-PreToolUse.json': { kind: 'tool_call', tool: ['Bash', 'shell'], input: 'does-not-exist.txt' },
  '11-PostToolUseFailure.json': { kind: 'tool_error', tool: ['Bash', 'shell'], error: /No such file or directory/, duration: 26 },
  '12-Stop.json': { kind: 'notification', text: /^I wrote the weather report/ },
  '13-SessionEnd.json': { kind: 'session_end', text: /^session ended: other$/ },
};

describe('Claude Code hook normaliser', { skip: SKIP }, () => {
  const files = SKIP ? [] : readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

  test('every captured payload has a locked expectation', () => {
    assert.deepEqual(files, Object.keys(EXPECTED).sort());
  });

  test('each captured payload becomes the expected, valid canonical event with its payload as raw', () => {
    for (const f of files) {
      const payload = JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8')) as Record<string, unknown>;
      const r = normaliseClaudeCodeHook(payload, { timeMs: T, user: 'dev', device: { hostname: 'ws1' }, clientVersion: '2.1.328' });
      assert.ok(r.ok, f);
      const e = r.event;
      const want = EXPECTED[f]!;
      assert.equal(e.kind, want.kind, f);
      assert.equal(e.session_id, '0a1aad4f-1d99-4a12-8e39-ac9deff4c7a9', f);
      assert.equal(e.client, 'claude-code');
      assert.equal(e.capture, 'hook');
      assert.equal(e.time, '2026-11-21T12:00:00.000Z');
      assert.equal(e.cwd, '/home/dev/weather-app', f);
      assert.deepEqual([e.user, e.device, e.client_version], ['dev', { hostname: 'ws1' }, '2.1.328']);
      assert.deepEqual(e.raw, payload, f);
      if (want.tool) {
        assert.deepEqual([e.tool?.name, e.tool?.kind], want.tool, f);
        assert.equal(e.tool?.call_id, payload.tool_use_id, f);
        if (want.tool[1] === 'mcp') assert.equal(e.tool?.mcp_server, 'weather', f);
        assert.deepEqual(e.input, payload.tool_input, f);
      } else {
        assert.equal(e.tool, undefined, f);
      }
      if (want.text) assert.match(e.text ?? '', want.text, f);
      if (want.input) assert.ok(JSON.stringify(e.input).includes(want.input), f);
      if (want.output) assert.ok(JSON.stringify(e.output).includes(want.output), f);
      if (want.error) assert.match(e.error ?? '', want.error, f);
      if (want.duration !== undefined) assert.equal(e.duration_ms, want.duration, f);
      const v = validateEvent(e, T, f);
      assert.ok(v.ok, `${f}: ${v.ok ? '' : v.errors.join('; ')}`);
    }
  });

  test('tool events get ids from the tool call, so a resent hook is the same event', () => {
    const payload = JSON.parse(readFileSync(`${DIR}/02-PreToolUse.json`, 'utf8')) as unknown;
    const a = normaliseClaudeCodeHook(payload, { timeMs: T });
    const b = normaliseClaudeCodeHook(payload, { timeMs: T + 5000 });
    assert.ok(a.ok && b.ok);
    assert.equal(a.event.id, 'cc:0a1aad4f-1d99-4a12-8e39-ac9deff4c7a9:toolu_1_1:PreToolUse');
    assert.equal(a.event.id, b.event.id);
    // A tool call's own id wins over the relay's, so OTLP's report of it is the same event.
    const relayed = normaliseClaudeCodeHook(payload, { timeMs: T, id: 'relay-fixed-id' });
    assert.ok(relayed.ok);
    assert.equal(relayed.event.id, 'cc:0a1aad4f-1d99-4a12-8e39-ac9deff4c7a9:toolu_1_1:PreToolUse');
    const stop = normaliseClaudeCodeHook(JSON.parse(readFileSync(`${DIR}/12-Stop.json`, 'utf8')), { timeMs: T, id: 'relay-fixed-id' });
    assert.ok(stop.ok);
    assert.equal(stop.event.id, 'relay-fixed-id');
  });
});

describe('Claude Code hook normaliser on bad input', () => {
  test('refuses what is not a hook event, saying why', () => {
    const cases: [unknown, RegExp][] = [
      [null, /must be a JSON object/],
      [[1], /must be a JSON object/],
      [{ session_id: 's' }, /hook_event_name is missing/],
      [{ hook_event_name: 'Teleport', session_id: 's' }, /"Teleport" is not a Claude Code hook event/],
      [{ hook_event_name: 'Stop' }, /session_id is missing/],
    ];
    for (const [payload, msg] of cases) {
      const r = normaliseClaudeCodeHook(payload, { timeMs: T });
      assert.ok(!r.ok);
      assert.match(r.error, msg);
    }
  });
});

describe('Claude Code hook answers', () => {
  test('allow is an empty object; deny takes each event’s own form', () => {
    assert.deepEqual(claudeCodeHookAnswer('PreToolUse', { action: 'allow' }), {});
    assert.deepEqual(claudeCodeHookAnswer('PreToolUse', { action: 'deny', reason: 'no' }), {
      hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: 'no' },
    });
    assert.deepEqual(claudeCodeHookAnswer('PermissionRequest', { action: 'deny', reason: 'no' }), {
      hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'deny', message: 'no' } },
    });
    assert.deepEqual(claudeCodeHookAnswer('PostToolUse', { action: 'deny', reason: 'no' }), { decision: 'block', reason: 'no' });
    assert.deepEqual(claudeCodeHookAnswer('UserPromptSubmit', { action: 'deny', reason: 'no' }), { decision: 'block', reason: 'no' });
    assert.deepEqual(claudeCodeHookAnswer('SessionEnd', { action: 'deny', reason: 'no' }), {});
  });
});
