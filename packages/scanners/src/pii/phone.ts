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
  /** What the pattern allows by length (see lengthSummary), or null (not read: the pattern is only run). */
  summary: number[] | null;
}

/** Longest length lengthSummary tracks (declared before the plans are built at load). */
const SUM_MAX = 16;

const PLANS = new Map<string, RegionPlan>();
// Filled once at load from static metadata (constant, not per-call state).
{
  const meta = new Metadata();
  for (const region of ['US', 'CA', 'GB', 'DE', 'FR', 'ES', 'IT', 'NL', 'IN', 'AU', 'BR', 'CH', 'SE', 'BE', 'AT', 'IE', 'PT', 'PL', 'DK', 'NO', 'FI', 'MX', 'JP', 'CN', 'ZA', 'NZ', 'SG'] as CountryCode[]) {
    PLANS.set(region, plan(meta, region, true));
  }
}

function plan(meta: Metadata, region: CountryCode, summarize = false): RegionPlan {
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
    // Only for the plans built at load: a plan built per call is not worth summing up.
    summary: summarize && typeof pattern === 'string' ? lengthSummary(pattern) : null,
  };
}

// A pattern's strings summed up by length: entry L (1–16) holds the first digits (bit d for
// digit d) that strings of L digits it matches can start with; entry 0 is 1 when it matches the
// empty string. Exact for the syntax of the metadata's digit patterns (digits, \d, [classes],
// (?:groups), |, ?, {n} and {n,m}); anything else gives null, and the pattern is only run.
function lengthSummary(pattern: string): number[] | null {
  let i = 0;
  const fail = (): never => {
    throw new Error('pattern syntax');
  };
  const empty = (): number[] => {
    const r = new Array<number>(SUM_MAX + 1).fill(0);
    r[0] = 1;
    return r;
  };
  const concat = (a: number[], b: number[]): number[] => {
    const r = new Array<number>(SUM_MAX + 1).fill(0);
    for (let la = 0; la <= SUM_MAX; la++) {
      if (a[la] === 0) continue;
      for (let lb = 0; la + lb <= SUM_MAX; lb++) {
        if (b[lb] === 0) continue;
        r[la + lb]! |= la === 0 ? b[lb]! : a[la]!;
      }
    }
    return r;
  };
  const union = (a: number[], b: number[]): number[] => a.map((x, k) => x | b[k]!);
  const num = (): number => {
    const m = /^\d+/.exec(pattern.slice(i));
    if (m === null) fail();
    i += m![0].length;
    return Number(m![0]);
  };
  const alternation = (): number[] => {
    let r = sequence();
    while (pattern[i] === '|') {
      i++;
      r = union(r, sequence());
    }
    return r;
  };
  const sequence = (): number[] => {
    let r = empty();
    while (i < pattern.length && pattern[i] !== '|' && pattern[i] !== ')') {
      const a = atom();
      let lo = 1;
      let hi = 1;
      if (pattern[i] === '?') {
        i++;
        lo = 0;
      } else if (pattern[i] === '{') {
        i++;
        lo = num();
        hi = lo;
        if (pattern[i] === ',') {
          i++;
          hi = num();
        }
        if (pattern[i++] !== '}' || hi < lo || hi > SUM_MAX) fail();
      }
      let rep = empty();
      let acc: number[] | null = null;
      for (let k = 1; k <= hi; k++) {
        rep = concat(rep, a);
        if (k >= lo) acc = acc === null ? rep : union(acc, rep);
      }
      if (lo === 0) acc = acc === null ? empty() : union(acc, empty());
      r = concat(r, acc!);
    }
    return r;
  };
  const atom = (): number[] => {
    const r = new Array<number>(SUM_MAX + 1).fill(0);
    const c = pattern[i];
    if (c === '(') {
      if (pattern.slice(i, i + 3) !== '(?:') fail();
      i += 3;
      const g = alternation();
      if (pattern[i++] !== ')') fail();
      return g;
    }
    if (c === '\\') {
      if (pattern[i + 1] !== 'd') fail();
      i += 2;
      r[1] = 1023;
      return r;
    }
    if (c === '[') {
      i++;
      let mask = 0;
      while (i < pattern.length && pattern[i] !== ']') {
        const a = pattern.charCodeAt(i) - 48;
        if (pattern[i + 1] === '-' && pattern[i + 2] !== ']') {
          const b = pattern.charCodeAt(i + 2) - 48;
          if (a < 0 || a > 9 || b < a || b > 9) fail();
          for (let d = a; d <= b; d++) mask |= 1 << d;
          i += 3;
        } else {
          if (a < 0 || a > 9) fail();
          mask |= 1 << a;
          i++;
        }
      }
      if (pattern[i++] !== ']') fail();
      r[1] = mask;
      return r;
    }
    const d = pattern.charCodeAt(i) - 48;
    if (d < 0 || d > 9) fail();
    i++;
    r[1] = 1 << d;
    return r;
  };
  try {
    const r = alternation();
    return i === pattern.length ? r : null;
  } catch {
    return null;
  }
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
 * The configured regions' plans, with (built on first use) which of them a number's first digit
 * and length leave possible: most digit runs in logs and listings are ruled out by that alone.
 */
export interface PlanSet {
  list: readonly RegionPlan[];
  /**
   * Bit k of index[first digit × 16 + length] (lengths up to 15): plan k may accept such a
   * number (mayAccept); -1 until asked. At most 30 plans are indexed.
   */
  index: number[];
}

const MAX_LEN = 15;

function passesTrunkAndLength(p: RegionPlan, digits: string): boolean {
  const trunked = p.trunk !== '' && digits.startsWith(p.trunk);
  if (p.trunk !== '' && p.trunk !== '1' && !trunked) return false;
  const national = trunked ? digits.length - p.trunk.length : digits.length;
  return !(p.lengths.size > 0 && !p.lengths.has(national) && !p.lengths.has(digits.length));
}

/** Whether plan `p` may accept some number of `len` digits starting with digit `f` (the checks of phonePossible). */
function mayAccept(p: RegionPlan, f: number, len: number): boolean {
  // Trunk prefixes of more than one digit are left to the full check.
  if (p.trunk.length > 1) return true;
  // A representative number: only its first digit and length matter to the trunk and length checks.
  if (!passesTrunkAndLength(p, String(f) + '0'.repeat(len - 1))) return false;
  const sum = p.summary;
  if (p.pattern === null || sum === null) return true;
  // The pattern is tried on the number and, without its trunk digit, on the rest (whose first digit is any).
  return (sum[len]! & (1 << f)) !== 0 || (p.trunk !== '' && String(f) === p.trunk && sum[len - 1]! !== 0);
}

/** The plans that may accept a number of `len` digits (1–15) starting with digit `f`, as bits; computed on first use. */
function mask(plans: PlanSet, f: number, len: number): number {
  const at = f * 16 + len;
  let m = plans.index[at]!;
  if (m < 0) {
    m = 0;
    for (let k = 0; k < plans.list.length; k++) if (mayAccept(plans.list[k]!, f, len)) m |= 1 << k;
    plans.index[at] = m;
  }
  return m;
}

const unknownIndex = (): number[] => new Array<number>(10 * 16).fill(-1);

// Built in full at load for the default regions (constant, from static metadata); for configured
// regions an entry is filled when a scan first needs it.
const DEFAULT_PLANS: PlanSet = { list: DEFAULT_REGIONS.map(regionPlan), index: unknownIndex() };
for (let f = 0; f < 10; f++) for (let len = 1; len <= MAX_LEN; len++) mask(DEFAULT_PLANS, f, len);

/** The plans of the configured regions, once per scan call. */
export function regionPlans(regions: readonly CountryCode[]): PlanSet {
  return regions === DEFAULT_REGIONS ? DEFAULT_PLANS : { list: regions.map(regionPlan), index: unknownIndex() };
}

/** False when no plan could hold a number of `len` digits starting with digit `first` (0–9): decided before the digits are copied out. */
export function phoneMayFit(plans: PlanSet, first: number, len: number): boolean {
  if (plans.list.length > 30 || len > MAX_LEN || len < 1 || first < 0 || first > 9) return true;
  return mask(plans, first, len) !== 0;
}

/**
 * False when no plan could hold `digits` (a number written without "+"): the trunk prefix,
 * length and general-pattern checks of validatePhone, without its parse. validatePhone then
 * returns null for it without spending budget.
 */
export function phonePossible(digits: string, plans: PlanSet): boolean {
  const list = plans.list;
  const indexed = list.length <= 30 && digits.length <= MAX_LEN && digits.length > 0;
  const bits = indexed ? mask(plans, digits.charCodeAt(0) - 48, digits.length) : 0;
  if (indexed && bits === 0) return false;
  for (let k = 0; k < list.length; k++) {
    if (indexed && (bits & (1 << k)) === 0) continue;
    const p = list[k]!;
    if (!passesTrunkAndLength(p, digits)) continue;
    const trunked = p.trunk !== '' && digits.startsWith(p.trunk);
    if (p.pattern && !(trunked && p.pattern.test(digits.slice(p.trunk.length))) && !p.pattern.test(digits)) continue;
    return true;
  }
  return false;
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
