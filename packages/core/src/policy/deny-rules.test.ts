import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileDenyRules, matchDenyRules } from './deny-rules.js';

const rules = compileDenyRules([
  { name: 'no-rm-rf', tool: 'Bash', input_contains: ['rm -rf', 'mkfs'], reason: 'destructive shell command' },
  { name: 'no-github-writes', tool: 'mcp__github__*_write*', reason: 'GitHub writes are not allowed' },
  { name: 'no-fetch', tool: 'WebFetch', reason: 'no web access from agents here' },
]);

describe('deny rules', () => {
  test('match by tool name (exact or glob) and by text in the input', () => {
    assert.deepEqual(matchDenyRules(rules, { name: 'Bash', kind: 'shell' }, { command: 'rm -rf /tmp/x' }), { rule: 'no-rm-rf', reason: 'destructive shell command' });
    assert.equal(matchDenyRules(rules, { name: 'Bash', kind: 'shell' }, { command: 'ls -la' }), null);
    assert.equal(matchDenyRules(rules, { name: 'BashX', kind: 'other' }, { command: 'rm -rf /' }), null);
    assert.equal(matchDenyRules(rules, { name: 'mcp__github__file_write_many', kind: 'mcp' }, {})?.rule, 'no-github-writes');
    assert.equal(matchDenyRules(rules, { name: 'mcp__github__read', kind: 'mcp' }, {}), null);
    assert.equal(matchDenyRules(rules, { name: 'WebFetch', kind: 'web' }, undefined)?.rule, 'no-fetch');
    assert.equal(matchDenyRules(rules, { name: 'Bash', kind: 'shell' }, 'mkfs.ext4 /dev/sda')?.rule, 'no-rm-rf');
  });

  test('a glob cannot be made slow by a long hostile name', () => {
    const r = compileDenyRules([{ name: 'g', tool: '*a*a*a*a*a*a*a*a*b', reason: 'x' }]);
    const t = performance.now();
    assert.equal(matchDenyRules(r, { name: 'a'.repeat(100_000), kind: 'other' }, {}), null);
    assert.ok(performance.now() - t < 1000);
  });

  test('a malformed rule list is refused with the rule and field named', () => {
    assert.throws(() => compileDenyRules({}), /must be a JSON array/);
    assert.throws(() => compileDenyRules([{ name: 'x', tool: 'Bash' }]), /deny rule \[0\]\.reason must be a non-empty string/);
    assert.throws(() => compileDenyRules([{ name: 'x', tool: 'Bash', reason: 'r', input_contains: [] }]), /input_contains must be a non-empty array/);
    assert.throws(() => compileDenyRules([{ name: 'x', tool: 'Bash', reason: 'r', regex: '.*' }]), /unknown field "regex"/);
  });
});
