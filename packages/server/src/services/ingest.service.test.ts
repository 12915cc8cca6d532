import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { migrate, openDatabase } from '../repositories/database.js';
import { ENGINES, PG_SKIP, ev } from '../testing/databases.js';
import { openTestStore } from '../testing/store.js';
import type { Store } from '../repositories/store.js';
import { ApiError } from './errors.js';
import { IngestService } from './ingest.service.js';
import { SessionService } from './session.service.js';
import { join } from 'node:path';

const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

for (const engine of ENGINES) {
  describe(`ingest on ${engine}`, { skip: engine === 'postgres' ? (PG_SKIP ?? false) : false }, () => {
    let store: Store;
    let close: () => Promise<void>;
    let ingest: IngestService;
    let sessions: SessionService;
    let dbInfo: Awaited<ReturnType<typeof openTestStore>>['db'];

    before(async () => {
      ({ store, close, db: dbInfo } = await openTestStore(engine));
      ingest = new IngestService(store, { maxBatch: 100 });
      sessions = new SessionService(store);
    });
    after(() => close());

    test('migrations run once: a second run has nothing to apply', async () => {
      const handle = openDatabase({ url: dbInfo.url, sqlitePath: join(dbInfo.dataDir, 'vigil.db') });
      assert.deepEqual(await migrate(handle), []);
      await handle.close();
    });

    test('ingestMany stores any number of events in batches, with rejected indexes into the whole list', async () => {
      const events: unknown[] = Array.from({ length: 250 }, (_, i) => ev({ id: `many-${i}`, session_id: 'many', seq: i, time: at(i) }));
      events[150] = { session_id: 'many', kind: 'prompt' };
      const r = await ingest.ingestMany(events);
      assert.equal(r.accepted.length, 249);
      assert.deepEqual(r.rejected.map((x) => x.index), [150]);
      assert.equal((await sessions.get('many', {})).session.counters.events, 249);
      assert.equal((await ingest.ingestMany(events)).duplicates.length, 249);
    });

    test('a batch posted twice is stored once', async () => {
      const batch = {
        schema_version: 1,
        events: [
          ev({ id: 'a1', session_id: 'dup', kind: 'session_start', time: at(0), user: 'ana' }),
          ev({ id: 'a2', session_id: 'dup', kind: 'prompt', time: at(1), text: 'hello' }),
          ev({ id: 'a3', session_id: 'dup', kind: 'tool_call', time: at(2), tool: { name: 'Bash', kind: 'shell' } }),
        ],
      };
      const first = await ingest.ingest(batch);
      assert.deepEqual(first, { accepted: ['a1', 'a2', 'a3'], duplicates: [], rejected: [] });
      const again = await ingest.ingest(batch);
      assert.deepEqual(again, { accepted: [], duplicates: ['a1', 'a2', 'a3'], rejected: [] });
      const d = await sessions.get('dup', {});
      assert.deepEqual(d.session.counters, { events: 3, tool_calls: 1, failures: 0, alerts: 0, blocks: 0 });
      assert.equal(JSON.parse(d.timelineJson).length, 3);
      assert.equal(d.session.tools?.[0]?.calls, 1);
    });

    test('the same id twice in one batch is one event and one duplicate', async () => {
      const e = ev({ id: 'b1', session_id: 'dup2', time: at(0) });
      const r = await ingest.ingest({ events: [e, e] });
      assert.deepEqual(r, { accepted: ['b1'], duplicates: ['b1'], rejected: [] });
    });

    test('events without ids get ids derived from content, so a retry is still deduplicated', async () => {
      const batch = { events: [ev({ session_id: 'noid', time: at(0), kind: 'prompt', text: 'x' }), ev({ session_id: 'noid', time: at(1), kind: 'prompt', text: 'y' })] };
      const first = await ingest.ingest(batch);
      assert.equal(first.accepted.length, 2);
      assert.ok(first.accepted.every((id) => id.startsWith('c_')));
      assert.notEqual(first.accepted[0], first.accepted[1]);
      const again = await ingest.ingest(batch);
      assert.deepEqual(again.duplicates, first.accepted);
    });

    test('invalid events are rejected by index with reasons; the valid rest is stored', async () => {
      const r = await ingest.ingest({
        events: [ev({ id: 'm1', session_id: 'mixed', time: at(0) }), ev({ id: 'm2', session_id: 'mixed', kind: 'tool_call' }), 42],
      });
      assert.deepEqual(r.accepted, ['m1']);
      assert.deepEqual(r.rejected, [
        { index: 1, id: 'm2', errors: ['events[1].tool is required for kind tool_call'] },
        { index: 2, errors: ['events[2] must be a JSON object'] },
      ]);
    });

    test('a malformed batch is a 400 with a message saying what is wrong', async () => {
      const cases: [unknown, RegExp][] = [
        [null, /body must be a JSON object/],
        [[], /body must be a JSON object/],
        [{ events: 'x' }, /"events" must be an array/],
        [{ events: [] }, /"events" is empty/],
        [{ events: Array(101).fill(ev({ session_id: 's' })) }, /at most 100 per batch/],
        [{ events: [ev({ session_id: 's' })], extra: 1 }, /unknown field "extra"/],
        [{ schema_version: 2, events: [ev({ session_id: 's' })] }, /schema_version 2 is not supported/],
      ];
      for (const [body, msg] of cases) {
        await assert.rejects(ingest.ingest(body), (e: unknown) => e instanceof ApiError && e.status === 400 && msg.test(e.message));
      }
    });

    test('batches arriving out of order build the same session as in order', async () => {
      const make = (sid: string) => [
        ev({ id: `${sid}-1`, session_id: sid, kind: 'session_start', time: at(0), user: 'ana', device: { id: 'd1', hostname: 'h1', os: 'linux' }, cwd: '/w', client_version: '2.1' }),
        ev({ id: `${sid}-2`, session_id: sid, kind: 'prompt', time: at(1), text: 'Add a test for the parser' }),
        ev({ id: `${sid}-3`, session_id: sid, kind: 'tool_call', time: at(2), model: 'm1', tool: { name: 'Read', kind: 'file_read' } }),
        ev({ id: `${sid}-4`, session_id: sid, kind: 'prompt', time: at(3), text: 'and now fix it' }),
        ev({ id: `${sid}-5`, session_id: sid, kind: 'tool_error', time: at(4), tool: { name: 'Bash', kind: 'shell' }, error: 'exit 1' }),
        ev({ id: `${sid}-6`, session_id: sid, kind: 'decision', time: at(5), verdict: { action: 'block' } }),
        ev({ id: `${sid}-7`, session_id: sid, kind: 'session_end', time: at(6), model: 'm2' }),
      ];
      const inOrder = make('ord-a');
      for (let i = 0; i < inOrder.length; i += 2) await ingest.ingest({ events: inOrder.slice(i, i + 2) });
      const reversed = make('ord-b');
      for (const e of reversed.reverse()) await ingest.ingest({ events: [e] });
      const a = (await sessions.get('ord-a', {})).session;
      const b = (await sessions.get('ord-b', {})).session;
      assert.deepEqual({ ...b, id: 'ord-a', model: a.model }, a);
      assert.equal(a.initial_prompt, 'Add a test for the parser');
      assert.equal(a.topic, 'testing');
      assert.equal(a.security, 'blocked');
      assert.equal(a.status, 'ended');
      assert.equal(a.model, 'm2');
      assert.deepEqual(a.counters, { events: 7, tool_calls: 1, failures: 1, alerts: 0, blocks: 1 });
      const tl = (await sessions.get('ord-b', {})).timelineJson;
      assert.deepEqual(JSON.parse(tl).map((e: { id: string }) => e.id), make('ord-b').map((e) => e.id));
    });

    test('concurrent batches for one session lose no counter update', async () => {
      const batches = Array.from({ length: 8 }, (_, b) => ({
        events: Array.from({ length: 25 }, (_, i) => ev({ id: `cc-${b}-${i}`, session_id: 'conc', kind: 'tool_call', time: at(b * 25 + i), tool: { name: `T${i % 3}`, kind: 'other' } })),
      }));
      const results = await Promise.all(batches.map((b) => ingest.ingest(b)));
      assert.equal(results.reduce((n, r) => n + r.accepted.length, 0), 200);
      const s = (await sessions.get('conc', {})).session;
      assert.equal(s.counters.events, 200);
      assert.equal(s.counters.tool_calls, 200);
      assert.deepEqual(s.tools?.map((t) => t.calls).sort(), [64, 64, 72]); // T0 gets i = 0, 3, … 24: 9 of every 25
    });

    test('NUL, emoji and right-to-left text round-trip exactly; a 1 MB output is kept whole', async () => {
      const text = 'nul\u0000here 🚀 שלום \u202e';
      const big = 'x'.repeat(1024 * 1024);
      const r = await ingest.ingest({
        events: [
          ev({ id: 'u1', session_id: 'uni', kind: 'prompt', time: at(0), text, user: 'a\u0000b', tool: undefined }),
          ev({ id: 'u2', session_id: 'uni', kind: 'tool_result', time: at(1), tool: { name: 'Re\u0000ad', kind: 'file_read' }, output: big }),
        ],
      });
      assert.deepEqual(r.accepted, ['u1', 'u2']);
      const d = await sessions.get('uni', {});
      const tl = JSON.parse(d.timelineJson);
      assert.equal(tl[0].text, text);
      assert.equal(tl[1].output.length, big.length);
      assert.equal(tl[1].tool.name, 'Re\u0000ad');
      assert.equal(d.session.user, 'ab');
      assert.equal(d.session.initial_prompt, 'nulhere 🚀 שלום \u202e');
    });
  });
}
