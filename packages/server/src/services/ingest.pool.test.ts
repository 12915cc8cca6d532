import { DEFAULT_SCAN_SETTINGS } from '@vigil/scanners';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ENGINES, PG_SKIP, ev } from '../testing/databases.js';
import { openTestStore } from '../testing/store.js';
import type { Store } from '../repositories/store.js';
import { WriteLock } from '../repositories/write-lock.js';
import { ApiError } from './errors.js';
import { IngestPool } from './ingest.pool.js';
import { SessionService } from './session.service.js';

const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);
const body = (events: unknown[]) => Buffer.from(JSON.stringify({ schema_version: 1, events }));

function rejectsWith(p: Promise<unknown>, status: number, code: string, message?: RegExp) {
  return assert.rejects(p, (e: unknown) => e instanceof ApiError && e.status === status && e.code === code && (!message || message.test(e.message)));
}

for (const engine of ENGINES) {
  describe(`ingest worker pool on ${engine}`, { skip: engine === 'postgres' ? (PG_SKIP ?? false) : false }, () => {
    let store: Store;
    let close: () => Promise<void>;
    let pool: IngestPool;
    let stored = 0;

    before(async () => {
      const t = await openTestStore(engine);
      ({ store, close } = t);
      pool = new IngestPool({
        threads: 2,
        writeLock: WriteLock.allocate(),
        database: { url: t.db.url, sqlitePath: join(t.db.dataDir, 'vigil.db'), poolSize: 2, autoCheckpoint: false },
        maxBatch: 1000,
        scanSettings: DEFAULT_SCAN_SETTINGS,
        onStored: () => stored++,
        onError: (m) => assert.fail(m),
      });
    });
    after(async () => {
      await pool.close();
      await close();
    });

    test('concurrent batches, overlapping and repeated, store every event exactly once', async () => {
      // 12 sessions × 100 events, cut into 40 batches of 30 that each also resend 10 events of the previous batch.
      const all = Array.from({ length: 1200 }, (_, i) =>
        ev({ id: `p-${i}`, session_id: `pool-${i % 12}`, seq: i, time: new Date(T0 + i * 1000).toISOString(), kind: i % 3 === 0 ? 'tool_call' : 'response', ...(i % 3 === 0 ? { tool: { name: 'Bash', kind: 'shell' }, input: { command: `echo ${i} ✓` } } : { text: `reply ${i}` }) }),
      );
      const batches = Array.from({ length: 40 }, (_, b) => all.slice(Math.max(0, b * 30 - 10), b * 30 + 30));
      const results = await Promise.all(batches.map((events) => pool.ingestBody(body(events))));
      const accepted = results.flatMap((r) => r.accepted);
      assert.equal(accepted.length, 1200);
      assert.equal(new Set(accepted).size, 1200);
      assert.equal(results.reduce((n, r) => n + r.duplicates.length, 0), 390);
      assert.ok(stored > 0);

      const sessions = new SessionService(store);
      for (let s = 0; s < 12; s++) {
        const d = await sessions.get(`pool-${s}`, {});
        assert.equal(d.session.counters.events, 100);
        const timeline = JSON.parse(d.timelineJson) as { id: string; input?: unknown }[];
        assert.deepEqual(
          timeline.map((e) => e.id),
          all.filter((_, i) => i % 12 === s).map((e) => e.id),
        );
        if (s === 0) assert.deepEqual(timeline[0]!.input, { command: 'echo 0 ✓' });
      }
    });

    test('bad bodies come back as the same 4xx errors as on the request thread', async () => {
      await rejectsWith(pool.ingestBody(Buffer.from('{"events": [')), 400, 'invalid_json', /not valid JSON/);
      await rejectsWith(pool.ingestBody(Buffer.alloc(0)), 400, 'bad_request', /empty/);
      await rejectsWith(pool.ingestBody(body([]).subarray(0)), 400, 'bad_request', /"events" is empty/);
      const mixed = await pool.ingestBody(body([ev({ id: 'ok-m', session_id: 'mixed' }), { session_id: 'mixed' }]));
      assert.deepEqual(mixed.accepted, ['ok-m']);
      assert.equal(mixed.rejected[0]!.index, 1);
      // The workers are still serving.
      assert.deepEqual((await pool.ingestBody(body([ev({ id: 'after', session_id: 'mixed' })]))).accepted, ['after']);
    });
  });
}

describe('ingest worker pool that cannot start', () => {
  test('answers 503 instead of hanging, and stops restarting workers', async () => {
    const errors: string[] = [];
    const pool = new IngestPool({
      threads: 1,
      writeLock: WriteLock.allocate(),
      // A data directory under a file: the worker's database cannot be opened.
      database: { sqlitePath: '/dev/null/vigil/vigil.db' },
      maxBatch: 10,
      scanSettings: DEFAULT_SCAN_SETTINGS,
      onStored: () => {},
      onError: (m) => errors.push(m),
    });
    try {
      for (let i = 0; i < 3; i++) await rejectsWith(pool.ingestBody(body([ev({ id: `x${i}`, session_id: 'x' })])), 503, 'unavailable', /not acknowledged/);
      await rejectsWith(pool.ingestBody(body([ev({ id: 'y', session_id: 'x' })])), 503, 'unavailable', /keep failing to start/);
      assert.ok(errors.some((e) => e.includes('keep failing to start')));
    } finally {
      await pool.close();
    }
  });
});
