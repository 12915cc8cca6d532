import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from './errors.js';
import { parseJsonBody } from './json-body.js';

const fails = (body: string, code: string, message: RegExp) =>
  assert.throws(
    () => parseJsonBody(Buffer.from(body)),
    (e: unknown) => e instanceof ApiError && e.status === 400 && e.code === code && message.test(e.message),
  );

describe('parseJsonBody', () => {
  test('decodes ASCII and UTF-8 bodies alike, escapes included', () => {
    assert.deepEqual(parseJsonBody(Buffer.from('{"a":"plain","b":[1,2]}')), { a: 'plain', b: [1, 2] });
    const text = 'Zürich ✓ 東京 😀 \u00e9';
    assert.deepEqual(parseJsonBody(Buffer.from(JSON.stringify({ text }))), { text });
    assert.deepEqual(parseJsonBody(Buffer.from('{"t":"\\u00e9\\u2713"}')), { t: 'é✓' });
  });

  test('an empty or malformed body is a 400 that says what is wrong', () => {
    fails('', 'bad_request', /body is empty/);
    fails('{"events": [', 'invalid_json', /^body is not valid JSON: /);
    fails('{"a": 1} trailing', 'invalid_json', /not valid JSON/);
  });

  test('"__proto__" becomes an own key and never a prototype', () => {
    const v = parseJsonBody(Buffer.from('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(v), Object.prototype);
    assert.ok(Object.hasOwn(v, '__proto__'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
