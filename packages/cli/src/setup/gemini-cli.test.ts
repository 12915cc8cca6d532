import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiCliInstaller as g } from './gemini-cli.js';
import type { HookPlan } from './installer.js';

const CMD = '"/usr/bin/node" "/opt/vigil/dist/main.js" hook gemini-cli --config "/home/dev/.vigil/hook.json" --mode enforce';
const plan = (events: readonly string[]): HookPlan => ({ events, mode: 'enforce', transport: 'command', target: CMD, timeoutS: 30 });
const USER = {
  general: { vimMode: true },
  hooksConfig: { enabled: false, notifications: true },
  hooks: {
    BeforeTool: [{ matcher: 'write_file|replace', hooks: [{ name: 'secrets', type: 'command', command: '$GEMINI_PROJECT_DIR/.gemini/hooks/secrets.sh', timeout: 5000 }] }],
    SessionStart: [{ matcher: 'startup', hooks: [{ type: 'command', command: 'echo hi' }] }],
  },
};

test('install adds a command hook per event (timeout in ms, every tool matched) and keeps the user’s hooks and settings', () => {
  const s = JSON.parse(g.install(JSON.stringify(USER), plan(g.allEvents)));
  assert.deepEqual(s.general, { vimMode: true });
  assert.equal(s.hooks.BeforeTool.length, 2);
  assert.deepEqual(s.hooks.BeforeTool[0], USER.hooks.BeforeTool[0]);
  assert.deepEqual(s.hooks.BeforeTool[1], { matcher: '*', hooks: [{ name: 'vigil', type: 'command', command: CMD, timeout: 30000 }] });
  assert.deepEqual(s.hooks.SessionEnd, [{ hooks: [{ name: 'vigil', type: 'command', command: CMD, timeout: 30000 }] }]);
  assert.equal(s.hooks.SessionStart.length, 2);
  assert.deepEqual(Object.keys(s.hooks).sort(), [...g.allEvents].sort());
  // Hooks switched off globally would leave Vigil silently out of the loop.
  assert.deepEqual(s.hooksConfig, { enabled: true, notifications: true });
  assert.deepEqual(g.status(JSON.stringify(s)).map((x) => x.event).sort(), [...g.allEvents].sort());
});

test('installing again replaces Vigil’s hooks; uninstall restores the user’s hooks', () => {
  const once = g.install(JSON.stringify(USER), plan(g.enforcementEvents));
  const twice = g.install(once, plan(g.enforcementEvents));
  assert.equal(twice, once);
  assert.deepEqual(g.status(twice), [{ event: 'BeforeTool', transport: 'command', target: CMD }]);
  const back = JSON.parse(g.uninstall(twice));
  assert.deepEqual(back.hooks, USER.hooks);
  assert.deepEqual(g.status(JSON.stringify(back)), []);
  // A file that only had Vigil's hooks loses the hooks object entirely.
  assert.deepEqual(JSON.parse(g.uninstall(g.install('', plan(g.allEvents)))), {});
});

test('settings paths per scope and OS; only command hooks; bad JSON is refused', () => {
  const env = (os: NodeJS.Platform) => ({ home: '/home/dev', cwd: '/home/dev/app', os });
  assert.equal(g.path('user', env('linux')), '/home/dev/.gemini/settings.json');
  assert.equal(g.path('project', env('linux')), '/home/dev/app/.gemini/settings.json');
  assert.equal(g.path('managed', env('linux')), '/etc/gemini-cli/settings.json');
  assert.equal(g.path('managed', env('darwin')), '/Library/Application Support/GeminiCli/settings.json');
  assert.equal(g.path('managed', env('win32')), 'C:\\ProgramData\\gemini-cli\\settings.json');
  assert.deepEqual(g.transports, ['command']);
  assert.deepEqual(g.enforcementEvents, ['BeforeTool']);
  assert.throws(() => g.install('', { ...plan(['BeforeTool']), transport: 'http', target: 'http://x/v1/hooks/gemini-cli' }), /command hooks only/);
  assert.throws(() => g.install('{ "hooks": ', plan(['BeforeTool'])), /not valid JSON/);
});
