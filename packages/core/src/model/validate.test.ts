import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateEvent } from './validate.js';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);
const base = { session_id: 's1', kind: 'prompt', client: 'claude-code', capture: 'hook' };

function errorsOf(input: unknown): string[] {
  const r = validateEvent(input, NOW);
  assert.equal(r.ok, false, 'expected a rejection');
  return r.ok ? [] : r.errors;
}

test('a minimal event is normalised: time filled in as ISO UTC, absent fields omitted', () => {
  const r = validateEvent(base, NOW);
  assert.ok(r.ok);
  assert.deepEqual(r.event, { ...base, time: '2026-11-21T12:00:00.000Z' });
  assert.equal(r.timeMs, NOW);
});

test('time may be ISO 8601 with an offset or epoch milliseconds, and both mean the same instant', () => {
  const a = validateEvent({ ...base, time: '2026-11-21T13:00:00.250+01:00' }, NOW);
  const b = validateEvent({ ...base, time: Date.UTC(2026, 10, 21, 12, 0, 0, 250) }, NOW);
  assert.ok(a.ok && b.ok);
  assert.equal(a.event.time, '2026-11-21T12:00:00.250Z');
  assert.equal(a.timeMs, b.timeMs);
});

test('a full tool call keeps every field, including arbitrary input, output and raw payload', () => {
  const input = {
    ...base,
    id: 'evt-1',
    kind: 'tool_result',
    seq: 7,
    time: '2026-11-21T12:00:01Z',
    client_version: '2.1.328',
    user: 'ana@example.com',
    device: { id: 'dev-1', hostname: 'ana-mbp', os: 'darwin' },
    cwd: '/home/ana/app',
    model: 'claude-sonnet-4-5',
    parent_id: 'agent-2',
    tool: { name: 'mcp__github__create_issue', kind: 'mcp', mcp_server: 'github', call_id: 'toolu_1' },
    input: { title: 'x', labels: ['a'] },
    output: [{ type: 'text', text: 'ok' }],
    duration_ms: 12,
    raw: { hook_event_name: 'PostToolUse', nested: { deep: [1, 2, 3] } },
  };
  const r = validateEvent(input, NOW);
  assert.ok(r.ok, JSON.stringify(r));
  assert.deepEqual(r.event, { ...input, time: '2026-11-21T12:00:01.000Z' });
});

test('errors name the field and what was expected, all at once', () => {
  const errs = errorsOf({ kind: 'bogus', client: 'vim', capture: 'hook', seq: -1 });
  assert.ok(errs.includes('event.session_id is required'));
  assert.ok(errs.some((e) => e.startsWith('event.kind must be one of: session_start')));
  assert.ok(errs.some((e) => e.startsWith('event.client must be one of: claude-code')));
  assert.ok(errs.includes('event.seq must be a non-negative integer'));
});

test('unknown fields are refused, at the top and inside nested objects', () => {
  assert.deepEqual(errorsOf({ ...base, sesion: 'typo' }), ['event.sesion is not a known field']);
  assert.deepEqual(errorsOf({ ...base, device: { host: 'x' } }), ['event.device.host is not a known field']);
});

test('tool events need a tool; verdict events need a verdict with a known action', () => {
  assert.deepEqual(errorsOf({ ...base, kind: 'tool_call' }), ['event.tool is required for kind tool_call']);
  assert.deepEqual(errorsOf({ ...base, kind: 'decision' }), ['event.verdict is required for kind decision']);
  assert.ok(errorsOf({ ...base, kind: 'decision', verdict: { action: 'nuke' } })[0]!.startsWith('event.verdict.action must be one of'));
  assert.deepEqual(errorsOf({ ...base, kind: 'tool_call', tool: { kind: 'shell' } }), ['event.tool.name is required']);
});

test('ids are restricted to URL- and log-safe characters', () => {
  assert.equal(validateEvent({ ...base, id: 'a'.repeat(256) }, NOW).ok, true);
  for (const bad of ['', ' a', 'a b', 'a\u0000b', '../x', 'a'.repeat(257), '<script>']) {
    assert.equal(validateEvent({ ...base, id: bad }, NOW).ok, false, `id ${JSON.stringify(bad)} should be refused`);
    assert.equal(validateEvent({ ...base, session_id: bad }, NOW).ok, false);
  }
});

test('times outside 2000-2100 and unparseable times are refused', () => {
  for (const t of ['yesterday', '1999-12-31T23:59:59Z', 4102444800000, true]) {
    assert.deepEqual(errorsOf({ ...base, time: t }), ['event.time must be an ISO 8601 date-time or epoch milliseconds between 2000 and 2100']);
  }
});

test('non-objects are refused without throwing', () => {
  for (const v of [null, 1, 'x', [], [base]]) assert.deepEqual(errorsOf(v), ['event must be a JSON object']);
});

test('canonical times are kept; others, and impossible dates that a parser rolls over, are re-formatted', () => {
  const iso = (t: unknown) => {
    const r = validateEvent({ ...base, time: t }, NOW);
    assert.ok(r.ok);
    assert.equal(r.event.time, new Date(r.timeMs).toISOString());
    return r.event.time;
  };
  assert.equal(iso('2026-11-21T10:00:00.123Z'), '2026-11-21T10:00:00.123Z');
  assert.equal(iso('2026-11-21T10:00:00Z'), '2026-11-21T10:00:00.000Z');
  assert.equal(iso(Date.UTC(2026, 0, 2, 3, 4, 5, 6)), '2026-01-02T03:04:05.006Z');
  for (const t of ['2026-02-30T00:00:00.000Z', '2026-04-31T00:00:00.000Z', '2026-12-31T23:59:59.999Z']) {
    const r = validateEvent({ ...base, time: t }, NOW);
    if (r.ok) assert.equal(r.event.time, new Date(r.timeMs).toISOString());
  }
  for (let i = 0; i < 2000; i++) {
    const ms = Date.UTC(2000, 0, 1) + Math.floor(Math.random() * 3e12);
    assert.equal(iso(ms), new Date(ms).toISOString());
  }
});
