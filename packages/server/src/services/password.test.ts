import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';

test('scrypt hashes: salted, self-describing, verified in constant time', async () => {
  const a = await hashPassword('correct horse battery staple');
  const b = await hashPassword('correct horse battery staple');
  assert.match(a, /^scrypt\$15\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  assert.notEqual(a, b, 'a fresh salt each time');
  assert.equal(await verifyPassword('correct horse battery staple', a), true);
  assert.equal(await verifyPassword('correct horse battery stapler', a), false);
  assert.equal(await verifyPassword('x', 'bcrypt$whatever'), false);
  assert.equal(await verifyPassword('x', 'scrypt$40$8$1$aaaa$bbbb'), false, 'absurd parameters are refused, not run');
  // The same text in two Unicode forms is one password.
  assert.equal(await verifyPassword('caf\u00e9 au lait ok', await hashPassword('cafe\u0301 au lait ok')), true);
});

test('password rules: length only', () => {
  assert.equal(passwordProblem('short'), 'password must be at least 12 characters');
  assert.equal(passwordProblem('twelve chars'), null);
  assert.equal(passwordProblem(42), 'password must be a string');
});
