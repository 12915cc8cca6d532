import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { secretsScanner, toParts } from '@vigil/scanners';
import { dataset } from '../datasets.js';
import { loadCorpus } from './corpus.js';
import { evaluate } from './evaluate.js';

const cases = loadCorpus();

test('secrets: precision and recall at least 0.95 at the default sensitivity', () => {
  const r = evaluate(cases, 'medium');
  const { precision, recall } = r.score;
  const detail = [...r.misses.map((m) => `miss ${m.id}`), ...r.falsePositives.map((f) => `fp ${f.id} ${f.rule}`)].join('\n');
  assert.ok(precision >= 0.95, `precision ${precision.toFixed(3)}\n${detail}`);
  assert.ok(recall >= 0.95, `recall ${recall.toFixed(3)}\n${detail}`);
});

test('secrets: sensitivity low reports only what it is sure of', () => {
  const r = evaluate(cases, 'low');
  assert.ok(r.score.precision >= 0.99, `precision ${r.score.precision.toFixed(3)}`);
  assert.ok(r.score.recall >= 0.7, `recall ${r.score.recall.toFixed(3)}`);
});

test('secrets: the corpus covers at least 80 rules', () => {
  const rules = new Set(cases.flatMap((c) => c.expected.map((e) => e.rule)));
  assert.ok(rules.size >= 80, `${rules.size} rules`);
});

const cc = dataset('claude-code');
test('secrets: nothing reported on the real Claude Code captures', { skip: cc.skip }, () => {
  const files = readdirSync(`${cc.dir}/hooks`).filter((f) => f.endsWith('.json'));
  assert.ok(files.length > 0);
  for (const f of files) {
    const value: unknown = JSON.parse(readFileSync(`${cc.dir}/hooks/${f}`, 'utf8'));
    const found = secretsScanner.scan({ stage: 'tool_output', client: 'claude-code', parts: toParts(value) }, { sensitivity: 'medium' });
    assert.deepEqual(found.filter((x) => x.confidence >= 0.5), [], f);
  }
});
