import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cursorHookAnswer } from './answer.js';

describe('Cursor hook answers', () => {
  test('allow leaves Cursor’s own approval in force: no permission at all; a prompt is let through explicitly', () => {
    for (const h of ['preToolUse', 'beforeShellExecution', 'beforeMCPExecution', 'beforeReadFile', 'subagentStart', 'postToolUse', 'stop']) {
      assert.deepEqual(cursorHookAnswer(h, { action: 'allow' }), {}, h);
    }
    assert.deepEqual(cursorHookAnswer('beforeSubmitPrompt', { action: 'allow' }), { continue: true });
  });

  test('deny uses each event’s documented fields, with the reason for the user and for the agent', () => {
    const deny = { action: 'deny' as const, reason: 'a secret in the command' };
    const full = cursorHookAnswer('beforeShellExecution', deny);
    assert.equal(full.permission, 'deny');
    assert.match(full.user_message as string, /a secret in the command/);
    assert.match(full.agent_message as string, /a secret in the command/);
    assert.doesNotMatch(cursorHookAnswer('preToolUse', { action: 'deny', reason: 'denied until the server answers.' }).agent_message as string, /\.\./);
    assert.deepEqual(Object.keys(cursorHookAnswer('beforeReadFile', deny)).sort(), ['permission', 'user_message']);
    assert.deepEqual(Object.keys(cursorHookAnswer('subagentStart', deny)).sort(), ['permission', 'user_message']);
    assert.deepEqual(cursorHookAnswer('beforeSubmitPrompt', deny), { continue: false, user_message: 'Blocked by Vigil: a secret in the command' });
    // Fire-and-forget and after-the-fact events have nothing to deny with.
    for (const h of ['sessionStart', 'postToolUse', 'postToolUseFailure', 'afterShellExecution', 'afterFileEdit', 'preCompact']) {
      assert.deepEqual(cursorHookAnswer(h, deny), {}, h);
    }
  });

  test('rewrite: updated_input on preToolUse; elsewhere it cannot rewrite, so allow', () => {
    const rw = { action: 'rewrite' as const, input: { command: 'echo ****' }, reason: 'masked' };
    assert.deepEqual(cursorHookAnswer('preToolUse', rw), { permission: 'allow', updated_input: { command: 'echo ****' } });
    assert.deepEqual(cursorHookAnswer('beforeShellExecution', rw), {});
    assert.deepEqual(cursorHookAnswer('beforeSubmitPrompt', rw), { continue: true });
  });
});
