import type { RawFinding, ScannerV1, ScanInput, ScanOptions, Sensitivity } from '@vigil/scanner-spec';
import { findEmails } from './email.js';
import { findIPv4, findIPv6 } from './ip.js';
import { findLettered } from './letters.js';
import { findNumbers } from './numbers.js';
import { fieldLabel } from './context.js';
import { phoneRegions, regionPlans } from './phone.js';
import { RULES, type Hit, type PiiRule, type ScanCtx } from './rules.js';

// Personal data: email, phone, payment card, IBAN, national identifiers, public IP addresses.
// Each detector is a fast pass over the text (indexOf or one regex with a literal or narrow
// first character) that hands rare candidates to checksums, libphonenumber and context words.

export type { PiiRule } from './rules.js';
export { RULES as PII_RULES } from './rules.js';

/** Same floors as the engine: work that cannot reach the reporting threshold is skipped. */
const FLOOR: Record<Sensitivity, number> = { low: 0.8, medium: 0.5, high: 0.25 };

/**
 * libphonenumber parses per scan call (each costs 10–50 µs): real payloads need a handful; a
 * payload of thousands of distinct phone-like runs is then scored by shape and label only.
 */
const PHONE_BUDGET = 1000;

/** When two detectors claim overlapping text, the more specific one wins a confidence tie. */
const RANK: Record<PiiRule, number> = {
  iban: 9, 'payment-card': 8, 'it-codice-fiscale': 8, 'us-ssn': 7, 'br-cpf': 7, 'fr-nir': 7, 'es-dni': 7,
  'se-personnummer': 6, 'uk-nhs': 6, 'ca-sin': 6, 'nl-bsn': 6, 'de-steuer-id': 6, 'in-aadhaar': 6,
  email: 5, phone: 3, ipv4: 2, ipv6: 2,
};

export function scanText(text: string, sc: ScanCtx): Hit[] {
  const hits: Hit[] = [];
  findEmails(text, hits, sc);
  findLettered(text, hits, sc);
  findNumbers(text, hits, sc);
  findIPv4(text, hits, sc);
  findIPv6(text, hits, sc);
  return resolveOverlaps(hits);
}

function resolveOverlaps(hits: Hit[]): Hit[] {
  if (hits.length < 2) return hits;
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  for (const h of hits) {
    const last = kept[kept.length - 1];
    if (last === undefined || h.start >= last.end) {
      kept.push(h);
      continue;
    }
    if (h.confidence > last.confidence || (h.confidence === last.confidence && RANK[h.rule] > RANK[last.rule])) kept[kept.length - 1] = h;
  }
  return kept;
}

function message(h: Hit): string {
  const r = RULES[h.rule];
  const detail = h.rule === 'payment-card' && h.detail ? ` (${h.detail}, passes the Luhn check)` : h.rule === 'phone' && h.detail ? ` (${h.detail})` : '';
  return `${r.what}${detail} was found; the value is masked in stored records. Leave personal data out of tool calls unless the task needs it, or use a placeholder.`;
}

export const piiScanner: ScannerV1 = {
  specificationVersion: 'v1',
  masks: true,
  id: 'pii',
  version: '1.0.0',
  stages: ['prompt', 'tool_input', 'tool_output', 'response'],
  scan(input: ScanInput, options: ScanOptions): RawFinding[] {
    const regions = phoneRegions(options.settings).regions;
    const sc: ScanCtx = { floor: FLOOR[options.sensitivity], label: '', regions, plans: regionPlans(regions), phones: new Map(), phoneBudget: PHONE_BUDGET };
    const out: RawFinding[] = [];
    // An address in a command or URL the agent runs is the host it talks to: infrastructure, and
    // masking it (block mode rewrites tool inputs) would break the call. Reported under medium.
    const hostTarget = input.stage === 'tool_input' && (input.tool?.kind === 'shell' || input.tool?.kind === 'web');
    for (const part of input.parts) {
      if (part.text.length < 6) continue;
      sc.label = fieldLabel(part.path);
      for (const h of scanText(part.text, sc)) {
        const confidence = hostTarget && (h.rule === 'ipv4' || h.rule === 'ipv6') ? Math.min(h.confidence, 0.45) : h.confidence;
        if (confidence < sc.floor) continue;
        out.push({
          rule: h.rule,
          severity: RULES[h.rule].severity,
          confidence,
          path: part.path,
          start: h.start,
          end: h.end,
          message: message(h),
          maskable: true,
        });
      }
    }
    return out;
  },
  validateSettings(settings) {
    return phoneRegions(settings).error;
  },
};
