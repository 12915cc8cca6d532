import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dataset } from '../datasets.js';
import { evaluate, loadPresidio } from './presidio.js';

const d = dataset('pii');

test('pii: micro F1 at least 0.9 on presidio synth_dataset_v2 at medium', { skip: d.skip }, () => {
  const r = evaluate(loadPresidio(d.dir), 'medium');
  const detail = r.misses.slice(0, 30).map((m) => `${m.kind} ${m.type}: ${m.text}`).join('\n');
  assert.ok(r.micro.f1 >= 0.9, `micro F1 ${r.micro.f1.toFixed(3)}\n${detail}`);
  assert.ok(r.micro.precision >= 0.9, `precision ${r.micro.precision.toFixed(3)}`);
});

test('pii: nothing from the national-id rules fires on the presidio sentences at medium', { skip: d.skip }, () => {
  const r = evaluate(loadPresidio(d.dir), 'medium');
  assert.equal(r.byType.get('OTHER_ID')?.fp ?? 0, 0);
});
