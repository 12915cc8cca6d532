import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { configPath, hermesHome, hermesInstaller as h } from './hermes.js';
import type { HookPlan } from './installer.js';

const CMD = '"/usr/bin/node" "/opt/vigil/dist/main.js" hook hermes --config "/home/dev/.vigil/hook.json" --mode enforce';
const plan = (events: readonly string[], mode: HookPlan['mode'] = 'enforce'): HookPlan => ({ events, mode, transport: 'command', target: CMD, timeoutS: 30 });

// A user's config.yaml as Hermes writes it, with the user's own comments and hooks.
const USER = `# Hermes config — edited by hand
model:
  default: anthropic/claude-sonnet-4.6   # the daily driver
  provider: openrouter

hooks:
  # block rm -rf before anything else
  pre_tool_call:
    - matcher: "terminal"
      command: "~/.hermes/agent-hooks/block-rm-rf.sh"
      timeout: 5
  outbound:
    - url: https://ci.example.com/hermes-events
      events: [on_session_end]
      secret_env: HERMES_OUTBOUND_WEBHOOK_SECRET

hooks_auto_accept: false
`;

test('install appends Vigil’s entries and keeps every comment, the user’s hooks and the outbound webhooks', () => {
  const out = h.install(USER, plan(h.allEvents));
  for (const line of ['# Hermes config — edited by hand', '# the daily driver', '# block rm -rf before anything else']) assert.ok(out.includes(line), line);
  const y = parse(out);
  assert.equal(y.model.default, 'anthropic/claude-sonnet-4.6');
  assert.equal(y.hooks_auto_accept, false);
  assert.deepEqual(y.hooks.pre_tool_call, [
    { matcher: 'terminal', command: '~/.hermes/agent-hooks/block-rm-rf.sh', timeout: 5 },
    { command: CMD, timeout: 30, fail_closed: true },
  ]);
  // fail_closed only where Hermes honours it; no matcher, so every tool.
  assert.deepEqual(y.hooks.post_tool_call, [{ command: CMD, timeout: 30 }]);
  assert.deepEqual(y.hooks.outbound[0].events, ['on_session_end']);
  assert.deepEqual(Object.keys(y.hooks).filter((k) => k !== 'outbound').sort(), [...h.allEvents].sort());
  assert.deepEqual(h.status(out).map((s) => s.event).sort(), [...h.allEvents].sort());
  assert.ok(h.status(out).every((s) => s.transport === 'command' && s.target === CMD));
});

test('monitor mode does not fail closed; reinstalling replaces, never duplicates; timeouts stay within Hermes’ limit', () => {
  const once = h.install(USER, plan(['pre_tool_call'], 'monitor'));
  assert.deepEqual(parse(once).hooks.pre_tool_call[1], { command: CMD, timeout: 30 });
  const twice = h.install(h.install(once, plan(['pre_tool_call'])), plan(['pre_tool_call']));
  assert.equal(parse(twice).hooks.pre_tool_call.length, 2);
  assert.equal(parse(h.install('', { ...plan(['pre_tool_call']), timeoutS: 900 })).hooks.pre_tool_call[0].timeout, 300);
});

test('uninstall gives back the user’s file; Hermes’ default `hooks: {}` and an empty file work', () => {
  // Back to the file as the yaml library writes it (the only change: one space before a trailing comment).
  assert.equal(h.uninstall(h.install(USER, plan(h.allEvents))), USER.replace('4.6   #', '4.6 #'));
  const defaults = 'model:\n  default: openai/gpt-5.1\nhooks: {}\n';
  const installed = h.install(defaults, plan(['pre_tool_call']));
  assert.match(installed, /^hooks:\n {2}pre_tool_call:\n {4}- command: /m);
  assert.equal(h.uninstall(installed), defaults);
  assert.deepEqual(parse(h.install('', plan(['pre_tool_call']))), { hooks: { pre_tool_call: [{ command: CMD, timeout: 30, fail_closed: true }] } });
  assert.deepEqual(h.status(USER), []);
});

test('CRLF files stay CRLF; broken YAML and http transport are refused with a reason', () => {
  const crlf = USER.replace(/\n/g, '\r\n');
  const out = h.install(crlf, plan(['pre_tool_call']));
  assert.ok(!/[^\r]\n/.test(out));
  assert.equal(h.uninstall(out), crlf.replace('4.6   #', '4.6 #'));
  assert.throws(() => h.install('hooks: [unclosed\n', plan(['pre_tool_call'])), /not valid YAML/);
  assert.throws(() => h.install('- a list\n', plan(['pre_tool_call'])), /not a YAML mapping/);
  assert.throws(() => h.install('', { ...plan(['pre_tool_call']), transport: 'http' }), /commands only/);
});

test('paths: HERMES_HOME, else ~/.hermes, else %LOCALAPPDATA%\\hermes on Windows; every scope is the profile’s file', () => {
  const env = { home: '/home/dev', cwd: '/home/dev/app', os: 'linux' as NodeJS.Platform };
  assert.equal(configPath('user', env, {}), '/home/dev/.hermes/config.yaml');
  assert.equal(configPath('project', env, {}), '/home/dev/.hermes/config.yaml');
  assert.equal(configPath('managed', env, {}), '/home/dev/.hermes/config.yaml');
  assert.equal(configPath('user', env, { HERMES_HOME: '/srv/hermes/profiles/work' }), '/srv/hermes/profiles/work/config.yaml');
  assert.equal(hermesHome(env, { HERMES_HOME: '~/alt' }), '/home/dev/alt');
  assert.equal(hermesHome({ home: 'C:\\Users\\dev', os: 'win32' }, { LOCALAPPDATA: 'C:\\Users\\dev\\AppData\\Local' }), 'C:\\Users\\dev\\AppData\\Local\\hermes');
  assert.ok(h.notes!(plan(['pre_tool_call']), 'project').some((n) => /no project-level hooks/.test(n)));
  assert.ok(h.notes!(plan(['pre_tool_call']), 'user').some((n) => /hooks_auto_accept/.test(n)));
});
