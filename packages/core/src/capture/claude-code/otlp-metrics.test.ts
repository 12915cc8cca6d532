import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { claudeCodeOtlpMetrics, usageTotals, type UsagePoint } from './otlp-metrics.js';

const ROOT = process.env.VIGIL_DATASETS ?? fileURLToPath(new URL('../../../../../../shared/datasets', import.meta.url));
const DIR = `${ROOT}/claude-code/otlp`;
const SKIP = existsSync(DIR) ? false : `dataset not found at ${DIR} (set VIGIL_DATASETS to the datasets directory)`;

describe('Claude Code OTLP metrics', () => {
  test('the captured exports give the session’s tokens, cost, active time and lines changed', { skip: SKIP }, () => {
    const points = ['1-metrics.json', '3-metrics.json', '6-metrics.json'].flatMap((f) => claudeCodeOtlpMetrics(JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8'))).points);
    assert.ok(points.every((p) => p.session_id === '0a1aad4f-1d99-4a12-8e39-ac9deff4c7a9' && !p.cumulative));
    // Locked: the sums of the captured delta points.
    assert.deepEqual(usageTotals(points), { input_tokens: 80, output_tokens: 40, cache_read_tokens: 0, cache_creation_tokens: 0, cost_usd: 0.00084, active_time_s: 2.248, lines_added: 4, lines_removed: 1 });
    // An export sent twice is the same points (same series and interval), which the store keeps once.
    const again = claudeCodeOtlpMetrics(JSON.parse(readFileSync(`${DIR}/1-metrics.json`, 'utf8'))).points;
    assert.deepEqual(again, points.slice(0, again.length));
  });

  test('cumulative series count their latest value; delta points add up', () => {
    const p = (time_ms: number, value: number, cumulative: boolean, type = 'input'): UsagePoint => ({ session_id: 's', metric: 'token.usage', attrs: JSON.stringify({ model: 'm', type }), start_ms: 0, time_ms, value, cumulative });
    assert.equal(usageTotals([p(1, 10, true), p(2, 25, true), p(3, 40, true)]).input_tokens, 40);
    assert.equal(usageTotals([p(1, 10, false), p(2, 15, false)]).input_tokens, 25);
    assert.equal(usageTotals([p(1, 10, true), p(2, 5, false, 'output')]).output_tokens, 5);
  });

  test('points without a session, value or time are counted as rejected', () => {
    const r = claudeCodeOtlpMetrics({ resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: 'claude_code.cost.usage', sum: { aggregationTemporality: 1, dataPoints: [{ asDouble: 1, timeUnixNano: '1795283966355000000' }, null] } }, { name: 'other.metric' }] }] }] });
    assert.deepEqual(r, { points: [], rejected: 2 });
  });
});
