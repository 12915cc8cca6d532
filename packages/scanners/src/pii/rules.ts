import type { CountryCode } from 'libphonenumber-js/max';
import type { FindingSeverity } from '@vigil/scanner-spec';
import type { PlanSet } from './phone.js';

export type PiiRule =
  | 'email' | 'phone' | 'payment-card' | 'iban' | 'us-ssn' | 'ipv4' | 'ipv6'
  | 'uk-nhs' | 'ca-sin' | 'es-dni' | 'it-codice-fiscale' | 'fr-nir' | 'nl-bsn'
  | 'de-steuer-id' | 'in-aadhaar' | 'br-cpf' | 'se-personnummer';

export interface RuleInfo {
  severity: FindingSeverity;
  /** What was found, for the finding's message (never the value itself). */
  what: string;
}

// Nothing is high: personal data is masked in storage and alerted on, never a reason to deny a call.
export const RULES: Record<PiiRule, RuleInfo> = {
  email: { severity: 'low', what: 'An email address' },
  phone: { severity: 'low', what: 'A phone number' },
  'payment-card': { severity: 'medium', what: 'A payment card number' },
  iban: { severity: 'medium', what: 'An IBAN (bank account number, checksum valid)' },
  'us-ssn': { severity: 'medium', what: 'A US Social Security number' },
  ipv4: { severity: 'low', what: 'A public IPv4 address' },
  ipv6: { severity: 'low', what: 'A public IPv6 address' },
  'uk-nhs': { severity: 'medium', what: 'A UK NHS number (checksum valid)' },
  'ca-sin': { severity: 'medium', what: 'A Canadian Social Insurance Number (checksum valid)' },
  'es-dni': { severity: 'medium', what: 'A Spanish DNI/NIE (check letter valid)' },
  'it-codice-fiscale': { severity: 'medium', what: 'An Italian codice fiscale (check letter valid)' },
  'fr-nir': { severity: 'medium', what: 'A French social security number (NIR, key valid)' },
  'nl-bsn': { severity: 'medium', what: 'A Dutch BSN (11-test valid)' },
  'de-steuer-id': { severity: 'medium', what: 'A German tax identification number (checksum valid)' },
  'in-aadhaar': { severity: 'medium', what: 'An Indian Aadhaar number (Verhoeff valid)' },
  'br-cpf': { severity: 'medium', what: 'A Brazilian CPF (check digits valid)' },
  'se-personnummer': { severity: 'medium', what: 'A Swedish personnummer (checksum valid)' },
};

export interface Hit {
  rule: PiiRule;
  start: number;
  end: number;
  confidence: number;
  /** Card brand or phone region, for the message. */
  detail?: string;
}

/** Per-call state: no module-level mutable state, so each scan() builds one. */
export interface ScanCtx {
  /** Confidence the engine reports at: work that cannot reach it is skipped. */
  floor: number;
  /** Label from the part's JSON path ("phone", "user.email"), lowercased. */
  label: string;
  regions: readonly CountryCode[];
  /** The regions' numbering plans (regionPlans(regions)). */
  plans: PlanSet;
  /** Phone validation results by normalised candidate, within one call. */
  phones: Map<string, string | null>;
  phoneBudget: number;
}
