import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../repositories/database.js';
import type { Store } from '../repositories/store.js';
import { parseConfigFile } from '../config-file.js';
import { ENGINES, PG_SKIP, ev } from '../testing/databases.js';
import { openTestStore } from '../testing/store.js';
import { IngestService } from './ingest.service.js';
import { RetentionService, validateRetentionSettings } from './retention.service.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

test('retention settings: defaults, and every mistake named', () => {
  assert.deepEqual(validateRetentionSettings({}), { ok: true, settings: { sessions_days: 30, audit_days: 365 } });
  assert.deepEqual(validateRetentionSettings({ sessions_days: 3650, audit_days: 3650 }), { ok: true, settings: { sessions_days: 3650, audit_days: 3650 } });
  const bad = validateRetentionSettings({ sessions_days: 0, audit_days: 5, keep: 1 });
  assert.equal(bad.ok, false);
  assert.deepEqual(!bad.ok && bad.errors, [
    'unknown key "keep"; known: sessions_days, audit_days',
    'sessions_days must be a whole number of days from 1 to 3650, got 0',
    'audit_days must be a whole number of days from 30 to 3650, got 5',
  ]);
  const shorter = validateRetentionSettings({ sessions_days: 90, audit_days: 60 });
  assert.deepEqual(!shorter.ok && shorter.errors, ['audit_days (60) must be at least sessions_days (90): audit entries outlive the sessions they name']);
  for (const v of [3651, 1.5, '30', null]) assert.equal(validateRetentionSettings({ sessions_days: v }).ok, false, String(v));
  assert.equal(validateRetentionSettings([]).ok, false);
  assert.deepEqual(parseConfigFile('retention:\n  sessions_days: 7\n').retention, { sessions_days: 7 });
});

for (const engine of ENGINES) {
  describe(`retention on ${engine}`, { skip: engine === 'postgres' ? (PG_SKIP ?? false) : false }, () => {
    let store: Store;
    let close: () => Promise<void>;
    let probe: DatabaseHandle;
    let ingest: IngestService;
    // Tiny batches, so the loops over sessions and over one session's events both turn.
    const service = () => new RetentionService(store, { sessionsPerBatch: 1, eventsPerBatch: 3, pauseMs: 0 });

    const count = async (table: 'events' | 'session_tools' | 'session_mcp' | 'session_usage' | 'event_search' | 'sessions', ids: string[]) => {
      const col = table === 'sessions' ? 'id' : 'session_id';
      const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where ${sql.ref(col)} in (${sql.join(ids)})`.execute(probe.db);
      return Number(r.rows[0]!.n);
    };
    // SQLite: index rows of search.db, by word (PostgreSQL: event_search rows, counted above).
    const indexed = async (word: string) => (await sql<{ rowid: number }>`select rowid from search.events_fts where events_fts match ${word}`.execute(probe.db)).rows.length;

    const session = (id: string, startMs: number, word: string) => [
      ev({ id: `${id}-start`, session_id: id, kind: 'session_start', time: startMs, user: 'ana', mcp_servers: ['github'] }),
      ev({ id: `${id}-p`, session_id: id, kind: 'prompt', text: `please look at ${word}`, time: startMs + 1000 }),
      ...[1, 2, 3].map((i) => ev({ id: `${id}-c${i}`, session_id: id, kind: 'tool_call', tool: { name: 'Bash', kind: 'shell', call_id: `${id}-${i}` }, input: { command: `echo ${word} ${i}` }, time: startMs + 2000 + i })),
      ev({ id: `${id}-m`, session_id: id, kind: 'tool_call', tool: { name: 'mcp__github__create_issue', kind: 'mcp', mcp_server: 'github' }, input: { title: word }, time: startMs + 3000 }),
      ev({ id: `${id}-end`, session_id: id, kind: 'session_end', time: startMs + 4000 }),
    ];
    const usage = (id: string, t: number) => store.usage.insert([{ session_id: id, metric: 'claude_code.token.usage', attrs: '{}', start_ms: t, time_ms: t, value: 10, cumulative: 0 }]);

    before(async () => {
      let db;
      ({ store, close, db } = await openTestStore(engine));
      probe = openDatabase({ url: db.url, sqlitePath: join(db.dataDir, 'vigil.db') });
      ingest = new IngestService(store, { maxBatch: 1000 });
    });
    after(async () => {
      await probe?.close();
      await close?.();
    });

    test('deletes sessions past their retention with all their rows, keeps recent ones, audits once', async () => {
      const r0 = await ingest.ingestMany([...session('old-a', NOW - 40 * DAY, 'walrusold'), ...session('old-b', NOW - 31 * DAY, 'walrusold'), ...session('recent', NOW - 29 * DAY, 'walrusnew')], NOW);
      assert.equal(r0.accepted.length, 21);
      for (const id of ['old-a', 'old-b', 'recent']) await usage(id, NOW - 35 * DAY);
      await usage('metrics-only', NOW - 35 * DAY);
      await store.search.catchUp();
      const old = ['old-a', 'old-b'];
      assert.equal(await count('session_tools', old), 4);
      assert.equal(await count('session_mcp', old), 2);
      if (engine === 'sqlite') assert.equal(await indexed('walrusold'), 10);
      else assert.equal(await count('event_search', old), 10);

      const r = await service().runOnce(NOW);
      assert.deepEqual(r, { cutoff_ms: NOW - 30 * DAY, sessions: 2, events: 14 });
      for (const t of ['sessions', 'events', 'session_tools', 'session_mcp', 'session_usage'] as const) assert.equal(await count(t, old), 0, t);
      assert.equal(await count('session_usage', ['metrics-only']), 0, 'old usage points of sessions without events go too');
      if (engine === 'sqlite') assert.equal(await indexed('walrusold'), 0, 'their search index rows are gone from search.db');
      else assert.equal(await count('event_search', old), 0);

      // The recent session is untouched, and still found by search.
      for (const [t, n] of [['sessions', 1], ['events', 7], ['session_tools', 2], ['session_mcp', 1], ['session_usage', 1]] as const) assert.equal(await count(t, ['recent']), n, t);
      assert.deepEqual((await store.sessions.list({ q: 'walrusnew' }, null, 10)).map((s) => s.id), ['recent']);
      assert.deepEqual(await store.sessions.list({ q: 'walrusold' }, null, 10), []);

      const audit = await store.audit.list({ action: 'retention.purge', limit: 10 });
      assert.equal(audit.length, 1);
      assert.deepEqual({ actor: audit[0]!.actor, resource: audit[0]!.resource, details: audit[0]!.details }, { actor: 'retention', resource: 'sessions', details: { cutoff_ms: NOW - 30 * DAY, sessions: 2, events: 14 } });

      // Nothing left to delete: no audit entry.
      assert.deepEqual(await service().runOnce(NOW), { cutoff_ms: NOW - 30 * DAY, sessions: 0, events: 0 });
      assert.equal((await store.audit.list({ action: 'retention.purge', limit: 10 })).length, 1);
    });

    test('audit entries past audit_days go, oldest first; the chain re-anchors and still verifies', async () => {
      const { verifyAudit } = await import('./audit.service.js');
      // A store of its own: entries are appended in time order, as a server appends them.
      const t = await openTestStore(engine);
      try {
        for (const age of [500, 400, 370, 10]) await t.store.audit.append({ time_ms: NOW - age * DAY, actor: 'test', action: 'test.entry', resource: `age/${age}`, details: {} });
        await new RetentionService(t.store, { pauseMs: 0 }).runOnce(NOW);
        assert.deepEqual((await t.store.audit.list({ action: 'test.entry', limit: 10 })).map((e) => e.resource), ['age/10']);
        const purge = (await t.store.audit.list({ action: 'audit.purge', limit: 1 }))[0]!;
        assert.deepEqual([(purge.details as { entries: number }).entries, purge.actor], [3, 'retention']);
        const v = await verifyAudit(t.store);
        assert.deepEqual([v.ok, v.entries, v.problems], [true, 2, []]);
        // The anchor is what the rest is checked from: deleting the oldest entry left is caught.
        const first = (await t.store.audit.chain(0, 1))[0]!;
        const handle = openDatabase({ url: t.db.url, sqlitePath: join(t.db.dataDir, 'vigil.db') });
        await sql`delete from audit_log where id = ${first.id}`.execute(handle.db);
        await handle.close();
        assert.match((await verifyAudit(t.store)).problems[0]!.problem, /does not link to entry \d+/);
      } finally {
        await t.close();
      }
    });

    test('the period comes from the settings, audited as settings.update with before and after', async () => {
      const s = service();
      await s.update({ sessions_days: 60 }, 'token:ops', NOW);
      const e = (await store.audit.list({ action: 'settings.update', resource: 'settings/retention', limit: 1 }))[0]!;
      assert.deepEqual(e.details, { before: { sessions_days: 30, audit_days: 365 }, after: { sessions_days: 60, audit_days: 365 } });
      const again = service();
      assert.deepEqual(await again.load(), []);
      assert.deepEqual(again.view(), { settings: { sessions_days: 60, audit_days: 365 }, updated_ms: NOW, updated_by: 'token:ops' });
      // 'recent' is 29 days old: kept at 60 days, and at 20 it goes.
      assert.equal((await again.runOnce(NOW + 30 * DAY)).sessions, 0);
      await again.update({ sessions_days: 20 }, 'token:ops', NOW);
      // (A newer event, so 'recent' no longer holds the newest: see the next test.)
      await ingest.ingestMany([ev({ id: 'now-0', session_id: 'now', kind: 'prompt', text: 'x', time: NOW })], NOW);
      assert.deepEqual(await again.runOnce(NOW), { cutoff_ms: NOW - 20 * DAY, sessions: 1, events: 7 });
      await again.update({}, 'token:ops', NOW);
      assert.equal(again.settings().sessions_days, 30);
    });

    test('ords are never handed out again (SQLite keeps the session holding the newest event for later)', async () => {
      await ingest.ingestMany(session('late', NOW - 50 * DAY, 'walruslate'), NOW);
      const newest = async () => Number((await sql<{ m: number }>`select max(ord) as m from events`.execute(probe.db)).rows[0]!.m);
      const before = await newest();
      const first = await service().runOnce(NOW);
      if (engine === 'sqlite') {
        // Deleting its events would make the next event's ord one the search index has seen.
        assert.equal(first.sessions, 0);
        assert.equal(first.events, 0);
        assert.equal(await count('sessions', ['late']), 1);
        await ingest.ingestMany([ev({ id: 'now-1', session_id: 'now', kind: 'prompt', text: 'walrusfresh', time: NOW })], NOW);
        assert.deepEqual(await service().runOnce(NOW), { cutoff_ms: NOW - 30 * DAY, sessions: 1, events: 7 });
      } else {
        assert.deepEqual(first, { cutoff_ms: NOW - 30 * DAY, sessions: 1, events: 7 });
      }
      await ingest.ingestMany([ev({ id: 'now-2', session_id: 'now', kind: 'prompt', text: 'walrusfresher', time: NOW })], NOW);
      assert.ok((await newest()) > before);
      await store.search.catchUp();
      assert.deepEqual((await store.sessions.list({ q: 'walrusfresher' }, null, 10)).map((s) => s.id), ['now']);
      assert.deepEqual(await store.sessions.list({ q: 'walruslate' }, null, 10), []);
    });

    test('a session seen again since the cutoff is kept', async () => {
      await ingest.ingestMany([...session('revived', NOW - 45 * DAY, 'walrusrevived'), ev({ id: 'revived-late', session_id: 'revived', kind: 'prompt', text: 'back', time: NOW - DAY })], NOW);
      await ingest.ingestMany([ev({ id: 'now-3', session_id: 'now', kind: 'prompt', text: 'x', time: NOW })], NOW);
      assert.equal((await service().runOnce(NOW)).sessions, 0);
      assert.equal(await count('events', ['revived']), 8);
    });
  });
}
