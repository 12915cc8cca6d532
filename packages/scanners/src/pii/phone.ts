import { Metadata, isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

// libphonenumber-js with the /max metadata: /min only checks a number's length, so with it
// "2004-2008" is a valid German number. /max checks each region's number patterns.

export const DEFAULT_REGIONS: readonly CountryCode[] = ['US', 'GB', 'DE', 'FR', 'ES', 'IT', 'NL', 'IN', 'AU', 'BR'];

export interface RegionPlan {
  region: CountryCode;
  /** National trunk prefix ("0" in GB, DE, FR…; "1" in NANP), or "" when the plan has none. */
  trunk: string;
  /** Lengths a national number may have (without the trunk prefix), from the metadata. */
  lengths: ReadonlySet<number>;
  /** The plan's general pattern for a whole national number (Google's metadata; bounded digits only). */
  pattern: RegExp | null;
}

const PLANS = new Map<string, RegionPlan>();
// Filled once at load from static metadata (constant, not per-call state).
{
  const meta = new Metadata();
  for (const region of ['US', 'CA', 'GB', 'DE', 'FR', 'ES', 'IT', 'NL', 'IN', 'AU', 'BR', 'CH', 'SE', 'BE', 'AT', 'IE', 'PT', 'PL', 'DK', 'NO', 'FI', 'MX', 'JP', 'CN', 'ZA', 'NZ', 'SG'] as CountryCode[]) {
    PLANS.set(region, plan(meta, region));
  }
}

function plan(meta: Metadata, region: CountryCode): RegionPlan {
  meta.selectNumberingPlan(region);
  const numbering = meta.numberingPlan as unknown as { nationalPrefix(): unknown; possibleLengths(): unknown; nationalNumberPattern(): unknown } | undefined;
  const np = numbering?.nationalPrefix();
  const lengths = numbering?.possibleLengths();
  const pattern = numbering?.nationalNumberPattern();
  return {
    region,
    trunk: typeof np === 'string' ? np : '',
    lengths: new Set(Array.isArray(lengths) ? (lengths as number[]) : []),
    pattern: typeof pattern === 'string' ? new RegExp(`^(?:${pattern})$`) : null,
  };
}

export function regionPlan(region: CountryCode): RegionPlan {
  return PLANS.get(region) ?? plan(new Metadata(), region);
}

/** The configured regions (settings.phone_regions), or why the settings are invalid. */
export function phoneRegions(settings: Readonly<Record<string, unknown>> | undefined): { regions: readonly CountryCode[]; error: string | null } {
  if (settings === undefined) return { regions: DEFAULT_REGIONS, error: null };
  for (const k of Object.keys(settings)) {
    if (k !== 'phone_regions') return { regions: DEFAULT_REGIONS, error: `pii: unknown setting "${k}" (known: phone_regions)` };
  }
  const v = settings.phone_regions;
  if (v === undefined) return { regions: DEFAULT_REGIONS, error: null };
  if (!Array.isArray(v) || v.length === 0 || v.length > 50) return { regions: DEFAULT_REGIONS, error: 'pii: phone_regions must be a non-empty list of ISO 3166 region codes such as ["US", "GB"]' };
  const out: CountryCode[] = [];
  for (const r of v) {
    if (typeof r !== 'string' || !isSupportedCountry(r.toUpperCase())) return { regions: DEFAULT_REGIONS, error: `pii: phone_regions: "${String(r)}" is not a supported region code` };
    out.push(r.toUpperCase() as CountryCode);
  }
  return { regions: out, error: null };
}

/**
 * The region a number is valid in, or null. `text` is the candidate as written (separators
 * kept), `digits` its digits only, `plus` whether it started with "+" (or an international 00).
 * Each parse spends one unit of the call's budget.
 */
export function validatePhone(text: string, digits: string, plus: boolean, regions: readonly CountryCode[], budget: { phoneBudget: number }): string | null {
  // "+41 (0)85 …": the bracketed trunk zero is not dialled after the country code.
  const t = text.includes('(0)') ? text.replace('(0)', '') : text;
  if (plus) {
    budget.phoneBudget--;
    const p = parsePhoneNumberFromString(t.charCodeAt(0) === 43 ? t : `+${digits.replace(/^00/, '')}`);
    return p !== undefined && p.isValid() ? (p.country ?? 'international') : null;
  }
  for (const region of regions) {
    const { trunk, lengths, pattern } = regionPlan(region);
    // A plan with a trunk prefix is tried only on numbers written with it (Germany's plan
    // accepts almost any digits otherwise). NANP numbers are written without their "1".
    if (trunk !== '' && trunk !== '1' && !digits.startsWith(trunk)) continue;
    // A length the plan never has cannot be valid there: skip the (costly) parse. Most digit
    // runs in logs and listings end here.
    const national = trunk !== '' && digits.startsWith(trunk) ? digits.length - trunk.length : digits.length;
    if (lengths.size > 0 && !lengths.has(national) && !lengths.has(digits.length)) continue;
    // The same for the plan's general pattern: "200 17115" (a status and a size in a log line)
    // cannot be an Italian number, which never starts with 2. Only full parses are counted.
    if (pattern && !pattern.test(trunk !== '' && digits.startsWith(trunk) ? digits.slice(trunk.length) : digits) && !pattern.test(digits)) continue;
    if (budget.phoneBudget-- <= 0) return null;
    const p = parsePhoneNumberFromString(t, region);
    if (p !== undefined && p.isValid()) return region;
  }
  return null;
}
