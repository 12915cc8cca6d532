import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cursorInstaller as c } from './cursor.js';
import type { HookMode } from '../hook/config.js';
import type { HookPlan } from './installer.js';

const CMD = '"/usr/bin/node" "/opt/vigil/dist/main.js" hook cursor --config "/home/dev/.vigil/hook.json" --mode enforce';
const plan = (events: readonly string[], mode: HookMode = 'enforce'): HookPlan => ({ events, mode, transport: 'command', target: CMD, timeoutS: 30 });
// A user's hooks.json with hooks of their own, including one on an event Vigil also uses.
const USER = `{
    "version": 1,
    "hooks": {
        "afterFileEdit": [ { "command": "./hooks/format.sh" } ],
        "preToolUse": [ { "command": "./hooks/validate-tool.sh", "matcher": "Shell|Read|Write", "timeout": 10 } ],
        "stop": [ { "command": "./audit.sh", "loop_limit": 10 } ]
    }
}
`;

test('install adds one command entry per event after the user’s own, with the timeout in seconds', () => {
  const f = JSON.parse(c.install(USER, plan(c.allEvents, 'monitor')));
  assert.equal(f.version, 1);
  assert.deepEqual(Object.keys(f.hooks).sort(), [...c.allEvents].sort());
  assert.deepEqual(f.hooks.preToolUse, [
    { command: './hooks/validate-tool.sh', matcher: 'Shell|Read|Write', timeout: 10 },
    { command: CMD, timeout: 30 },
  ]);
  assert.deepEqual(f.hooks.stop, [{ command: './audit.sh', loop_limit: 10 }, { command: CMD, timeout: 30 }]);
  // Monitor mode never blocks: nothing fails closed.
  assert.ok(Object.values(f.hooks).flat().every((h) => !(h as { failClosed?: boolean }).failClosed));
  assert.deepEqual(c.status(JSON.stringify(f)).map((s) => s.event).sort(), [...c.allEvents].sort());
  assert.ok(c.status(JSON.stringify(f)).every((s) => s.transport === 'command' && s.target === CMD));
});

test('enforce mode: the deciding hooks fail closed, the others do not', () => {
  const f = JSON.parse(c.install('', plan(c.allEvents)));
  assert.deepEqual(f.hooks.preToolUse, [{ command: CMD, timeout: 30, failClosed: true }]);
  assert.deepEqual(f.hooks.subagentStart, [{ command: CMD, timeout: 30, failClosed: true }]);
  assert.deepEqual(f.hooks.postToolUse, [{ command: CMD, timeout: 30 }]);
  assert.deepEqual(f.hooks.beforeSubmitPrompt, [{ command: CMD, timeout: 30 }]);
  // By default one hook decides every tool call once.
  assert.deepEqual(JSON.parse(c.install('', plan(c.enforcementEvents))), { version: 1, hooks: { preToolUse: [{ command: CMD, timeout: 30, failClosed: true }] } });
  // No event that would report a tool call a second time is installed.
  for (const dup of ['beforeShellExecution', 'beforeMCPExecution', 'beforeReadFile', 'afterShellExecution', 'afterMCPExecution']) assert.ok(!c.allEvents.includes(dup), dup);
});

test('reinstalling replaces Vigil’s entries; uninstall gives back the user’s file and removes a file Vigil created', () => {
  const once = c.install(USER, plan(c.allEvents));
  const monitor = c.install(once, plan(c.enforcementEvents, 'monitor'));
  assert.equal(c.install(monitor, plan(c.enforcementEvents, 'monitor')), monitor);
  assert.deepEqual(c.status(monitor), [{ event: 'preToolUse', transport: 'command', target: CMD }]);
  assert.equal(JSON.parse(monitor).hooks.preToolUse[1].failClosed, undefined);
  assert.equal(c.uninstall(monitor), c.uninstall(USER));
  assert.deepEqual(JSON.parse(c.uninstall(monitor)), JSON.parse(USER));
  // Created from nothing, removed to nothing (setup then deletes the file).
  assert.equal(c.uninstall(c.install('', plan(c.allEvents))), c.uninstall(''));
  assert.deepEqual(JSON.parse(c.uninstall('')), {});
  // Another client's relay is not Vigil's Cursor hook.
  const other = JSON.stringify({ version: 1, hooks: { preToolUse: [{ command: CMD.replace('hook cursor', 'hook claude-code') }] } });
  assert.deepEqual(c.status(other), []);
  assert.deepEqual(JSON.parse(c.uninstall(other)), JSON.parse(other));
});

test('refuses http hooks and broken files, naming the problem', () => {
  assert.throws(() => c.install('', { ...plan(c.enforcementEvents), transport: 'http', target: 'http://vigil:7411/v1/hooks/cursor' }), /command hooks only/);
  assert.throws(() => c.install('{ "version": 1, ', plan(c.enforcementEvents)), /not valid JSON/);
  assert.deepEqual(c.transports, ['command']);
});

test('hooks.json locations: user, project and the enterprise file per OS', () => {
  const env = (os: NodeJS.Platform) => ({ home: '/home/ana', cwd: '/home/ana/billing', os });
  assert.equal(c.path('user', env('linux')), '/home/ana/.cursor/hooks.json');
  assert.equal(c.path('project', env('linux')), '/home/ana/billing/.cursor/hooks.json');
  assert.equal(c.path('managed', env('linux')), '/etc/cursor/hooks.json');
  assert.equal(c.path('managed', env('darwin')), '/Library/Application Support/Cursor/hooks.json');
  assert.equal(c.path('managed', env('win32')), 'C:\\ProgramData\\Cursor\\hooks.json');
});
