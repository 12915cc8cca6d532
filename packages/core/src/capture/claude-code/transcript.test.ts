import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateEvent } from '../../model/validate.js';
import { normaliseClaudeCodeTranscript } from './transcript.js';

const ROOT = process.env.VIGIL_DATASETS ?? fileURLToPath(new URL('../../../../../../shared/datasets', import.meta.url));
const FILE = `${ROOT}/claude-code/transcript.jsonl`;
const SKIP = existsSync(FILE) ? false : `dataset not found at ${FILE} (set VIGIL_DATASETS to the datasets directory)`;
const SESSION = '0a1aad4f-1d99-4a12-8e39-ac9deff4c7a9';

describe('Claude Code transcript normaliser', () => {
  test('the captured transcript gives its reasoning and the final response, in order, valid', { skip: SKIP }, () => {
    const { events, skipped } = normaliseClaudeCodeTranscript(readFileSync(FILE, 'utf8'), SESSION);
    assert.equal(skipped, 0);
    // Locked: two thinking blocks, then the closing text (tool_use lines come through hooks).
    assert.deepEqual(events.map((e) => e.kind), ['reasoning', 'reasoning', 'response']);
    assert.equal(events[0]!.time, '2026-11-21T17:59:26.029Z');
    assert.match(events[0]!.id, /^cc:tx:e0b6b06a-/);
    assert.ok(events.every((e) => e.session_id === SESSION && e.model === 'claude-sonnet-4-5' && e.text));
    for (const e of events) assert.ok(validateEvent(e, Date.now(), e.id).ok, e.id);
  });

  test('ids come from line uuids (a resent chunk is the same events); sidechains nest; torn lines are skipped', () => {
    const line = (o: object) => JSON.stringify(o);
    const chunk = [
      line({ type: 'assistant', uuid: 'u1', timestamp: '2026-11-21T10:00:00.000Z', message: { model: 'm', content: [{ type: 'thinking', thinking: 'plan' }, { type: 'text', text: 'hello' }] } }),
      line({ type: 'assistant', uuid: 'u2', timestamp: '2026-11-21T10:00:01.000Z', isSidechain: true, agentId: 'agent-7', message: { content: [{ type: 'text', text: 'sub result' }] } }),
      line({ type: 'assistant', uuid: 'u3', timestamp: '2026-11-21T10:00:02.000Z', message: { content: [{ type: 'tool_use', name: 'Bash', input: {} }] } }),
      line({ type: 'user', uuid: 'u4', timestamp: '2026-11-21T10:00:03.000Z', message: { content: 'hi' } }),
      '{"type":"assistant","uuid":"u5","timest',
    ].join('\n');
    const a = normaliseClaudeCodeTranscript(chunk, 's');
    assert.deepEqual(a.events.map((e) => [e.id, e.kind, e.text, e.parent_id]), [
      ['cc:tx:u1:0', 'reasoning', 'plan', undefined],
      ['cc:tx:u1:1', 'response', 'hello', undefined],
      ['cc:tx:u2', 'response', 'sub result', 'agent-7'],
    ]);
    assert.equal(a.skipped, 1);
    assert.deepEqual(normaliseClaudeCodeTranscript(chunk, 's').events, a.events);
  });
});
