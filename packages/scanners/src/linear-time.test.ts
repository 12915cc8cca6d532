import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScanStage } from '@vigil/scanner-spec';
import { ALL_SCANNERS } from './registry.js';

// No scanner may backtrack catastrophically: each gets 1 MB of hostile text at every stage it
// handles and must finish in bounded time. Generous bound (a slow CI machine, one core); a
// backtracking regex takes minutes, not a second.
const BOUND_MS = 1500;
const MB = 1 << 20;

const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
const ADVERSARIAL: Record<string, string> = {
  'one letter': fill('a'),
  'digits': fill('1'),
  'digits and separators': fill('1 2-3.4 '),
  'word characters and dashes': fill('aB3_-'),
  'base64 alphabet': fill('QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0567+/='),
  'hex': fill('deadbeef'),
  'key prefixes': fill('AKIA ghp_ xoxb- sk-ant- sk_live_ glpat- npm_ '),
  'unterminated PEM': '-----BEGIN RSA PRIVATE KEY-----\n' + fill('MIIEow'),
  'repeated PEM headers': fill('-----BEGIN '),
  'assignments': fill('password=password='),
  'quotes': fill('"\'`'),
  'emails': fill('a@a.a@'),
  'dots': fill('1.1.1.'),
  'colons (IPv6)': fill('a:'),
  'urls': fill('http://x'),
  'markdown images': fill('![a]('),
  'html comments': fill('<!--'),
  'injection words': fill('ignore previous instructions you must '),
  'zero width': fill('\u200b'),
  'tag characters': fill('\u{E0041}'),
  'nested substitutions': fill('$(('),
  'pipes': fill('| sh '),
  'shell -c': fill('bash -c "'),
  'backslashes': fill('\\'),
  'spaces': fill(' '),
  'newlines': fill('\n'),
};

for (const scanner of ALL_SCANNERS) {
  test(`${scanner.id} scans 1 MB of hostile input in bounded time`, () => {
    for (const stage of scanner.stages as readonly ScanStage[]) {
      for (const [name, text] of Object.entries(ADVERSARIAL)) {
        const value = stage === 'mcp_catalogue'
          ? { server: 'x', tools: [{ name: 'tool', description: text }] }
          : { command: text };
        const parts = stage === 'mcp_catalogue' ? [{ path: 'tools.0.description', text }] : [{ path: 'command', text }];
        const t0 = performance.now();
        scanner.scan({ stage, client: 'claude-code', tool: { name: 'Bash', kind: 'shell' }, value, parts }, { sensitivity: 'high' });
        const ms = performance.now() - t0;
        assert.ok(ms < BOUND_MS, `${scanner.id} at ${stage} on "${name}": ${ms.toFixed(0)} ms`);
      }
    }
  });
}
