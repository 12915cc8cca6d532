import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { codexInstaller } from './codex.js';
import type { HookPlan } from './installer.js';

const RELAY = '"/usr/bin/node" "/opt/vigil/dist/main.js" hook codex --config "/home/dev/.vigil/hook.json" --mode enforce';
const plan = (events: readonly string[], target = RELAY): HookPlan => ({ events, mode: 'enforce', transport: 'command', target, timeoutS: 10 });
const USERS = JSON.stringify({ description: 'mine', hooks: { PreToolUse: [{ matcher: '^Bash$', hooks: [{ type: 'command', command: 'python3 ~/.codex/guard.py' }] }], Stop: [{ hooks: [{ type: 'command', command: 'notify-send done' }] }] } });

describe('Codex installer', () => {
  test('adds one matcher-less command group per event and keeps the person’s own hooks', () => {
    const out = JSON.parse(codexInstaller.install(USERS, plan(codexInstaller.enforcementEvents))) as { description: string; hooks: Record<string, { matcher?: string; hooks: { command: string; timeout: number }[] }[]> };
    assert.equal(out.description, 'mine');
    assert.deepEqual(Object.keys(out.hooks).sort(), ['PermissionRequest', 'PreToolUse', 'Stop']);
    assert.equal(out.hooks.PreToolUse!.length, 2);
    assert.equal(out.hooks.PreToolUse![0]!.hooks[0]!.command, 'python3 ~/.codex/guard.py');
    assert.deepEqual(out.hooks.PreToolUse![1], { hooks: [{ type: 'command', command: RELAY, timeout: 10 }] });
    assert.deepEqual(codexInstaller.status(JSON.stringify(out)).map((s) => s.event).sort(), ['PermissionRequest', 'PreToolUse']);
  });

  test('installing again replaces Vigil’s hooks; uninstalling restores the file', () => {
    const once = codexInstaller.install(USERS, plan(codexInstaller.allEvents));
    const moved = RELAY.replace('/opt/vigil', '/srv/vigil');
    const twice = codexInstaller.install(once, plan(codexInstaller.allEvents, moved));
    const st = codexInstaller.status(twice);
    assert.equal(st.length, codexInstaller.allEvents.length);
    assert.ok(st.every((s) => s.target === moved && s.transport === 'command'));
    assert.deepEqual(JSON.parse(codexInstaller.uninstall(twice)), JSON.parse(USERS));
    assert.deepEqual(JSON.parse(codexInstaller.uninstall(codexInstaller.install('', plan(['PreToolUse'])))), {});
  });

  test('paths per scope, command transport only, and notes about hook trust', () => {
    const env = { home: '/home/dev', cwd: '/work/app', os: 'linux' as NodeJS.Platform };
    assert.equal(codexInstaller.path('user', env), '/home/dev/.codex/hooks.json');
    assert.equal(codexInstaller.path('project', env), '/work/app/.codex/hooks.json');
    assert.equal(codexInstaller.path('managed', env), '/etc/codex/hooks.json');
    assert.equal(codexInstaller.path('managed', { ...env, os: 'darwin' }), '/etc/codex/hooks.json');
    assert.deepEqual(codexInstaller.transports, ['command']);
    assert.throws(() => codexInstaller.install('', { ...plan(['PreToolUse']), transport: 'http' }), /command hooks only/);
    assert.match(codexInstaller.notes!(plan(['PreToolUse']), 'user').join(' '), /\/hooks/);
    assert.doesNotMatch(codexInstaller.notes!(plan(['PreToolUse']), 'managed').join(' '), /run \/hooks and trust/);
    assert.throws(() => codexInstaller.install('{ nope', plan(['PreToolUse'])), /not valid JSON/);
  });
});
