import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { VigilEvent } from '../model/event.js';
import { summarize } from './summarize.js';
import { classifyTopic } from './topic.js';

const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);
let n = 0;
function e(over: Partial<VigilEvent> & { at: number }): [VigilEvent, number] {
  const { at, ...rest } = over;
  return [{ id: `e${n++}`, session_id: 's1', time: new Date(T0 + at).toISOString(), kind: 'notification', client: 'claude-code', capture: 'hook', ...rest } as VigilEvent, T0 + at];
}
function run(pairs: [VigilEvent, number][]) {
  return summarize(
    pairs.map((p) => p[0]),
    pairs.map((p) => p[1]),
  );
}

test('counters, times, tools, MCP servers and the worst security outcome are summarised per session', () => {
  const d = run([
    e({ at: 0, kind: 'session_start', user: 'ana', device: { hostname: 'mbp' }, mcp_servers: ['github'] }),
    e({ at: 1000, kind: 'prompt', text: 'Fix the failing login test' }),
    e({ at: 2000, kind: 'tool_call', tool: { name: 'Bash', kind: 'shell' } }),
    e({ at: 3000, kind: 'tool_error', tool: { name: 'Bash', kind: 'shell' }, error: 'exit 1' }),
    e({ at: 4000, kind: 'tool_call', tool: { name: 'create_issue', kind: 'mcp', mcp_server: 'linear' } }),
    e({ at: 5000, kind: 'scan_result', verdict: { action: 'alert' } }),
    e({ at: 6000, kind: 'scan_result', verdict: { action: 'mask' } }),
    e({ at: 7000, kind: 'decision', verdict: { action: 'block', reason: 'rm -rf' } }),
    e({ at: 8000, kind: 'decision', verdict: { action: 'pass' } }),
    e({ at: 9000, kind: 'session_end', session_id: 's1' }),
    e({ at: 500, kind: 'prompt', session_id: 's2', text: 'Why is the sky blue?', client: 'cursor' }),
  ]);
  assert.equal(d.size, 2);
  const s1 = d.get('s1')!;
  assert.deepEqual(s1.counters, { events: 10, tool_calls: 2, failures: 1, alerts: 2, blocks: 1 });
  assert.equal(s1.security, 'blocked');
  assert.equal(s1.first_ms, T0);
  assert.equal(s1.last_ms, T0 + 9000);
  assert.equal(s1.ended_ms, T0 + 9000);
  assert.equal(s1.user, 'ana');
  assert.deepEqual(s1.device, { hostname: 'mbp' });
  assert.deepEqual([...s1.mcp_servers].sort(), ['github', 'linear']);
  assert.deepEqual(
    [...s1.tools.values()].map((t) => [t.name, t.mcp_server, t.calls, t.failures]),
    [
      ['Bash', null, 1, 1],
      ['create_issue', 'linear', 1, 0],
    ],
  );
  assert.equal(s1.prompt, 'Fix the failing login test');
  assert.equal(s1.topic, 'bug fix');
  const s2 = d.get('s2')!;
  assert.equal(s2.client, 'cursor');
  assert.equal(s2.security, 'clean');
  assert.equal(s2.ended_ms, null);
  assert.equal(s2.topic, 'question');
});

test('the initial prompt is the earliest by time, not by arrival', () => {
  const d = run([e({ at: 5000, kind: 'prompt', text: 'second' }), e({ at: 1000, kind: 'prompt', text: 'first' })]).get('s1')!;
  assert.equal(d.prompt, 'first');
  assert.equal(d.prompt_ms, T0 + 1000);
});

test('a topic sent by the source wins over classification', () => {
  const d = run([e({ at: 0, kind: 'prompt', text: 'Fix the bug', topic: 'incident-42' })]).get('s1')!;
  assert.equal(d.topic, 'incident-42');
});

test('topics: broad categories from keywords, other when nothing matches', () => {
  assert.equal(classifyTopic('Add unit tests for the parser and raise coverage'), 'testing');
  assert.equal(classifyTopic('Deploy the service to kubernetes with helm'), 'infrastructure');
  assert.equal(classifyTopic('Refactor the payment module and rename helpers'), 'refactoring');
  assert.equal(classifyTopic('Rotate the leaked credential and check for other vulnerabilities'), 'security');
  assert.equal(classifyTopic('lorem ipsum dolor'), 'other');
  // Linear and bounded: a megabyte of text is classified quickly.
  const t = Date.now();
  classifyTopic('x'.repeat(1_000_000));
  assert.ok(Date.now() - t < 200);
});
