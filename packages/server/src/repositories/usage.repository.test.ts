import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, PG_SKIP } from '../testing/databases.js';
import { openTestStore } from '../testing/store.js';
import type { Store } from './store.js';

for (const engine of ENGINES) {
  describe(`session usage on ${engine}`, { skip: engine === 'postgres' ? (PG_SKIP ?? false) : false }, () => {
    let store: Store;
    let close: () => Promise<void>;
    before(async () => {
      ({ store, close } = await openTestStore(engine));
    });
    after(() => close());

    test('a data point stored twice is kept once; values keep their precision', async () => {
      const rows = [
        { session_id: 's1', metric: 'cost.usage', attrs: '{"model":"m"}', start_ms: 1, time_ms: 2, value: 0.000105, cumulative: 0 },
        { session_id: 's1', metric: 'token.usage', attrs: '{"type":"input"}', start_ms: 1, time_ms: 2, value: 20, cumulative: 0 },
        { session_id: 's2', metric: 'token.usage', attrs: '{"type":"input"}', start_ms: 1, time_ms: 2, value: 7, cumulative: 1 },
      ];
      await store.usage.insert(rows);
      await store.usage.insert(rows.slice(0, 2));
      const got = (await store.usage.forSession('s1')).sort((a, b) => a.metric.localeCompare(b.metric));
      assert.deepEqual(got, rows.slice(0, 2));
      assert.deepEqual(await store.usage.forSession('s2'), [rows[2]]);
    });
  });
}
