import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ScanInput, Sensitivity } from '@vigil/scanner-spec';
import { piiScanner } from './index.js';

const THRESHOLD: Record<Sensitivity, number> = { low: 0.8, medium: 0.5, high: 0.25 };

function found(text: string, sensitivity: Sensitivity = 'medium', extra: Partial<ScanInput> = {}, path = ''): { rule: string; value: string; confidence: number }[] {
  return piiScanner
    .scan({ stage: 'prompt', client: 'test', parts: [{ path, text }], ...extra }, { sensitivity })
    .filter((f) => f.confidence >= THRESHOLD[sensitivity])
    .map((f) => ({ rule: f.rule, value: text.slice(f.start, f.end), confidence: f.confidence }));
}
const rules = (text: string, s: Sensitivity = 'medium'): string[] => found(text, s).map((f) => `${f.rule}:${f.value}`);

test('contract: id, stages, severities never high, everything maskable, messages never echo the value', () => {
  assert.equal(piiScanner.id, 'pii');
  assert.deepEqual([...piiScanner.stages], ['prompt', 'tool_input', 'tool_output', 'response']);
  const text = 'card 4111 1111 1111 1111, mail ana.lopez@gmail.com, SSN 460-89-9847, IBAN GB82 WEST 1234 5698 7654 32';
  const f = piiScanner.scan({ stage: 'tool_output', client: 'test', parts: [{ path: 'stdout', text }] }, { sensitivity: 'high' });
  assert.ok(f.length >= 4);
  for (const x of f) {
    assert.ok(x.severity === 'low' || x.severity === 'medium', x.rule);
    assert.equal(x.maskable, true);
    assert.equal(x.path, 'stdout');
    assert.ok(!x.message.includes(text.slice(x.start, x.end)), x.message);
  }
});

test('email: exact span; placeholders and URL users are not reported', () => {
  assert.deepEqual(rules('Write to maria.rossi+work@mail.example-corp.co.uk.'), ['email:maria.rossi+work@mail.example-corp.co.uk']);
  assert.deepEqual(rules('user@example.com'), []);
  assert.deepEqual(rules('git clone ssh://git@github.com/acme/repo.git'), []);
  assert.deepEqual(rules('"@types/node": "^20", logo@2x.png, npm i pkg@1.2.3'), []);
});

test('payment cards: Luhn and issuer ranges', () => {
  assert.deepEqual(rules('Visa 4111 1111 1111 1111'), ['payment-card:4111 1111 1111 1111']);
  assert.deepEqual(rules('amex 3782-822463-10005'), ['payment-card:3782-822463-10005']);
  assert.deepEqual(rules('pay with 5555555555554444 today'), ['payment-card:5555555555554444']);
  assert.deepEqual(rules('Visa 4111 1111 1111 1112'), []); // wrong check digit
  assert.deepEqual(rules('id 9111111111111111'), []); // Luhn-valid, no issuer starts with 9
  assert.deepEqual(rules('sha a4111111111111111b'), []); // inside a hex string
});

test('IBAN: country length and mod 97', () => {
  assert.deepEqual(rules('IBAN GB82 WEST 1234 5698 7654 32 please'), ['iban:GB82 WEST 1234 5698 7654 32']);
  assert.deepEqual(rules('to DE89370400440532013000.'), ['iban:DE89370400440532013000']);
  assert.deepEqual(rules('lowercase gb82west12345698765432'), ['iban:gb82west12345698765432']);
  assert.deepEqual(rules('to DE89370400440532013001'), []); // check digits wrong
  assert.deepEqual(rules('to DE8937040044053201300'), []); // one short for DE
});

test('US SSN: structure only (there is no check digit)', () => {
  assert.deepEqual(rules('SSN: 460-89-9847'), ['us-ssn:460-89-9847']);
  assert.equal(found('My social security number is 460-89-9847')[0]?.confidence, 0.9);
  for (const bad of ['000-12-3456', '666-12-3456', '912-12-3456', '460-00-9847', '460-89-0000']) assert.deepEqual(rules(`SSN: ${bad}`), [], bad);
  assert.deepEqual(rules('number 460899847'), []); // nine bare digits need the label
  assert.deepEqual(rules('ssn 460899847'), ['us-ssn:460899847']);
});

test('phones: validated with libphonenumber (max metadata), context raises confidence', () => {
  assert.deepEqual(rules('call me at +44 20 7946 0958 tomorrow'), ['phone:+44 20 7946 0958']);
  assert.deepEqual(rules('Office: (415) 555-2671'), ['phone:(415) 555-2671']);
  assert.deepEqual(rules('Tel: 030 12345678'), ['phone:030 12345678']);
  assert.deepEqual(rules('Fax: 345-899-3560x4587'), ['phone:345-899-3560x4587']);
  assert.deepEqual(rules('between 2004-2008 and 2010-2012'), []); // /min would call these German numbers
  assert.deepEqual(rules('logged at 2015-12-22 04:34:22'), []);
  // A size and a timestamp in `ls -l` output ("32 2026-11-21 23" is a valid Italian mobile number).
  assert.deepEqual(rules('-rw-r--r--  1 dev  staff        32 2026-11-21 23:00 version.txt', 'high'), []);
  assert.deepEqual(rules('-rw-r--r--  1 dev  staff       831 2026-11-22 00:00 phone.ts'), []);
  assert.deepEqual(rules('count 4155552671 rows'), []); // bare digits, no label: below medium
  assert.deepEqual(rules('<Buffer 01 02 03 04 05>'), []);
  // A field named phone is a label.
  assert.deepEqual(found('4155552671', 'medium', {}, 'customer.phone').map((f) => f.rule), ['phone']);
});

test('phones: settings.phone_regions is validated and used', () => {
  assert.equal(piiScanner.validateSettings?.({}), null);
  assert.equal(piiScanner.validateSettings?.({ phone_regions: ['US', 'ch'] }), null);
  assert.match(piiScanner.validateSettings?.({ phone_regions: ['XX'] }) ?? '', /not a supported region/);
  assert.match(piiScanner.validateSettings?.({ phone_regions: 'US' }) ?? '', /list/);
  assert.match(piiScanner.validateSettings?.({ phone_region: ['US'] }) ?? '', /unknown setting/);
  const swiss = 'Desk 044 668 18 00 now';
  const scan = (settings?: Record<string, unknown>) => piiScanner.scan({ stage: 'prompt', client: 't', parts: [{ path: '', text: swiss }] }, settings ? { sensitivity: 'medium', settings } : { sensitivity: 'medium' });
  assert.ok(scan({ phone_regions: ['CH'] }).some((f) => f.rule === 'phone' && f.confidence >= 0.8));
});

test('IPs: public addresses; private, documentation and version strings are not reported', () => {
  assert.deepEqual(rules('client ip 81.2.69.160 blocked'), ['ipv4:81.2.69.160']);
  assert.deepEqual(rules('from 10.0.0.1 and 192.168.1.20 and 127.0.0.1'), []);
  assert.deepEqual(rules('see 192.0.2.44 and 203.0.113.9'), []);
  assert.deepEqual(rules('"version": "1.2.3.4"'), []);
  assert.deepEqual(rules('OID 1.3.6.1.4.1.311'), []);
  assert.deepEqual(rules('server address 2a00:1450:4001:82a::200e'), ['ipv6:2a00:1450:4001:82a::200e']);
  assert.deepEqual(rules('loopback ::1 and fe80::1 and 2001:db8::8a2e:370:7334'), []);
  assert.deepEqual(rules('at 12:30:45, mac 00:1a:2b:3c:4d:5e'), []);
});

test('IPs in a shell or web tool input are the host the call connects to: below medium', () => {
  const input = (kind: 'shell' | 'web', text: string): ScanInput => ({ stage: 'tool_input', client: 't', tool: { name: 'Bash', kind }, parts: [{ path: 'command', text }] });
  const f = piiScanner.scan(input('shell', 'ping -c 1 81.2.69.160'), { sensitivity: 'high' }).filter((x) => x.rule === 'ipv4');
  assert.equal(f.length, 1);
  assert.ok(f[0]!.confidence < 0.5);
  assert.deepEqual(piiScanner.scan(input('web', 'http://81.2.69.160/'), { sensitivity: 'medium' }).filter((x) => x.rule === 'ipv4' && x.confidence >= 0.5), []);
});

test('national identifiers: check digits, and weak ones need their label', () => {
  // Valid check digits (well-known test numbers).
  assert.deepEqual(rules('NHS number 943 476 5919'), ['uk-nhs:943 476 5919']);
  assert.ok(!rules('ref 943 476 5919').some((r) => r.startsWith('uk-nhs'))); // no label: a 10-digit number is not enough
  assert.deepEqual(rules('NHS number 943 476 5918'), []); // wrong check digit
  assert.deepEqual(rules('SIN: 130 692 544'), ['ca-sin:130 692 544']);
  assert.deepEqual(rules('SIN: 130 692 545'), []);
  assert.deepEqual(rules('SIN: 046 454 286'), []); // the CRA's published sample: 0 is never issued
  assert.deepEqual(rules('DNI 12345678Z'), ['es-dni:12345678Z']);
  assert.deepEqual(rules('DNI 12345678A'), []);
  assert.deepEqual(rules('NIE X1234567L'), ['es-dni:X1234567L']);
  assert.deepEqual(rules('CF RSSMRA85T10A562S'), ['it-codice-fiscale:RSSMRA85T10A562S']);
  assert.deepEqual(rules('CF RSSMRA85T10A562T'), []);
  assert.deepEqual(rules('NIR 1 84 12 76 451 089 46'), ['fr-nir:1 84 12 76 451 089 46']);
  assert.deepEqual(rules('NIR 1 84 12 76 451 089 47'), []);
  assert.deepEqual(rules('BSN 111222333'), ['nl-bsn:111222333']);
  assert.deepEqual(rules('BSN 111222334'), []);
  assert.deepEqual(rules('Steuer-ID 86095742719'), ['de-steuer-id:86095742719']);
  assert.deepEqual(rules('Steuer-ID 86095742718'), []);
  assert.deepEqual(rules('Aadhaar 2341 2341 2346'), ['in-aadhaar:2341 2341 2346']);
  assert.deepEqual(rules('Aadhaar 2341 2341 2347'), []);
  assert.deepEqual(rules('CPF 123.456.789-09'), ['br-cpf:123.456.789-09']);
  assert.deepEqual(rules('CPF 123.456.789-08'), []);
  assert.deepEqual(rules('personnummer 811218-9876'), ['se-personnummer:811218-9876']);
  assert.deepEqual(rules('personnummer 811218-9875'), []);
});

test('sensitivity: low reports only checksummed or labelled values', () => {
  assert.deepEqual(rules('(415) 555-2671', 'low'), []);
  assert.deepEqual(rules('phone (415) 555-2671', 'low'), ['phone:(415) 555-2671']);
  assert.deepEqual(rules('IBAN GB82 WEST 1234 5698 7654 32', 'low'), ['iban:GB82 WEST 1234 5698 7654 32']);
});

test('deterministic and stateless across calls', () => {
  const t = 'phone +44 20 7946 0958, card 4111111111111111';
  assert.deepEqual(found(t), found(t));
});

// Linear time: 1 MB of the characters and shapes the detectors care about.
const MB = 1 << 20;
const fill = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
const ADVERSARIAL: Record<string, string> = {
  digits: fill('7'),
  'digit groups': fill('12 '),
  'phone-like runs': fill('+1 (415) 555-2671 '),
  'distinct phone candidates': Array.from({ length: 60000 }, (_, i) => `Tel 0${String(3012345670 + i * 7919)} `).join('').slice(0, MB),
  'dotted digits': fill('1.'),
  'ip-like': fill('81.2.69.160.'),
  'at signs': fill('a@'),
  'email local parts': fill('a.b'),
  'email with long domain': 'x@' + fill('a.'),
  colons: fill(':'),
  'hex and colons': fill('ab:'),
  'double colons': fill('1::'),
  'iban anchors': fill('GB82 '),
  'long alnum': fill('GB82WEST'),
  uppercase: fill('RSSMRA'),
  'separator soup': fill('1-(.)/ '),
  'labels': fill('phone tel ssn iban '),
};

for (const [name, text] of Object.entries(ADVERSARIAL)) {
  test(`1 MB of ${name} scans in well under a second`, () => {
    for (const sensitivity of ['high', 'medium'] as const) {
      const t0 = performance.now();
      piiScanner.scan({ stage: 'tool_output', client: 'test', parts: [{ path: '', text }] }, { sensitivity });
      const ms = performance.now() - t0;
      assert.ok(ms < 500, `${name} at ${sensitivity}: ${ms.toFixed(0)} ms`);
    }
  });
}
