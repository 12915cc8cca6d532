import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, PG_SKIP, ev } from '../testing/databases.js';
import { openTestStore } from '../testing/store.js';
import { ApiError } from './errors.js';
import { IngestService } from './ingest.service.js';
import { SessionService } from './session.service.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 9, 1);
const CLIENTS = ['claude-code', 'cursor', 'codex'] as const;
const USERS = ['ana', 'ben', 'chloe', 'dev'];
const TOOLS = ['Bash', 'Read', 'Edit', 'WebFetch'];
const SECURITY = ['clean', 'clean', 'alerted', 'blocked'] as const;

/** What the test knows about each seeded session, to compute expected filter results independently. */
interface Seed {
  id: string;
  started: number;
  client: string;
  user: string;
  host: string;
  tools: string[];
  security: string;
  ended: boolean;
  word: string;
}

function seeds(): Seed[] {
  return Array.from({ length: 60 }, (_, i) => ({
    id: `sess-${String(i).padStart(2, '0')}`,
    // Two sessions share each start time, so the cursor must break ties by id.
    started: T0 + Math.floor(i / 2) * DAY,
    client: CLIENTS[i % 3]!,
    user: USERS[i % 4]!,
    host: `host-${i % 5}`,
    tools: TOOLS.filter((_, k) => (i + k) % 3 === 0),
    security: SECURITY[i % 4]!,
    ended: i % 2 === 0,
    word: `marker${i}`,
  }));
}

function eventsOf(s: Seed) {
  const out: Record<string, unknown>[] = [];
  const base = { session_id: s.id, client: s.client, capture: 'hook' };
  let t = s.started;
  out.push(ev({ ...base, id: `${s.id}-start`, kind: 'session_start', time: t, user: s.user, device: { id: `dev-${s.host}`, hostname: s.host } }));
  out.push(ev({ ...base, id: `${s.id}-prompt`, kind: 'prompt', time: ++t, text: s.user === 'ana' ? 'Deploy the service with terraform' : 'Fix the crash in the parser' }));
  for (const [k, tool] of s.tools.entries()) {
    out.push(ev({ ...base, id: `${s.id}-call-${k}`, kind: 'tool_call', time: ++t, tool: { name: tool, kind: 'other' }, input: { arg: `value ${s.word}` } }));
    out.push(ev({ ...base, id: `${s.id}-res-${k}`, kind: 'tool_result', time: ++t, tool: { name: tool, kind: 'other' }, output: `common output text for ${tool}` }));
  }
  if (s.security !== 'clean') out.push(ev({ ...base, id: `${s.id}-verdict`, kind: 'decision', time: ++t, verdict: { action: s.security === 'blocked' ? 'block' : 'alert' } }));
  if (s.ended) out.push(ev({ ...base, id: `${s.id}-end`, kind: 'session_end', time: t + 60_000 }));
  return out;
}

for (const engine of ENGINES) {
  describe(`session queries on ${engine}`, { skip: engine === 'postgres' ? (PG_SKIP ?? false) : false }, () => {
    let close: () => Promise<void>;
    let svc: SessionService;
    const all = seeds();
    // Newest first; ties by id descending.
    const order = [...all].sort((a, b) => b.started - a.started || (a.id < b.id ? 1 : -1)).map((s) => s.id);
    const expect = (pred: (s: Seed) => boolean) => order.filter((id) => pred(all.find((s) => s.id === id)!));

    async function listAll(q: Record<string, string>, limit = 7): Promise<string[]> {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await svc.list({ ...q, limit: String(limit), ...(cursor ? { cursor } : {}) });
        assert.ok(page.sessions.length <= limit);
        ids.push(...page.sessions.map((s) => s.id));
        cursor = page.next_cursor;
      } while (cursor);
      return ids;
    }

    before(async () => {
      let store;
      ({ store, close } = await openTestStore(engine));
      const ingest = new IngestService(store, { maxBatch: 1000 });
      svc = new SessionService(store);
      // Interleave sessions across batches, as many concurrent agents would.
      const events = all.flatMap(eventsOf);
      for (let i = 0; i < events.length; i += 37) await ingest.ingest({ events: events.slice(i, i + 37) });
      await store.search.catchUp();
      assert.equal((await store.search.status()).lag, 0);
    });
    after(() => close());

    test('newest first, and cursor pages visit every session exactly once', async () => {
      assert.deepEqual(await listAll({}), order);
      assert.deepEqual(await listAll({}, 500), order);
    });

    test('each filter returns exactly the matching sessions', async () => {
      assert.deepEqual(await listAll({ security: 'blocked' }), expect((s) => s.security === 'blocked'));
      assert.deepEqual(await listAll({ security: 'alerted' }), expect((s) => s.security === 'alerted'));
      assert.deepEqual(await listAll({ status: 'active' }), expect((s) => !s.ended));
      assert.deepEqual(await listAll({ client: 'cursor' }), expect((s) => s.client === 'cursor'));
      assert.deepEqual(await listAll({ user: 'ben' }), expect((s) => s.user === 'ben'));
      assert.deepEqual(await listAll({ device: 'host-3' }), expect((s) => s.host === 'host-3'));
      assert.deepEqual(await listAll({ device: 'dev-host-3' }), expect((s) => s.host === 'host-3'));
      assert.deepEqual(await listAll({ tool: 'WebFetch' }), expect((s) => s.tools.includes('WebFetch')));
      assert.deepEqual(await listAll({ topic: 'infrastructure' }), expect((s) => s.user === 'ana'));
      assert.deepEqual(await listAll({ topic: 'bug fix' }), expect((s) => s.user !== 'ana'));
      const from = T0 + 10 * DAY;
      const to = T0 + 12 * DAY;
      // Active in the window: started before its end, last seen after its start.
      assert.deepEqual(
        await listAll({ from: new Date(from).toISOString(), to: String(to) }),
        expect((s) => s.started <= to && s.started + (s.ended ? 60_000 : 0) + 2 * s.tools.length + 2 >= from),
      );
      assert.deepEqual(
        await listAll({ client: 'claude-code', security: 'blocked', user: 'dev' }),
        expect((s) => s.client === 'claude-code' && s.security === 'blocked' && s.user === 'dev'),
      );
    });

    test('full-text search finds sessions by words in tool input and output, all terms required', async () => {
      const withBash = all.filter((s) => s.tools.includes('Bash'));
      const target = withBash[3]!;
      assert.deepEqual(await listAll({ q: target.word }), [target.id]);
      assert.deepEqual(await listAll({ q: `${target.word} nosuchword` }), []);
      assert.deepEqual(await listAll({ q: 'output Bash' }), expect((s) => s.tools.includes('Bash')));
      assert.deepEqual(await listAll({ q: 'TERRAFORM' }), expect((s) => s.user === 'ana'));
      assert.deepEqual(await listAll({ q: 'terraform', client: 'codex' }), expect((s) => s.user === 'ana' && s.client === 'codex'));
    });

    test('search syntax typed by a user is taken as plain words, never as query operators', async () => {
      for (const q of ['"', 'a AND', 'NEAR(', '*', 'x:y', '^', '(', "'; drop table events; --", '!!!', '&|!:*']) {
        const page = await svc.list({ q });
        assert.ok(Array.isArray(page.sessions), q);
      }
      assert.deepEqual((await svc.list({ q: '!!!' })).sessions, []);
    });

    test('a word the search index cannot look up whole is a 400 that says so, not a failure', async () => {
      // U+19B0 is a letter to JavaScript's Unicode tables but a word break to SQLite's older ones.
      const word = 'a\u19b0b';
      if (engine === 'sqlite') {
        await assert.rejects(svc.list({ q: word }), (e: unknown) => e instanceof ApiError && e.status === 400 && /q: one of the terms .* search for its parts separately/.test(e.message));
      } else {
        assert.deepEqual((await svc.list({ q: word })).sessions, []);
      }
    });

    test('bad query parameters are a 400 that names the parameter', async () => {
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ security: 'bad' }, /security must be one of: clean, alerted, blocked/],
        [{ client: 'vim' }, /client must be one of/],
        [{ limit: '0' }, /limit must be an integer from 1 to 500/],
        [{ limit: 'many' }, /limit must be/],
        [{ from: 'yesterday' }, /from must be an ISO 8601/],
        [{ cursor: 'garbage' }, /cursor is not one this server issued/],
        [{ user: ['a', 'b'] }, /user must be given once/],
        [{ colour: 'red' }, /unknown query parameter "colour"/],
      ];
      for (const [q, msg] of cases) {
        await assert.rejects(svc.list(q), (e: unknown) => e instanceof ApiError && e.status === 400 && msg.test(e.message), JSON.stringify(q));
      }
    });

    test('a session with its tools, MCP servers and ordered, paginated timeline; raw only on request', async () => {
      const s = all.find((x) => x.tools.length >= 2)!;
      const d = await svc.get(s.id, {});
      assert.equal(d.session.id, s.id);
      assert.equal(d.session.user, s.user);
      assert.deepEqual(d.session.device, { id: `dev-${s.host}`, hostname: s.host });
      assert.deepEqual(d.session.tools?.map((t) => t.name).sort(), [...s.tools].sort());
      const expected = eventsOf(s).map((e) => e.id);
      assert.deepEqual(JSON.parse(d.timelineJson).map((e: { id: string }) => e.id), expected);
      // Page through two events at a time.
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const p = await svc.get(s.id, { limit: '2', ...(cursor ? { cursor } : {}) });
        ids.push(...JSON.parse(p.timelineJson).map((e: { id: string }) => e.id));
        cursor = p.next_cursor;
      } while (cursor);
      assert.deepEqual(ids, expected);
      await assert.rejects(svc.get('nope', {}), (e: unknown) => e instanceof ApiError && e.status === 404);
      await assert.rejects(svc.get(s.id, { raw: 'yes' }), (e: unknown) => e instanceof ApiError && e.status === 400);
    });
  });
}
