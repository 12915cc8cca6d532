import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateEvent } from '../../model/validate.js';
import { hookAdapter } from '../hooks/registry.js';
import { geminiCliHookAdapter } from './adapter.js';
import { GEMINI_CLI_HOOK_KINDS, normaliseGeminiCliHook } from './hook.js';

// Payloads captured from Gemini CLI 0.61.0 (see each fixture's "source").
const DIR = fileURLToPath(new URL('../../../fixtures/hooks/gemini-cli', import.meta.url));
const T = Date.UTC(2026, 10, 22, 12, 0, 0);
type Fixture = { session_id: string; events: { payload: Record<string, unknown>; expect: { kind: string; tool?: { name: string; kind: string; mcp_server?: string }; text?: string; input?: string; output?: string; error?: string } }[] };
const load = (f: string) => JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8')) as Fixture;
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

describe('Gemini CLI hook normaliser', () => {
  test('each captured payload becomes its expected, valid canonical event with the payload as raw', () => {
    assert.ok(files.length >= 3);
    for (const f of files) {
      const fx = load(f);
      for (const [i, { payload, expect: want }] of fx.events.entries()) {
        const at = `${f}#${i}`;
        const r = normaliseGeminiCliHook(payload, { timeMs: T, user: 'dev', clientVersion: '0.61.0' });
        assert.ok(r.ok, at);
        const e = r.event;
        assert.equal(r.hook, payload.hook_event_name, at);
        assert.deepEqual([e.kind, e.session_id, e.client, e.capture, e.cwd], [want.kind, fx.session_id, 'gemini-cli', 'hook', '/home/dev/weather-app'], at);
        assert.deepEqual(e.raw, payload, at);
        if (want.tool) assert.deepEqual({ name: e.tool?.name, kind: e.tool?.kind, ...(e.tool?.mcp_server ? { mcp_server: e.tool.mcp_server } : {}) }, want.tool, at);
        else assert.equal(e.tool, undefined, at);
        if (want.text) assert.ok(e.text?.includes(want.text), `${at}: ${e.text}`);
        if (want.input) assert.ok(JSON.stringify(e.input).includes(want.input), at);
        if (want.output) assert.ok(JSON.stringify(e.output).includes(want.output), at);
        if (want.error) assert.ok(e.error?.includes(want.error), at);
        else assert.equal(e.error, undefined, at);
        const v = validateEvent(e, T, at);
        assert.ok(v.ok, `${at}: ${v.ok ? '' : v.errors.join('; ')}`);
      }
    }
  });

  test('every recorded hook event appears in a fixture', () => {
    const seen = new Set(files.flatMap((f) => load(f).events.map((e) => e.payload.hook_event_name as string)));
    assert.deepEqual([...seen].sort(), Object.keys(GEMINI_CLI_HOOK_KINDS).sort());
  });

  test('tool events have ids of their own, so a resent hook is the same event; BeforeTool and AfterTool share a call id', () => {
    const ev = load('02-shell-deny.json').events;
    const call = ev[3]!.payload;
    const a = normaliseGeminiCliHook(call, { timeMs: T, id: 'relay-1' });
    const b = normaliseGeminiCliHook(call, { timeMs: T + 5000, id: 'relay-2' });
    assert.ok(a.ok && b.ok);
    assert.match(a.event.id, /^gm:f991bcc4-1376-4335-a1be-da24d5619a8e:2026-11-22T\d\d:\d\d:\d\d\.\d{3}Z:BeforeTool:[0-9a-f]{8}$/);
    assert.equal(a.event.id, b.event.id);
    const result = normaliseGeminiCliHook(ev[4]!.payload, { timeMs: T });
    assert.ok(result.ok);
    assert.equal(result.event.tool?.call_id, a.event.tool?.call_id);
    assert.notEqual(result.event.id, a.event.id);
    // Different commands are different calls.
    const other = normaliseGeminiCliHook(ev[5]!.payload, { timeMs: T });
    assert.ok(other.ok);
    assert.notEqual(other.event.tool?.call_id, a.event.tool?.call_id);
    // Events without a call of their own take the relay's id.
    const prompt = normaliseGeminiCliHook(ev[1]!.payload, { timeMs: T, id: 'relay-3' });
    assert.ok(prompt.ok);
    assert.equal(prompt.event.id, 'relay-3');
  });

  test('an MCP tool without mcp_context still names its server from the tool name', () => {
    const r = normaliseGeminiCliHook({ hook_event_name: 'BeforeTool', session_id: 's1', timestamp: '2026-11-22T04:04:14.540Z', tool_name: 'mcp_github_create_issue', tool_input: { title: 'x' } }, { timeMs: T });
    assert.ok(r.ok);
    assert.deepEqual([r.event.tool?.kind, r.event.tool?.mcp_server], ['mcp', 'github']);
    const builtin = normaliseGeminiCliHook({ hook_event_name: 'BeforeTool', session_id: 's1', tool_name: 'list_mcp_resources', tool_input: {} }, { timeMs: T });
    assert.ok(builtin.ok);
    assert.deepEqual([builtin.event.tool?.kind, builtin.event.tool?.mcp_server], ['other', undefined]);
  });

  test('refuses what is not a Gemini CLI hook event, saying why', () => {
    const cases: [unknown, RegExp][] = [
      [null, /must be a JSON object/],
      [{ session_id: 's' }, /does not name its hook event/],
      [{ hook_event_name: 'AfterModel', session_id: 's' }, /"AfterModel" is not a gemini-cli hook event/],
      [{ hook_event_name: 'BeforeTool', tool_name: 'glob' }, /names no session/],
    ];
    for (const [payload, msg] of cases) {
      const r = normaliseGeminiCliHook(payload, { timeMs: T });
      assert.ok(!r.ok);
      assert.match(r.error, msg);
    }
  });

  test('the registry serves the adapter under its client id', () => {
    assert.equal(hookAdapter('gemini-cli'), geminiCliHookAdapter);
    assert.ok([...geminiCliHookAdapter.deciding].every((h) => geminiCliHookAdapter.blockable.has(h) && h in geminiCliHookAdapter.events));
  });
});
