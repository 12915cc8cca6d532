import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiCliHookAnswer } from './answer.js';

describe('Gemini CLI hook answers', () => {
  test('allow is an empty object; deny is decision "deny" with the reason where Gemini CLI honours it', () => {
    assert.deepEqual(geminiCliHookAnswer('BeforeTool', { action: 'allow' }), {});
    for (const hook of ['BeforeTool', 'AfterTool', 'BeforeAgent']) {
      assert.deepEqual(geminiCliHookAnswer(hook, { action: 'deny', reason: 'no' }), { decision: 'deny', reason: 'no' }, hook);
    }
    // AfterAgent's deny would make the agent retry; lifecycle events ignore decisions.
    for (const hook of ['AfterAgent', 'SessionStart', 'SessionEnd', 'Notification', 'PreCompress']) {
      assert.deepEqual(geminiCliHookAnswer(hook, { action: 'deny', reason: 'no' }), {}, hook);
    }
  });

  test('rewrite gives BeforeTool the masked input to merge over the model’s arguments', () => {
    const input = { command: 'curl -H "Authorization: ****" https://api.example.com' };
    assert.deepEqual(geminiCliHookAnswer('BeforeTool', { action: 'rewrite', input, reason: 'secret masked' }), { hookSpecificOutput: { tool_input: input } });
    assert.deepEqual(geminiCliHookAnswer('AfterTool', { action: 'rewrite', input, reason: 'secret masked' }), {});
  });
});
