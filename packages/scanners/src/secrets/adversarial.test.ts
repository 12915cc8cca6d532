import assert from 'node:assert/strict';
import { test } from 'node:test';
import { secretsScanner } from './index.js';

// Linear time: 1 MB of the characters and prefixes the patterns care about must scan fast.
const MB = 1 << 20;
const fill = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);

const INPUTS: Record<string, string> = {
  underscores: fill('_'),
  dashes: fill('-'),
  letters: fill('a'),
  'mixed token chars': fill('aB3_x-Z9'),
  base64: fill('QUJDRGVm+/=='),
  'repeated ghp_': fill('ghp_'),
  'repeated sk-ant-api03-': fill('sk-ant-api03-'),
  "repeated glpat-": fill("glpat-"),
  "repeated openai prefix": fill("sk-proj-"),
  'separator runs': fill('_abcdefghijklmnopq'),
  'repeated BEGIN': fill('-----BEGIN RSA PRIVATE KEY-----\n'),
  'unterminated key body': '-----BEGIN PRIVATE KEY-----\n' + fill('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n'),
  'repeated eyJ': fill('eyJhbGciOiJIUzI1NiJ9.'),
  'jwt-like dots': 'eyJhbGciOiJub25lIn0' + fill('.abc'),
  'repeated url authority': fill('https://a:b'),
  'url with many @': 'https://' + fill('a@'),
  'repeated keys': fill('key=key=key='),
  'unterminated quoted value': 'password = "' + fill('x'),
  'repeated password flags': fill(' -p'),
  'repeated curl -u': fill(' -u a:'),
  'repeated Bearer': fill('Bearer '),
  'repeated Basic': fill('Basic QUJD'),
  'telegram digits': fill('1234567890:AA'),
  'azure Q~': fill('abc1Q~'),
  'atlasv1 runs': fill('abcdefghijklmn.atlasv1.'),
  'escaped newlines': fill('\\n'),
  'json names': fill('"api_key": "'),
};

for (const [name, text] of Object.entries(INPUTS)) {
  test(`1 MB of ${name} scans in well under a second`, () => {
    const t0 = performance.now();
    for (const sensitivity of ['medium', 'low'] as const) {
      secretsScanner.scan({ stage: 'tool_output', client: 'test', parts: [{ path: '', text }] }, { sensitivity });
    }
    const ms = performance.now() - t0;
    assert.ok(ms < 500, `${name}: ${ms.toFixed(0)} ms`);
  });
}
