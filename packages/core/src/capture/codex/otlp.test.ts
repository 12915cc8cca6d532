import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { codexEventId } from './hook.js';
import { isCodexResourceLogs, normaliseCodexOtlpLogs, splitCodexOtlpLogs } from './otlp.js';
import { validateEvent } from '../../model/validate.js';
import type { VigilEvent } from '../../model/event.js';

const DIR = fileURLToPath(new URL('../../../fixtures/otlp/codex/', import.meta.url));
const load = (f: string): any => JSON.parse(readFileSync(DIR + f, 'utf8'));
const S1 = '01a2016e-b607-7e62-979a-b4b587f5bc3c';
const S2 = '01a2016e-8a92-7651-8861-15fb23c1c356';

/** The hook payloads Codex sent in the same run: session_id and tool_use_id to compare with. */
const hooks = (f: string): { session_id: string; hook_event_name: string; tool_use_id?: string; tool_name?: string }[] => load(f).hooks;

const str = (v: string) => ({ stringValue: v });
const record = (attrs: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  timeUnixNano: '0',
  observedTimeUnixNano: '1795320000123456789',
  attributes: Object.entries(attrs).map(([key, v]) => ({ key, value: str(v) })),
  ...extra,
});
const request = (records: unknown[], service = 'codex_cli_rs') => ({
  resourceLogs: [{ resource: { attributes: [{ key: 'service.name', value: str(service) }, { key: 'service.version', value: str('0.169.0') }] }, scopeLogs: [{ logRecords: records }] }],
});

describe('Codex OTLP logs (captured from codex-cli 0.169.0)', () => {
  const r = normaliseCodexOtlpLogs(load('01-exec-logs.json'));
  const kinds = (events: VigilEvent[]) => events.map((e) => `${e.kind}${e.tool ? `:${e.tool.name}:${e.tool.kind}` : ''}`);

  test('the exec session becomes a start, the prompt and one event per tool result', () => {
    assert.deepEqual(kinds(r.events), [
      'session_start',
      'prompt',
      'tool_result:Bash:shell',
      'tool_result:apply_patch:file_write',
      'tool_error:Bash:shell',
      'tool_result:tool_search:other',
      'tool_result:mcp__weather__get_forecast:mcp',
    ]);
    assert.ok(r.events.every((e) => e.session_id === S1 && e.client === 'codex' && e.capture === 'otlp' && e.client_version === '0.169.0' && e.model === 'gpt-5.5'));
    for (const e of r.events) assert.equal(validateEvent(e).ok, true, JSON.stringify(validateEvent(e)));
    // sse_event, api_request, startup_phase, turn_ttft, approved tool_decisions and one plain log line
    assert.equal(r.records, r.events.length + r.ignored);
    assert.equal(r.rejected, 0);
    assert.ok(r.ignored > 30);
  });

  test('fields: prompt text, MCP servers, input, output, exit code, MCP server of a call', () => {
    const [start, prompt, ls, patch, cat, , mcp] = r.events as VigilEvent[];
    assert.deepEqual(start!.mcp_servers, ['weather']);
    assert.match(start!.text!, /provider stand-in/);
    assert.equal(prompt!.text, 'List the files here, add notes.txt, then show missing.txt.');
    assert.deepEqual(ls!.input, { cmd: 'ls -la' });
    assert.match(String(ls!.output), /Process exited with code 0/);
    assert.match(String(patch!.input), /\*\*\* Add File: notes\.txt/);
    assert.equal(cat!.error, 'exit code 1');
    assert.equal(mcp!.tool!.mcp_server, 'weather');
    assert.deepEqual(mcp!.input, { city: 'Paris' });
    // The record's event.timestamp (Codex leaves timeUnixNano at 0), sub-millisecond order in seq.
    assert.ok(r.events.every((e) => e.time.startsWith('2026-11-22T04:06:0')));
    const times = r.events.map((e) => `${e.time}/${String(e.seq).padStart(6, '0')}`);
    assert.deepEqual([...times].sort(), times);
  });

  test('session and tool ids are the ones the Codex hooks carry in the same run', () => {
    const h = hooks('01-exec-hooks.json');
    assert.ok(h.every((p) => p.session_id === S1));
    const post = h.filter((p) => p.hook_event_name === 'PostToolUse');
    assert.equal(post.length, 4); // tool_search runs no hooks
    for (const p of post) {
      const e = r.events.find((x) => x.tool?.call_id === p.tool_use_id);
      assert.ok(e, `no OTLP event for ${p.tool_use_id}`);
      assert.equal(e.id, codexEventId(S1, p.tool_use_id!, 'PostToolUse'));
      assert.equal(e.id, `cx:${S1}:${p.tool_use_id}:PostToolUse`);
    }
    // The MCP call is named as the hooks name it.
    assert.ok(post.some((p) => p.tool_name === 'mcp__weather__get_forecast'));
  });

  test('a denied MCP call and a sandbox-rejected patch become a notification and failures', () => {
    const d = normaliseCodexOtlpLogs(load('02-exec-denied-logs.json'));
    assert.deepEqual(kinds(d.events), [
      'session_start',
      'prompt',
      'tool_result:Bash:shell',
      'tool_error:apply_patch:file_write',
      'tool_error:Bash:shell',
      'tool_result:tool_search:other',
      'notification:mcp__weather__get_forecast:mcp',
      'tool_error:mcp__weather__get_forecast:mcp',
    ]);
    const note = d.events[6]!;
    assert.equal(note.text, 'Codex denied mcp__weather__get_forecast (User)');
    assert.equal(note.id, `cx:${S2}:${note.tool!.call_id}:tool_decision`);
    assert.match(d.events[3]!.error!, /rejected/);
    assert.ok(d.events.every((e) => e.session_id === S2 && validateEvent(e).ok));
    // No PostToolUse hook ran for the two refused calls; their ids still follow the scheme.
    const post = new Set(hooks('02-exec-denied-hooks.json').filter((p) => p.hook_event_name === 'PostToolUse').map((p) => p.tool_use_id));
    assert.equal(post.has(d.events[3]!.tool!.call_id), false);
  });
});

describe('Codex OTLP logs: edge cases', () => {
  test('a redacted prompt says how to export it', () => {
    const r = normaliseCodexOtlpLogs(request([record({ 'event.name': 'codex.user_prompt', 'conversation.id': 'c1', prompt: '[REDACTED]', prompt_length: '12', 'event.timestamp': '2026-11-22T04:00:00.000Z' })]));
    assert.match(r.events[0]!.text!, /12 characters; set log_user_prompt = true/);
  });

  test('records without a session or a time are rejected; plain log lines are ignored; nothing throws', () => {
    const r = normaliseCodexOtlpLogs(
      request([
        record({ 'event.name': 'codex.tool_result', call_id: 'call_1', tool_name: 'exec_command' }), // no conversation.id
        record({ 'event.name': 'codex.user_prompt', 'conversation.id': 'c1', 'event.timestamp': 'yesterday' }, { observedTimeUnixNano: 'soon' }),
        { body: str('flushing OTEL metrics'), observedTimeUnixNano: '1795320000123456789' },
        null,
        42,
      ]),
    );
    assert.deepEqual([r.records, r.rejected, r.ignored, r.events.length], [5, 4, 1, 0]);
    for (const bad of [null, 1, 'x', {}, { resourceLogs: 'no' }, { resourceLogs: [null, { scopeLogs: 'x' }, { scopeLogs: [null, { logRecords: {} }] }] }]) {
      assert.deepEqual(normaliseCodexOtlpLogs(bad).events, []);
    }
  });

  test('observedTimeUnixNano is the time when event.timestamp is missing; shell kinds, api errors', () => {
    const r = normaliseCodexOtlpLogs(
      request([
        record({ 'event.name': 'codex.tool_result', 'conversation.id': 'c1', call_id: 'call_9', tool_name: 'shell', success: 'false', output: 'sandbox denied', arguments: '{"command":["ls"]}' }),
        record({ 'event.name': 'codex.api_request', 'conversation.id': 'c1', 'http.response.status_code': '500', 'error.message': 'upstream exploded', 'event.timestamp': '2026-11-22T04:00:00.000Z' }),
        record({ 'event.name': 'codex.api_request', 'conversation.id': 'c1', 'http.response.status_code': '200', 'event.timestamp': '2026-11-22T04:00:00.000Z' }),
        record({ 'event.name': 'codex.tool_decision', 'conversation.id': 'c1', call_id: 'call_9', tool_name: 'shell', decision: 'approved_for_session', source: 'User', 'event.timestamp': '2026-11-22T04:00:00.000Z' }),
        record({ 'event.name': 'codex.tool_result', 'conversation.id': 'c1', call_id: 'call_10', tool_name: 'lookup', mcp_server: 'docs', success: 'true', 'event.timestamp': '2026-11-22T04:00:00.000Z' }),
      ]),
    );
    const [shell, api, mcp] = r.events;
    assert.equal(shell!.time, '2026-11-22T04:00:00.123Z');
    assert.equal(shell!.seq, 456789);
    assert.deepEqual([shell!.kind, shell!.tool!.kind, shell!.error, shell!.id], ['tool_error', 'shell', 'sandbox denied', 'cx:c1:call_9:PostToolUse']);
    assert.equal(api!.text, 'API error 500: upstream exploded');
    assert.deepEqual(mcp!.tool, { name: 'mcp__docs__lookup', kind: 'mcp', mcp_server: 'docs', call_id: 'call_10' });
    assert.equal(r.ignored, 2);
  });

  test('Codex resources are told from Claude Code ones by service.name, else by event name', () => {
    const cc = { resource: { attributes: [{ key: 'service.name', value: str('claude-code') }] }, scopeLogs: [{ logRecords: [record({ 'event.name': 'user_prompt' })] }] };
    const bare = { scopeLogs: [{ logRecords: [record({ 'event.name': 'codex.user_prompt' })] }] };
    const codex = request([]).resourceLogs[0];
    assert.deepEqual([isCodexResourceLogs(cc), isCodexResourceLogs(bare), isCodexResourceLogs(codex), isCodexResourceLogs(null)], [false, true, true, false]);
    const split = splitCodexOtlpLogs({ resourceLogs: [cc, bare, codex] });
    assert.deepEqual([split.codex.resourceLogs.length, split.rest.resourceLogs.length], [2, 1]);
    assert.deepEqual(splitCodexOtlpLogs('nope'), { codex: { resourceLogs: [] }, rest: { resourceLogs: [] } });
  });
});
