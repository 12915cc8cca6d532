import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateEvent } from '../../model/validate.js';
import { normaliseClaudeCodeOtlpLogs } from './otlp.js';

const ROOT = process.env.VIGIL_DATASETS ?? fileURLToPath(new URL('../../../../../../shared/datasets', import.meta.url));
const DIR = `${ROOT}/claude-code/otlp`;
const SKIP = existsSync(DIR) ? false : `dataset not found at ${DIR} (set VIGIL_DATASETS to the datasets directory)`;
const SESSION = '0a1aad4f-1d99-4a12-8e39-ac9deff4c7a9';
const load = (f: string) => JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8')) as unknown;

describe('Claude Code OTLP log normaliser', () => {
  test('the captured exports give the prompt, every tool result and failure, and the MCP server, with hook-compatible ids', { skip: SKIP }, () => {
    const all = ['2-logs.json', '4-logs.json', '5-logs.json'].map((f) => normaliseClaudeCodeOtlpLogs(load(f)));
    const events = all.flatMap((r) => r.events);
    // Locked: what the capture becomes.
    assert.deepEqual(
      events.map((e) => `${e.kind}:${e.id}`),
      [
        'notification:' + events[0]!.id,
        'prompt:cc:0a1aad4f-1d99-4a12-8e39-ac9deff4c7a9:8bbb7600-51ba-4c96-a379-002c8118c295:UserPromptSubmit',
        'tool_result:cc:0a1aad4f-1d99-4a12-8e39-ac9deff4c7a9:toolu_1_1:PostToolUse',
        'tool_result:cc:0a1aad4f-1d99-4a12-8e39-ac9deff4c7a9:toolu_2_2:PostToolUse',
        'tool_result:cc:0a1aad4f-1d99-4a12-8e39-ac9deff4c7a9:toolu_3_3:PostToolUse',
        'tool_result:cc:0a1aad4f-1d99-4a12-8e39-ac9deff4c7a9:toolu_4_4:PostToolUse',
        'tool_error:cc:0a1aad4f-1d99-4a12-8e39-ac9deff4c7a9:toolu_5_5:PostToolUseFailure',
        // The same id as the transcript normaliser gives this message's text.
        'response:cc:tx:156e9764-3267-4d27-b66c-cf4aedccee2a',
      ],
    );
    assert.equal(events[0]!.text, 'MCP server weather connected (stdio)');
    assert.deepEqual(events[0]!.mcp_servers, ['weather']);
    assert.match(events[1]!.text!, /^Check the weather for the city in my notes/);
    assert.deepEqual([events[3]!.tool?.name, events[3]!.tool?.kind, events[3]!.tool?.mcp_server], ['mcp__weather__get_forecast', 'mcp', 'weather']);
    assert.deepEqual(events[2]!.input, { file_path: '/home/dev/weather-app/notes.md' });
    assert.equal(events[6]!.error, 'Shell command failed');
    // The model comes from the export's api_request records that precede an event.
    assert.deepEqual([events[1]!.model, events[2]!.model, events[5]!.model], [undefined, 'claude-sonnet-4-5', 'claude-sonnet-4-5']);
    assert.equal(events[7]!.text, 'I wrote the weather report to report.txt.');
    for (const e of events) {
      assert.equal(e.session_id, SESSION);
      assert.deepEqual([e.client, e.capture, e.client_version], ['claude-code', 'otlp', '2.1.328']);
      assert.ok(validateEvent(e, Date.now(), e.id).ok, e.id);
    }
    assert.ok(all.every((r) => r.rejected === 0));
    assert.ok(all[0]!.ignored > 10, 'bookkeeping records (hook_registered, …) map to nothing');
  });

  test('Claude Cowork sessions are their own client, with the user and workspace', () => {
    const kv = (key: string, v: object) => ({ key, value: v });
    const r = normaliseClaudeCodeOtlpLogs({
      resourceLogs: [
        {
          resource: { attributes: [kv('service.name', { stringValue: 'claude-cowork' }), kv('service.version', { stringValue: '1.2.0' })] },
          scopeLogs: [
            {
              logRecords: [
                {
                  timeUnixNano: '1795283965740000000',
                  body: { stringValue: 'claude_code.user_prompt' },
                  attributes: [
                    kv('session.id', { stringValue: 'cowork-1' }),
                    kv('event.name', { stringValue: 'user_prompt' }),
                    kv('user.email', { stringValue: 'ana@example.com' }),
                    kv('workspace.host_paths', { arrayValue: { values: [{ stringValue: '/Users/ana/Documents' }] } }),
                    kv('prompt_length', { intValue: '42' }),
                  ],
                },
                { body: { stringValue: 'claude_code.user_prompt' }, attributes: [kv('event.name', { stringValue: 'user_prompt' })] },
              ],
            },
          ],
        },
      ],
    });
    assert.equal(r.events.length, 1);
    const e = r.events[0]!;
    assert.deepEqual([e.client, e.user, e.cwd, e.time], ['claude-cowork', 'ana@example.com', '/Users/ana/Documents', '2026-11-21T17:59:25.740Z']);
    assert.match(e.text!, /prompt not exported: 42 characters/);
    assert.equal(r.rejected, 1);
  });

  test('anything else is read as nothing, not as an error', () => {
    for (const x of [null, 1, 'x', {}, { resourceLogs: 'no' }, { resourceLogs: [null, { scopeLogs: [null, { logRecords: [null] }] }] }]) {
      assert.equal(normaliseClaudeCodeOtlpLogs(x).events.length, 0);
    }
  });
});
