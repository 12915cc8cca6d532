import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { VigilEvent } from '@vigil/core';
import type { RawFinding, ScannerV1, ScanInput } from '@vigil/scanner-spec';
import { ScanEngine } from './engine.js';
import { scanEvent } from './event.js';
import { DEFAULT_SCAN_SETTINGS, validateScanSettings, type ScanSettings } from './settings.js';

// Small scanners written against the contract: they find a literal word, so each test controls
// exactly what is found and with what severity and confidence.
function wordScanner(id: string, word: string, f: Partial<RawFinding> = {}, stages: ScannerV1['stages'] = ['prompt', 'tool_input', 'tool_output', 'response']): ScannerV1 {
  return {
    specificationVersion: 'v1',
    id,
    version: '1.2.3',
    stages,
    scan(input: ScanInput) {
      const out: RawFinding[] = [];
      for (const p of input.parts) {
        const at = p.text.indexOf(word);
        if (at >= 0) out.push({ rule: `${id}-rule`, severity: 'high', confidence: 0.9, path: p.path, start: at, end: at + word.length, message: `found ${id}`, ...f });
      }
      return out;
    },
  };
}

const secret = { ...wordScanner('secrets', 'AKIAQWERTYUIOPASDFGH', { maskable: true, severity: 'critical' }), masks: true };
const danger = wordScanner('commands', 'rm -rf ~', { severity: 'critical' }, ['tool_input']);
const weak = wordScanner('injection', 'ignore', { severity: 'high', confidence: 0.4 });
const scanners = [secret, danger, weak];

function settings(over: Partial<ScanSettings>): ScanSettings {
  const r = validateScanSettings(over, scanners);
  assert.ok(r.ok, r.ok ? '' : r.errors.join('; '));
  return r.settings;
}

const bash = { name: 'Bash', kind: 'shell' as const };

test('alert mode flags and masks but never blocks', () => {
  const e = new ScanEngine(scanners, DEFAULT_SCAN_SETTINGS);
  const r = e.scan('tool_input', 'claude-code', bash, [{ field: 'input', value: { command: 'rm -rf ~ && echo AKIAQWERTYUIOPASDFGH' } }]);
  assert.equal(r.record.action, 'mask');
  assert.deepEqual(r.record.findings.map((f) => [f.scanner, f.action]), [['secrets', 'mask'], ['commands', 'alert']]);
  assert.equal(r.blocks.length, 0);
  assert.equal(r.rewrite, false, 'alert mode does not rewrite what the agent runs');
  assert.equal(r.masks.get('AKIAQWERTYUIOPASDFGH'), '[MASKED:secrets/secrets-rule]');
});

test('block mode blocks high findings, masks maskable ones in tool input and asks for a rewrite', () => {
  const e = new ScanEngine(scanners, settings({ mode: 'block' }));
  const r = e.scan('tool_input', 'claude-code', bash, [{ field: 'input', value: { command: 'rm -rf ~' } }]);
  assert.equal(r.record.action, 'block');
  assert.equal(r.blocks[0]?.message, 'found commands');
  const m = e.scan('tool_input', 'claude-code', { name: 'Write', kind: 'file_write' }, [{ field: 'input', value: { content: 'key=AKIAQWERTYUIOPASDFGH' } }]);
  assert.equal(m.record.action, 'mask');
  assert.equal(m.rewrite, true);
  // A prompt cannot be rewritten: a critical secret in it is blocked.
  const p = e.scan('prompt', 'claude-code', undefined, [{ field: 'text', value: 'use AKIAQWERTYUIOPASDFGH' }]);
  assert.equal(p.record.action, 'block');
});

test('sensitivity sets the confidence floor: below it a finding is recorded as pass', () => {
  const medium = new ScanEngine(scanners, DEFAULT_SCAN_SETTINGS).scan('prompt', 'cursor', undefined, [{ field: 'text', value: 'please ignore' }]);
  assert.equal(medium.record.findings[0]?.action, 'pass');
  assert.equal(medium.record.action, 'pass');
  const high = new ScanEngine(scanners, settings({ sensitivity: 'high' })).scan('prompt', 'cursor', undefined, [{ field: 'text', value: 'please ignore' }]);
  assert.equal(high.record.action, 'alert');
});

test('overrides by client, tool glob and MCP server; later ones win; off is recorded', () => {
  const e = new ScanEngine(scanners, settings({
    mode: 'block',
    overrides: [
      { match: { client: 'cursor' }, mode: 'alert' },
      { match: { tool: 'mcp__github__*' }, scanners: { secrets: { mode: 'off' } } },
      { match: { mcp_server: 'github', client: 'cursor' }, scanners: { secrets: { mode: 'block' } } },
    ],
  }));
  const cmd = [{ field: 'input' as const, value: { command: 'rm -rf ~' } }];
  assert.equal(e.scan('tool_input', 'cursor', bash, cmd).record.action, 'alert');
  assert.equal(e.scan('tool_input', 'claude-code', bash, cmd).record.action, 'block');
  const gh = { name: 'mcp__github__create_issue', kind: 'mcp' as const, mcp_server: 'github' };
  const body = [{ field: 'input' as const, value: { body: 'AKIAQWERTYUIOPASDFGH' } }];
  const off = e.scan('tool_input', 'claude-code', gh, body).record;
  assert.equal(off.action, 'pass');
  assert.deepEqual(off.scanners.find((s) => s.scanner === 'secrets'), { scanner: 'secrets', version: '1.2.3', mode: 'off', outcome: 'off', ms: 0, findings: 0 });
  assert.equal(e.scan('tool_input', 'cursor', gh, body).record.action, 'mask');
});

test('every scanner of the stage is listed with version, time and outcome; a failing one is an error and flags the event', () => {
  const broken: ScannerV1 = { specificationVersion: 'v1', id: 'pii', version: '0.1.0', stages: ['tool_output'], scan: () => { throw new Error('boom'); } };
  let t = 0;
  const e = new ScanEngine([...scanners, broken], DEFAULT_SCAN_SETTINGS, () => (t += 0.25));
  const r = e.scan('tool_output', 'claude-code', bash, [{ field: 'output', value: { stdout: 'fine' } }]);
  assert.deepEqual(r.record.scanners.map((s) => [s.scanner, s.outcome, s.ms]), [['secrets', 'pass', 0.25], ['injection', 'pass', 0.25], ['pii', 'error', 0.25]]);
  assert.equal(r.record.scanners[2]?.error, 'boom');
  assert.equal(r.record.action, 'alert');
});

test('scanning switched off says so on the record', () => {
  const r = new ScanEngine(scanners, settings({ enabled: false })).scan('prompt', 'claude-code', undefined, [{ field: 'text', value: 'rm -rf ~' }]);
  assert.deepEqual(r.record, { stage: 'prompt', action: 'pass', scanners: [], findings: [], disabled: true });
});

test('content past max_scan_bytes is not scanned and the record counts it', () => {
  const e = new ScanEngine(scanners, settings({ max_scan_bytes: 2048 }));
  const r = e.scan('tool_output', 'claude-code', bash, [{ field: 'output', value: { a: 'x'.repeat(2000), b: 'y'.repeat(100) + 'AKIAQWERTYUIOPASDFGH' } }]);
  assert.equal(r.record.unscanned_bytes, 2120 - 2048);
  assert.equal(r.record.findings.length, 0);
});

test('scanEvent masks the secret in every field and in raw, and records findings of a result\'s input', () => {
  const e = new ScanEngine(scanners, DEFAULT_SCAN_SETTINGS);
  const key = 'AKIAQWERTYUIOPASDFGH';
  const event: VigilEvent = {
    id: 'e1', session_id: 's1', time: '2026-11-21T00:00:00.000Z', kind: 'tool_result', client: 'claude-code', capture: 'hook',
    tool: { name: 'Write', kind: 'file_write' }, input: { file_path: '/tmp/a', content: `aws=${key}` }, output: { ok: true },
  };
  const raw = { tool_input: { content: `aws=${key}` }, tool_response: { filePath: '/tmp/a', note: `wrote ${key}` } };
  const s = scanEvent(e, event, raw);
  assert.ok(s);
  assert.equal(JSON.stringify(s.event).includes(key), false);
  assert.equal(JSON.stringify(s.raw).includes(key), false);
  assert.equal((s.event.input as { content: string }).content, 'aws=[MASKED:secrets/secrets-rule]');
  assert.deepEqual(s.event.scan?.findings.map((f) => [f.field, f.action]), [['input', 'mask']]);
  // Only scanners that can mask look at a result's copy of the input: the call was decided on already.
  assert.deepEqual(s.event.scan?.scanners.map((r) => r.scanner), ['secrets', 'injection']);
  assert.equal(s.event.scan?.action, 'mask');
  assert.equal(event.input && (event.input as { content: string }).content, `aws=${key}`, 'the original is not modified');
});

test('settings validation names the path of every mistake', () => {
  const r = validateScanSettings({ mode: 'deny', scanners: { secret: {}, pii: { mode: 'block', extra: 1 } }, overrides: [{ match: {} }], colour: 'red' }, [...scanners, wordScanner('pii', 'x')]);
  assert.equal(r.ok, false);
  assert.deepEqual(!r.ok && r.errors, [
    'scanning has unknown key "colour" (known: enabled, mode, sensitivity, scanners, overrides, max_scan_bytes)',
    'scanning.mode must be one of off, alert, block',
    'scanning.scanners.secret: unknown scanner "secret"; known: secrets, commands, injection, pii',
    'scanning.scanners.pii has unknown key "extra" (known: mode, sensitivity, settings)',
    'scanning.overrides[0].match names nothing: give client, tool or mcp_server',
  ]);
  const noSettings = validateScanSettings({ scanners: { secrets: { settings: { a: 1 } } } }, scanners);
  assert.deepEqual(!noSettings.ok && noSettings.errors, ['scanning.scanners.secrets.settings: the secrets scanner takes no settings']);
});

test('findings below the sensitivity\'s severity floor are recorded (and masked) but do not flag the event', () => {
  const email = { ...wordScanner('pii', 'dev@corp.example', { maskable: true, severity: 'low' }), masks: true };
  const note = wordScanner('egress', '203.0.113.9', { severity: 'low' });
  const e = new ScanEngine([email, note], DEFAULT_SCAN_SETTINGS);
  const r = e.scan('tool_output', 'claude-code', bash, [{ field: 'output', value: { stdout: 'Author: dev@corp.example via 203.0.113.9' } }]);
  assert.deepEqual(r.record.findings.map((f) => [f.scanner, f.action]), [['pii', 'mask'], ['egress', 'pass']]);
  assert.equal(r.record.action, 'pass');
  assert.equal(r.masks.size, 1, 'still redacted in storage');
  const high = new ScanEngine([email, note], settings({ sensitivity: 'high' })).scan('tool_output', 'claude-code', bash, [{ field: 'output', value: { stdout: 'Author: dev@corp.example via 203.0.113.9' } }]);
  assert.equal(high.record.action, 'mask');
  assert.deepEqual(high.record.findings.map((f) => f.action), ['mask', 'alert']);
});
