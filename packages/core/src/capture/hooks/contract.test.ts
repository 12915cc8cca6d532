// One contract for every client's hook capture: each fixture folder (packages/core/fixtures/hooks/
// <client>/, one recorded or documented session per file) goes through the same assertions, so a
// new client is one adapter in registry.ts and one fixture folder.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { VigilEvent } from '../../model/event.js';
import { validateEvent } from '../../model/validate.js';
import { summarize } from '../../session/summarize.js';
import type { HookAdapter, HookPayload } from './adapter.js';
import { HOOK_CLIENTS, loadHookAdapter } from './load.js';
import { HOOK_ADAPTERS } from './registry.js';

interface Expect {
  kind: string;
  tool?: { name: string; kind: string; mcp_server?: string };
  text?: string;
  input?: string;
  output?: string;
  error?: string;
  turn_id?: string;
  parent_id?: string;
}
interface FixtureEvent {
  payload: HookPayload;
  expect: Expect;
  answers?: { deny: Record<string, unknown>; allow: Record<string, unknown> };
}
interface Fixture {
  client_version: string;
  source: string;
  session_id: string;
  user?: string;
  events: FixtureEvent[];
}

const DIR = fileURLToPath(new URL('../../../fixtures/hooks/', import.meta.url));
const T = Date.UTC(2026, 10, 22, 9, 0, 0);
const REASON = 'REASON';

function fixtures(client: string): [string, Fixture][] {
  return readdirSync(`${DIR}/${client}`)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(`${DIR}/${client}/${f}`, 'utf8')) as Fixture]);
}

/** Every event of a fixture, normalised as the server does (the relay's id and time per event). */
function normaliseAll(adapter: HookAdapter, fx: Fixture, file: string): { event: VigilEvent; hook: string; fe: FixtureEvent }[] {
  return fx.events.map((fe, i) => {
    const r = adapter.normalise(fe.payload, { timeMs: T + i * 1000, id: `relay-${i}`, device: { hostname: 'ws1' } });
    assert.ok(r.ok, `${file} #${i}: ${r.ok ? '' : r.error}`);
    return { event: r.event, hook: r.hook, fe };
  });
}

test('every client with a hook adapter has a fixture folder, and every folder an adapter', () => {
  const folders = readdirSync(DIR).sort();
  assert.deepEqual(folders, Object.keys(HOOK_ADAPTERS).sort());
});

test('the relay loads each client adapter on its own, the same one the server uses', async () => {
  assert.deepEqual([...HOOK_CLIENTS].sort(), Object.keys(HOOK_ADAPTERS).sort());
  for (const client of HOOK_CLIENTS) assert.equal(await loadHookAdapter(client), HOOK_ADAPTERS[client]);
  assert.equal(await loadHookAdapter('no-such-client'), undefined);
});

for (const [client, adapter] of Object.entries(HOOK_ADAPTERS)) {
  describe(`hook contract: ${client}`, () => {
    const files = fixtures(client);

    test('the adapter names its client, and its deciding events are known, blockable events', () => {
      assert.equal(adapter.contract, 1);
      assert.equal(adapter.client, client);
      assert.ok(files.length > 0, 'at least one fixture');
      for (const h of adapter.deciding) {
        assert.ok(adapter.events[h], `${h} is deciding but not an event`);
        assert.ok(adapter.blockable.has(h), `${h} is deciding but not blockable`);
      }
      for (const h of adapter.blockable) assert.ok(adapter.events[h], `${h} is blockable but not an event`);
      for (const h of adapter.ignored ?? []) assert.equal(adapter.events[h], undefined, `${h} is both recorded and ignored`);
    });

    test('every hook event the adapter knows appears in a fixture', () => {
      const seen = new Set(files.flatMap(([, fx]) => fx.events.map((e) => adapter.eventName(e.payload))));
      const missing = Object.keys(adapter.events).filter((h) => !seen.has(h));
      assert.deepEqual(missing, [], `events without a fixture: ${missing.join(', ')}`);
    });

    test('each payload becomes its expected, valid canonical event, with the payload kept as raw', () => {
      for (const [file, fx] of files) {
        assert.ok(fx.source && fx.client_version, `${file}: source and client_version are required`);
        for (const [i, { event: e, hook, fe }] of normaliseAll(adapter, fx, file).entries()) {
          const at = `${file} #${i} (${hook})`;
          const want = fe.expect;
          const v = validateEvent(e, T);
          assert.ok(v.ok, `${at}: ${v.ok ? '' : JSON.stringify(v.errors)}`);
          assert.equal(e.kind, want.kind, at);
          // A result event may be a tool_error when the call failed (clients with one after-tool hook).
          const usual = adapter.events[hook];
          assert.ok(usual === want.kind || (usual === 'tool_result' && want.kind === 'tool_error' && e.error), `${at}: ${hook} is ${usual}`);
          assert.equal(e.client, client, at);
          assert.equal(e.capture, 'hook', at);
          assert.equal(e.session_id, fx.session_id, at);
          if (fx.user) assert.equal(e.user, fx.user, at);
          assert.deepEqual(e.raw, fe.payload, at);
          if (want.tool) {
            assert.equal(e.tool?.name, want.tool.name, at);
            assert.equal(e.tool?.kind, want.tool.kind, at);
            assert.equal(e.tool?.mcp_server, want.tool.mcp_server, at);
          } else if (e.kind === 'tool_call' || e.kind === 'tool_result' || e.kind === 'tool_error') {
            assert.fail(`${at}: a tool event's fixture must say which tool`);
          }
          for (const k of ['text', 'error'] as const) if (want[k] !== undefined) assert.ok(e[k]?.includes(want[k]!), `${at}: ${k} ${JSON.stringify(e[k])} lacks ${JSON.stringify(want[k])}`);
          for (const k of ['input', 'output'] as const) if (want[k] !== undefined) assert.ok(JSON.stringify(e[k] ?? null).includes(want[k]!), `${at}: ${k} lacks ${JSON.stringify(want[k])}`);
          if (want.turn_id !== undefined) assert.equal(e.turn_id, want.turn_id, at);
          if (want.parent_id !== undefined) assert.equal(e.parent_id, want.parent_id, at);
        }
      }
    });

    test('the events of a fixture build one session, with every tool classified', () => {
      for (const [file, fx] of files) {
        const all = normaliseAll(adapter, fx, file);
        const sessions = summarize(all.map((n) => n.event), all.map((_, i) => T + i * 1000));
        assert.deepEqual([...sessions.keys()], [fx.session_id], file);
        const s = sessions.get(fx.session_id)!;
        assert.equal(s.client, client, file);
        for (const { fe } of all.filter((n) => n.event.kind === 'tool_call')) {
          const t = fe.expect.tool!;
          const found = [...s.tools.values()].find((x) => x.name === t.name);
          assert.ok(found, `${file}: ${t.name} is not among the session's tools`);
          assert.equal(found.kind, t.kind, `${file}: ${t.name}`);
        }
        if (all.some((n) => n.event.kind === 'prompt')) assert.ok(s.prompt, `${file}: the session's prompt`);
      }
    });

    test('ids are stable for a resend and distinct within a session', () => {
      for (const [file, fx] of files) {
        const once = normaliseAll(adapter, fx, file).map((n) => n.event.id);
        const again = normaliseAll(adapter, fx, file).map((n) => n.event.id);
        assert.deepEqual(again, once, file);
        assert.equal(new Set(once).size, once.length, `${file}: two events share an id`);
      }
    });

    test("deny and allow are answered in the client's own wire format; events that cannot be denied are allowed", () => {
      for (const [file, fx] of files) {
        for (const [i, { hook, fe }] of normaliseAll(adapter, fx, file).entries()) {
          const at = `${file} #${i} (${hook})`;
          const deny = adapter.answer(hook, { action: 'deny', reason: REASON });
          const allow = adapter.answer(hook, { action: 'allow' });
          assert.doesNotThrow(() => JSON.parse(JSON.stringify(deny)), at);
          if (adapter.blockable.has(hook)) {
            assert.ok(fe.answers, `${at}: a blockable event's fixture must give its answers`);
            assert.deepEqual(deny, fe.answers.deny, `${at}: deny`);
            assert.deepEqual(allow, fe.answers.allow, `${at}: allow`);
            assert.ok(JSON.stringify(deny).includes(REASON), `${at}: the deny carries the reason`);
            assert.notDeepEqual(deny, allow, at);
          } else {
            assert.deepEqual(deny, allow, `${at}: not blockable, so a deny is answered as allow`);
          }
        }
      }
    });

    test('refuses what is not one of its events, saying why', () => {
      const [, fx] = files[0]!;
      const sample = fx.events[0]!.payload;
      for (const bad of [null, [], 'text', 42]) {
        const r = adapter.normalise(bad, { timeMs: T });
        assert.ok(!r.ok && /object/.test(r.error), JSON.stringify(bad));
      }
      const unknown = adapter.normalise({ ...sample, hook_event_name: 'NoSuchEvent', event: 'NoSuchEvent', hook_event: 'NoSuchEvent' }, { timeMs: T });
      assert.ok(!unknown.ok && unknown.error.length > 10);
    });
  });
}
