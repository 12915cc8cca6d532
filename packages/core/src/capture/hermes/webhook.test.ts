import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkHermesDelivery, hermesSignature, normaliseHermesWebhook, verifyHermesSignature } from './webhook.js';
import { normaliseHermesHook } from './hook.js';

const DIR = fileURLToPath(new URL('../../../fixtures/webhooks/hermes/', import.meta.url));
const SECRET = 'whsec-test-3b9d0f5c2a7e4d18';
const NOW = Date.parse('2026-11-22T10:15:40Z');
const body = readFileSync(`${DIR}/post_tool_call.body.json`);
const headers = JSON.parse(readFileSync(`${DIR}/post_tool_call.headers.json`, 'utf8')) as Record<string, string>;
const h = { signature: headers['X-Hermes-Signature-256'], delivery: headers['X-Hermes-Delivery'], event: headers['X-Hermes-Event'] };

test('the recorded delivery is signed like Hermes signs (GitHub style, HMAC-SHA256 of the raw body, hex)', () => {
  assert.equal(h.signature, 'sha256=' + createHmac('sha256', SECRET).update(body).digest('hex'));
  assert.equal(hermesSignature(body, SECRET), h.signature);
  assert.ok(verifyHermesSignature(body, h.signature, SECRET));
  assert.ok(!verifyHermesSignature(body, h.signature, SECRET + 'x'));
  assert.ok(!verifyHermesSignature(body, 'sha256=00', SECRET));
  assert.ok(!verifyHermesSignature(body, h.signature, ''));
});

test('a good delivery passes; unsigned, wrong, tampered, mismatched and stale ones are refused', () => {
  const ok = checkHermesDelivery(body, h, SECRET, NOW);
  assert.ok(ok.ok);
  assert.equal(ok.deliveryId, '9f3c1a7e5b2d4c6e8a0b1c2d3e4f5a6b');
  assert.equal(ok.hook, 'post_tool_call');
  assert.equal(ok.timeMs, Date.parse('2026-11-22T10:15:31.482Z'));

  const reason = (r: ReturnType<typeof checkHermesDelivery>) => (r.ok ? 'ok' : r.reason);
  assert.equal(reason(checkHermesDelivery(body, { ...h, signature: undefined }, SECRET, NOW)), 'unsigned');
  assert.equal(reason(checkHermesDelivery(body, { ...h, signature: 'sha256=' + '0'.repeat(64) }, SECRET, NOW)), 'bad_signature');
  const tampered = Buffer.from(body.toString('utf8').replace('"duration_ms": 1843', '"duration_ms": 1'));
  assert.notDeepEqual(tampered, body);
  assert.equal(reason(checkHermesDelivery(tampered, h, SECRET, NOW)), 'bad_signature');
  assert.equal(reason(checkHermesDelivery(body, { ...h, delivery: 'another' }, SECRET, NOW)), 'malformed');
  assert.equal(reason(checkHermesDelivery(body, { ...h, event: 'pre_tool_call' }, SECRET, NOW)), 'malformed');
  assert.equal(reason(checkHermesDelivery(body, h, SECRET, NOW + 6 * 60_000)), 'stale');
  assert.equal(reason(checkHermesDelivery(body, h, SECRET, NOW - 6 * 60_000)), 'stale');
  const notJson = Buffer.from('not json');
  assert.equal(reason(checkHermesDelivery(notJson, { ...h, signature: hermesSignature(notJson, SECRET) }, SECRET, NOW)), 'malformed');
});

test('a delivery becomes the event the shell hook makes (same id), at its signed time', () => {
  const ok = checkHermesDelivery(body, h, SECRET, NOW);
  assert.ok(ok.ok);
  const r = normaliseHermesWebhook(ok, { clientVersion: '0.21.3' });
  assert.ok(r.ok);
  assert.equal(r.event.time, '2026-11-22T10:15:31.482Z');
  assert.equal(r.event.client_version, '0.21.3');
  const { delivery_id: _d, timestamp: _t, ...shellPayload } = ok.payload;
  const viaHook = normaliseHermesHook(shellPayload, { timeMs: NOW, id: 'relay-x' });
  assert.ok(viaHook.ok);
  assert.equal(r.event.id, viaHook.event.id);
  assert.deepEqual(r.event.raw, shellPayload);
  // An event with no id of its own is keyed by the delivery.
  const end = normaliseHermesWebhook({ payload: { hook_event_name: 'on_session_end', session_id: 's1', extra: {} }, deliveryId: 'abc123', timeMs: NOW });
  assert.ok(end.ok);
  assert.equal(end.event.id, 'hermes:delivery:abc123');
});
