// Synthetic, format-valid secrets for the labelled corpus, generated from a seed so the corpus
// is reproducible without committing anything that looks like a live credential (a committed
// checksum-valid token would also trip push protection). Written from the providers'
// published formats, independently of the scanner's regexes.

export type Rng = () => number;

/** mulberry32 seeded from a string. */
export function rngFor(seed: string): Rng {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = UPPER + LOWER + DIGITS;
const HEX = '0123456789abcdef';
const B64 = ALNUM + '+/';
const B64URL = ALNUM + '-_';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function pick(r: Rng, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(r() * alphabet.length)];
  return s;
}

const CRC_TABLE = (() => {
  const t: number[] = [];
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t.push(c >>> 0);
  }
  return t;
})();

function crc32(s: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < s.length; i++) crc = (crc >>> 8) ^ CRC_TABLE[(crc ^ s.charCodeAt(i)) & 0xff]!;
  return (crc ^ 0xffffffff) >>> 0;
}

function base62(n: number, width: number): string {
  const a = DIGITS + UPPER + LOWER;
  let s = '';
  while (n > 0) {
    s = a[n % 62] + s;
    n = Math.floor(n / 62);
  }
  return s.padStart(width, '0');
}

/** GitHub / npm style: prefix + 30 random base62 + CRC32 of them in 6 base62 chars. */
function crcToken(r: Rng, prefix: string): string {
  const body = pick(r, ALNUM, 30);
  return prefix + body + base62(crc32(body), 6);
}

function b64(bytes: string): string {
  return Buffer.from(bytes, 'latin1').toString('base64');
}

function b64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function uuid(r: Rng): string {
  return `${pick(r, HEX, 8)}-${pick(r, HEX, 4)}-4${pick(r, HEX, 3)}-${pick(r, '89ab', 1)}${pick(r, HEX, 3)}-${pick(r, HEX, 12)}`;
}

function pemBody(r: Rng, bytes: number, lead = 'MII'): string {
  const raw = lead + pick(r, B64, Math.ceil((bytes * 4) / 3) - lead.length);
  return raw.match(/.{1,64}/g)!.join('\n');
}

/** A password a person or a generator would set: mixed classes, some symbols. */
function password(r: Rng, n: number): string {
  const sym = '!#%^*_-+=.~';
  let s = pick(r, UPPER, 1) + pick(r, LOWER, 2) + pick(r, DIGITS, 1) + pick(r, sym, 1);
  s += pick(r, ALNUM + sym, n - s.length);
  return s;
}

function jwt(r: Rng, claims: Record<string, unknown>, alg = 'HS256'): string {
  const header = b64url(JSON.stringify({ alg, typ: 'JWT' }));
  const payload = b64url(JSON.stringify(claims));
  const sig = alg === 'none' ? '' : pick(r, B64URL, alg.startsWith('RS') ? 342 : 43);
  return `${header}.${payload}.${sig}`;
}

export interface Kind {
  /** The rule the scanner should report; undefined for traps (nothing should be reported). */
  readonly rule?: string;
  readonly gen: (r: Rng) => string;
}

const K = (rule: string, gen: (r: Rng) => string): Kind => ({ rule, gen });
const T = (gen: (r: Rng) => string): Kind => ({ gen });

export const KINDS: Readonly<Record<string, Kind>> = {
  // Cloud
  'aws-access-key-id': K('aws-access-key-id', (r) => 'AKIA' + pick(r, B32, 16)),
  'aws-sts-key-id': K('aws-access-key-id', (r) => 'ASIA' + pick(r, B32, 16)),
  'aws-secret-access-key': K('aws-secret-access-key', (r) => pick(r, B64, 40)),
  'aws-session-token': K('aws-session-token', (r) => 'FwoGZXIvYXdzE' + pick(r, B64, 300)),
  'gcp-api-key': K('gcp-api-key', (r) => 'AIzaSy' + pick(r, B64URL, 33)),
  'gcp-oauth-client-secret': K('gcp-oauth-client-secret', (r) => 'GOCSPX-' + pick(r, B64URL, 28)),
  'google-oauth-access-token': K('google-oauth-access-token', (r) => 'ya29.a0A' + pick(r, B64URL, 160)),
  'azure-ad-client-secret': K('azure-ad-client-secret', (r) => pick(r, ALNUM, 3) + pick(r, DIGITS, 1) + 'Q~' + pick(r, ALNUM + '_~.-', 34)),
  'azure-storage-account-key': K('azure-storage-account-key', (r) => pick(r, B64, 86) + '=='),
  'azure-sas-signature': K('azure-sas-token', (r) => encodeURIComponent(pick(r, B64, 43) + '=')),
  'digitalocean-pat': K('digitalocean-pat', (r) => 'dop_v1_' + pick(r, HEX, 64)),
  'digitalocean-oauth-token': K('digitalocean-oauth-token', (r) => 'doo_v1_' + pick(r, HEX, 64)),
  'heroku-api-key': K('heroku-api-key', (r) => 'HRKU-AA' + pick(r, B64URL, 58)),
  'heroku-api-key-uuid': K('heroku-api-key', (r) => uuid(r)),
  'alibaba-access-key-id': K('alibaba-access-key-id', (r) => 'LTAI5t' + pick(r, ALNUM, 18)),
  'tencent-cloud-secret-id': K('tencent-cloud-secret-id', (r) => 'AKID' + pick(r, ALNUM, 32)),
  'cloudflare-origin-ca-key': K('cloudflare-origin-ca-key', (r) => `v1.0-${pick(r, HEX, 24)}-${pick(r, HEX, 146)}`),
  'flyio-token': K('flyio-token', (r) => 'fo1_' + pick(r, B64URL, 43)),
  'flyio-macaroon': K('flyio-token', (r) => 'fm2_lJPE' + pick(r, B64, 240) + '=='),
  'vercel-token': K('vercel-token', (r) => 'vcp_' + pick(r, ALNUM, 56)),
  'netlify-token': K('netlify-token', (r) => 'nfp_' + pick(r, ALNUM, 36)),
  'render-api-key': K('render-api-key', (r) => 'rnd_' + pick(r, ALNUM, 32)),
  'supabase-pat': K('supabase-secret-key', (r) => 'sbp_' + pick(r, HEX, 40)),
  'supabase-secret': K('supabase-secret-key', (r) => 'sb_secret_' + pick(r, B64URL, 31)),
  'pulumi-access-token': K('pulumi-access-token', (r) => 'pul-' + pick(r, HEX, 40)),
  'vault-token': K('vault-token', (r) => 'hvs.CAESI' + pick(r, B64URL, 90)),
  'vault-batch-token': K('vault-token', (r) => 'hvb.AAAAAQ' + pick(r, B64URL, 150)),
  'doppler-token': K('doppler-token', (r) => 'dp.pt.' + pick(r, ALNUM, 43)),
  'doppler-service-token': K('doppler-token', (r) => 'dp.st.prd.' + pick(r, ALNUM, 40)),
  '1password-service-account-token': K('1password-service-account-token', (r) => 'ops_eyJzaWduSW5BZGRyZXNzIjoi' + pick(r, B64, 320) + '=='),
  '1password-secret-key': K('1password-secret-key', (r) => `A3-${pick(r, UPPER + DIGITS, 6)}-${pick(r, UPPER + DIGITS, 6)}-${pick(r, UPPER + DIGITS, 5)}-${pick(r, UPPER + DIGITS, 5)}-${pick(r, UPPER + DIGITS, 5)}-${pick(r, UPPER + DIGITS, 5)}`),
  'age-secret-key': K('age-secret-key', (r) => 'AGE-SECRET-KEY-1' + pick(r, 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)),
  'databricks-token': K('databricks-token', (r) => 'dapi' + pick(r, HEX, 32)),
  'planetscale-password': K('planetscale-token', (r) => 'pscale_pw_' + pick(r, B64URL, 43)),
  'planetscale-token': K('planetscale-token', (r) => 'pscale_tkn_' + pick(r, B64URL, 43)),
  'scalingo-token': K('scalingo-token', (r) => 'tk-us-' + pick(r, B64URL, 48)),
  'tailscale-key': K('tailscale-key', (r) => `tskey-auth-k${pick(r, ALNUM, 10)}CNTRL-${pick(r, ALNUM, 33)}`),
  'dynatrace-token': K('dynatrace-token', (r) => `dt0c01.${pick(r, UPPER + DIGITS, 24)}.${pick(r, UPPER + DIGITS, 64)}`),
  'terraform-cloud-token': K('terraform-cloud-token', (r) => `${pick(r, ALNUM, 14)}.atlasv1.${pick(r, B64URL, 67)}`),
  // Version control and CI
  'github-pat': K('github-pat', (r) => crcToken(r, 'ghp_')),
  'github-oauth-token': K('github-oauth-token', (r) => crcToken(r, 'gho_')),
  'github-user-token': K('github-user-token', (r) => crcToken(r, 'ghu_')),
  'github-app-token': K('github-app-token', (r) => crcToken(r, 'ghs_')),
  'github-refresh-token': K('github-refresh-token', (r) => crcToken(r, 'ghr_')),
  'github-fine-grained-pat': K('github-fine-grained-pat', (r) => `github_pat_11${pick(r, UPPER + DIGITS, 20)}_${pick(r, ALNUM, 59)}`),
  'gitlab-pat': K('gitlab-pat', (r) => 'glpat-' + pick(r, B64URL, 20)),
  'gitlab-deploy-token': K('gitlab-deploy-token', (r) => 'gldt-' + pick(r, B64URL, 20)),
  'gitlab-runner-token': K('gitlab-runner-token', (r) => 'glrt-' + pick(r, B64URL, 20)),
  'gitlab-runner-registration': K('gitlab-runner-token', (r) => 'GR1348941' + pick(r, B64URL, 20)),
  'gitlab-pipeline-trigger-token': K('gitlab-pipeline-trigger-token', (r) => 'glptt-' + pick(r, HEX, 40)),
  'gitlab-feed-token': K('gitlab-feed-token', (r) => 'glft-' + pick(r, B64URL, 20)),
  'gitlab-oauth-secret': K('gitlab-oauth-secret', (r) => 'gloas-' + pick(r, B64URL, 64)),
  'gitlab-agent-token': K('gitlab-agent-token', (r) => 'glagent-' + pick(r, B64URL, 50)),
  'bitbucket-app-password': K('bitbucket-app-password', (r) => 'ATBB' + pick(r, ALNUM, 32)),
  'atlassian-api-token': K('atlassian-api-token', (r) => 'ATATT3xFfGF0' + pick(r, B64URL, 170) + '=' + pick(r, HEX.toUpperCase(), 8)),
  'sourcegraph-token': K('sourcegraph-token', (r) => `sgp_${pick(r, HEX, 16)}_${pick(r, HEX, 40)}`),
  'circleci-token': K('circleci-token', (r) => `CCIPAT_${pick(r, ALNUM, 22)}_${pick(r, HEX, 40)}`),
  'buildkite-token': K('buildkite-token', (r) => 'bkua_' + pick(r, HEX, 40)),
  'sonarqube-token': K('sonarqube-token', (r) => 'sqp_' + pick(r, HEX, 40)),
  'huggingface-token': K('huggingface-token', (r) => 'hf_' + pick(r, UPPER + LOWER, 34)),
  // Chat and messaging
  'slack-bot-token': K('slack-bot-token', (r) => `xoxb-${pick(r, DIGITS, 12)}-${pick(r, DIGITS, 13)}-${pick(r, ALNUM, 24)}`),
  'slack-user-token': K('slack-user-token', (r) => `xoxp-${pick(r, DIGITS, 12)}-${pick(r, DIGITS, 12)}-${pick(r, DIGITS, 13)}-${pick(r, HEX, 32)}`),
  'slack-app-token': K('slack-app-token', (r) => `xapp-1-A0${pick(r, UPPER + DIGITS, 9)}-${pick(r, DIGITS, 13)}-${pick(r, HEX, 64)}`),
  'slack-config-token': K('slack-config-token', (r) => `xoxe.xoxp-1-${pick(r, ALNUM, 163)}`),
  'slack-webhook-url': K('slack-webhook-url', (r) => `T0${pick(r, UPPER + DIGITS, 8)}/B0${pick(r, UPPER + DIGITS, 8)}/${pick(r, ALNUM, 24)}`),
  'discord-webhook-token': K('discord-webhook-url', (r) => pick(r, B64URL, 68)),
  'discord-bot-token': K('discord-bot-token', (r) => `M${pick(r, ALNUM, 25)}.${pick(r, B64URL, 6)}.${pick(r, B64URL, 38)}`),
  'teams-webhook-path': K('teams-webhook-url', (r) => `${uuid(r)}@${uuid(r)}/IncomingWebhook/${pick(r, HEX, 32)}/${uuid(r)}`),
  'telegram-bot-token': K('telegram-bot-token', (r) => `${pick(r, '123456789', 1)}${pick(r, DIGITS, 9)}:AA${pick(r, B64URL, 33)}`),
  'twilio-api-key': K('twilio-api-key', (r) => 'SK' + pick(r, HEX, 32)),
  'twilio-auth-token': K('twilio-auth-token', (r) => pick(r, HEX, 32)),
  'sendgrid-api-key': K('sendgrid-api-key', (r) => `SG.${pick(r, B64URL, 22)}.${pick(r, B64URL, 43)}`),
  'mailgun-api-key': K('mailgun-api-key', (r) => 'key-' + pick(r, HEX, 32)),
  'mailchimp-api-key': K('mailchimp-api-key', (r) => `${pick(r, HEX, 32)}-us${pick(r, DIGITS, 2)}`),
  'brevo-api-key': K('brevo-api-key', (r) => `xkeysib-${pick(r, HEX, 64)}-${pick(r, ALNUM, 16)}`),
  // Payments and commerce
  'stripe-secret-key': K('stripe-secret-key', (r) => 'sk_live_51' + pick(r, ALNUM, 97)),
  'stripe-test-secret-key': K('stripe-test-secret-key', (r) => 'sk_test_51' + pick(r, ALNUM, 97)),
  'stripe-restricted-key': K('stripe-restricted-key', (r) => 'rk_live_51' + pick(r, ALNUM, 97)),
  'stripe-webhook-secret': K('stripe-webhook-secret', (r) => 'whsec_' + pick(r, ALNUM, 32)),
  'square-access-token': K('square-access-token', (r) => 'EAAA' + pick(r, B64URL, 60)),
  'square-oauth-secret': K('square-oauth-secret', (r) => 'sq0csp-' + pick(r, B64URL, 43)),
  'braintree-access-token': K('braintree-access-token', (r) => `access_token$production$${pick(r, LOWER + DIGITS, 16)}$${pick(r, HEX, 32)}`),
  'flutterwave-secret-key': K('flutterwave-secret-key', (r) => `FLWSECK-${pick(r, 'abcdefgh0123456789', 32)}-X`),
  'shopify-access-token': K('shopify-access-token', (r) => 'shpat_' + pick(r, HEX, 32)),
  'shopify-shared-secret': K('shopify-shared-secret', (r) => 'shpss_' + pick(r, HEX, 32)),
  'shopify-private-app-token': K('shopify-private-app-token', (r) => 'shppa_' + pick(r, HEX, 32)),
  'plaid-access-token': K('plaid-access-token', (r) => 'access-production-' + uuid(r)),
  'shippo-token': K('shippo-token', (r) => 'shippo_live_' + pick(r, HEX, 40)),
  'easypost-api-key': K('easypost-api-key', (r) => 'EZAK' + pick(r, ALNUM, 54)),
  'duffel-token': K('duffel-token', (r) => 'duffel_live_' + pick(r, B64URL, 43)),
  'facebook-access-token': K('facebook-access-token', (r) => 'EAAG' + pick(r, ALNUM, 170)),
  // AI providers
  'anthropic-api-key': K('anthropic-api-key', (r) => `sk-ant-api03-${pick(r, B64URL, 93)}AA`),
  'anthropic-admin-key': K('anthropic-admin-key', (r) => `sk-ant-admin01-${pick(r, B64URL, 93)}AA`),
  'anthropic-oauth-token': K('anthropic-oauth-token', (r) => `sk-ant-oat01-${pick(r, B64URL, 93)}AA`),
  'openai-api-key': K('openai-api-key', (r) => `sk-proj-${pick(r, B64URL, 74)}T3BlbkFJ${pick(r, B64URL, 74)}`),
  'openai-legacy-key': K('openai-api-key', (r) => `sk-${pick(r, ALNUM, 20)}T3BlbkFJ${pick(r, ALNUM, 20)}`),
  'openai-svcacct-key': K('openai-api-key', (r) => `sk-svcacct-${pick(r, B64URL, 58)}T3BlbkFJ${pick(r, B64URL, 58)}`),
  'openrouter-api-key': K('openrouter-api-key', (r) => 'sk-or-v1-' + pick(r, HEX, 64)),
  'groq-api-key': K('groq-api-key', (r) => 'gsk_' + pick(r, ALNUM, 52)),
  'perplexity-api-key': K('perplexity-api-key', (r) => 'pplx-' + pick(r, ALNUM, 48)),
  'xai-api-key': K('xai-api-key', (r) => 'xai-' + pick(r, ALNUM, 80)),
  'replicate-api-token': K('replicate-api-token', (r) => 'r8_' + pick(r, ALNUM, 37)),
  'langsmith-api-key': K('langsmith-api-key', (r) => `lsv2_pt_${pick(r, HEX, 32)}_${pick(r, HEX, 10)}`),
  'pinecone-api-key': K('pinecone-api-key', (r) => `pcsk_${pick(r, ALNUM, 6)}_${pick(r, ALNUM, 63)}`),
  // Package registries
  'npm-token': K('npm-token', (r) => crcToken(r, 'npm_')),
  'pypi-token': K('pypi-token', (r) => 'pypi-AgEIcHlwaS5vcmc' + pick(r, B64URL, 160)),
  'rubygems-api-key': K('rubygems-api-key', (r) => 'rubygems_' + pick(r, HEX, 48)),
  'nuget-api-key': K('nuget-api-key', (r) => 'oy2' + pick(r, LOWER + DIGITS, 43)),
  'docker-hub-token': K('docker-hub-token', (r) => 'dckr_pat_' + pick(r, B64URL, 27)),
  'clojars-token': K('clojars-token', (r) => 'CLOJARS_' + pick(r, LOWER + DIGITS, 60)),
  'jfrog-api-key': K('jfrog-api-key', (r) => 'AKCp' + pick(r, ALNUM, 69)),
  'jfrog-reference-token': K('jfrog-reference-token', (r) => 'cmVmdGtuOjAxOjE3' + pick(r, ALNUM, 48)),
  // Monitoring, developer tools and SaaS
  'sentry-user-token': K('sentry-token', (r) => 'sntryu_' + pick(r, HEX, 64)),
  'sentry-org-token': K('sentry-token', (r) => `sntrys_${b64(JSON.stringify({ iat: 1700000000 + Math.floor(r() * 1e7), url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: 'acme' })).replace(/=+$/, '')}_${pick(r, ALNUM, 43)}`),
  'grafana-cloud-token': K('grafana-cloud-token', (r) => 'glc_eyJvIjoi' + pick(r, B64, 120) + '=='),
  'grafana-service-account-token': K('grafana-service-account-token', (r) => `glsa_${pick(r, ALNUM, 32)}_${pick(r, HEX, 8)}`),
  'grafana-api-key': K('grafana-api-key', (r) => b64(JSON.stringify({ k: pick(r, ALNUM, 32), n: 'deploy', id: 1 })).replace(/=+$/, '')),
  'new-relic-api-key': K('new-relic-api-key', (r) => 'NRAK-' + pick(r, UPPER + DIGITS, 27)),
  'datadog-api-key': K('datadog-api-key', (r) => pick(r, HEX, 32)),
  'postman-api-key': K('postman-api-key', (r) => `PMAK-${pick(r, HEX, 24)}-${pick(r, HEX, 34)}`),
  'linear-api-key': K('linear-api-key', (r) => 'lin_api_' + pick(r, ALNUM, 40)),
  'notion-token': K('notion-token', (r) => `ntn_${pick(r, DIGITS, 11)}${pick(r, ALNUM, 35)}`),
  'figma-token': K('figma-token', (r) => 'figd_' + pick(r, B64URL, 40)),
  'typeform-token': K('typeform-token', (r) => 'tfp_' + pick(r, B64URL, 59)),
  'contentful-token': K('contentful-token', (r) => 'CFPAT-' + pick(r, B64URL, 43)),
  'prefect-api-key': K('prefect-api-key', (r) => 'pnu_' + pick(r, ALNUM, 36)),
  'readme-api-key': K('readme-api-key', (r) => 'rdme_' + pick(r, LOWER + DIGITS, 70)),
  'frameio-token': K('frameio-token', (r) => 'fio-u-' + pick(r, B64URL, 64)),
  'infracost-token': K('infracost-token', (r) => 'ico-' + pick(r, ALNUM, 32)),
  'adobe-client-secret': K('adobe-client-secret', (r) => 'p8e-' + pick(r, ALNUM, 32)),
  'mapbox-secret-token': K('mapbox-secret-token', (r) => `sk.${b64url(JSON.stringify({ u: 'acme-maps', a: pick(r, LOWER + DIGITS, 25) }))}.${pick(r, B64URL, 22)}`),
  'dropbox-token': K('dropbox-token', (r) => 'sl.B' + pick(r, B64URL, 138)),
  // Keys, tokens and credentials with structure
  'rsa-private-key': K('private-key', (r) => `-----BEGIN RSA PRIVATE KEY-----\n${pemBody(r, 1190)}\n-----END RSA PRIVATE KEY-----`),
  'pkcs8-private-key': K('private-key', (r) => `-----BEGIN PRIVATE KEY-----\n${pemBody(r, 1216)}\n-----END PRIVATE KEY-----`),
  'ec-private-key': K('private-key', (r) => `-----BEGIN EC PRIVATE KEY-----\n${pemBody(r, 121, 'MHc')}\n-----END EC PRIVATE KEY-----`),
  'openssh-private-key': K('private-key', (r) => `-----BEGIN OPENSSH PRIVATE KEY-----\n${pemBody(r, 400, 'b3BlbnNzaC1rZXktdjEAAAAA')}\n-----END OPENSSH PRIVATE KEY-----`),
  'encrypted-private-key': K('private-key', (r) => `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${pemBody(r, 1300)}\n-----END ENCRYPTED PRIVATE KEY-----`),
  'pgp-private-key': K('private-key', (r) => `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${pemBody(r, 900, 'lQ')}\n=${pick(r, B64, 4)}\n-----END PGP PRIVATE KEY BLOCK-----`),
  'pkcs8-private-key-escaped': K('private-key', (r) => `-----BEGIN PRIVATE KEY-----\\n${pemBody(r, 1216).replaceAll('\n', '\\n')}\\n-----END PRIVATE KEY-----\\n`),
  'rsa-private-key-truncated': K('private-key', (r) => `-----BEGIN RSA PRIVATE KEY-----\n${pemBody(r, 700)}`),
  jwt: K('jwt', (r) => jwt(r, { sub: uuid(r), iss: 'https://auth.acme.dev', aud: 'api', iat: 1718000000 + Math.floor(r() * 1e6), exp: 1719000000 + Math.floor(r() * 1e6), scope: 'read write' })),
  'jwt-rs256': K('jwt', (r) => jwt(r, { sub: String(Math.floor(r() * 1e9)), email: 'dev@acme.dev', role: 'service_role', iat: 1718000000 }, 'RS256')),
  'random-password': K('generic-secret-assignment', (r) => password(r, 16)),
  'db-password': K('connection-string-password', (r) => password(r, 14).replace(/[#/?@:]/g, 'x')),
  'url-password': K('url-password', (r) => password(r, 12).replace(/[#/?@:]/g, 'x')),
  'generic-token': K('generic-secret-assignment', (r) => pick(r, ALNUM, 32)),
  'generic-b64-secret': K('generic-secret-assignment', (r) => pick(r, B64, 43) + '='),
  'generic-hex-secret': K('generic-secret-assignment', (r) => pick(r, HEX, 64)),
  'b64-password': K('generic-secret-assignment', (r) => b64(password(r, 18))),
  'bearer-opaque': K('bearer-token', (r) => pick(r, B64URL, 40)),
  'basic-credential': K('basic-auth-header', (r) => b64(`deploy:${password(r, 14)}`)),
  // Traps: look like secrets, are not (or cannot be distinguished from data)
  'github-bad-checksum': T((r) => `ghp_${pick(r, ALNUM, 36)}`),
  'npm-bad-checksum': T((r) => `npm_${pick(r, ALNUM, 36)}`),
  'git-sha': T((r) => pick(r, HEX, 40)),
  'sha256-hex': T((r) => pick(r, HEX, 64)),
  'sha512-integrity': T((r) => `sha512-${pick(r, B64, 86)}==`),
  'sha1-integrity': T((r) => `sha1-${pick(r, B64, 27)}=`),
  uuid: T((r) => uuid(r)),
  'base64-blob': T((r) => pick(r, B64, 2000)),
  'base64-blob-short': T((r) => pick(r, B64, 43) + '='),
  'image-data-uri': T((r) => `data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA${pick(r, B64, 1200)}=`),
  'request-id': T((r) => `req_${pick(r, ALNUM, 14)}`),
  'object-id': T((r) => pick(r, HEX, 24)),
  ulid: T((r) => pick(r, DIGITS + 'ABCDEFGHJKMNPQRSTVWXYZ', 26)),
  'trace-id': T((r) => pick(r, HEX, 32)),
  'docker-digest': T((r) => `sha256:${pick(r, HEX, 64)}`),
  'go-sum-hash': T((r) => `h1:${pick(r, B64, 43)}=`),
  'public-ssh-key': T((r) => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${pick(r, B64, 43)} dev@laptop`),
  certificate: T((r) => `-----BEGIN CERTIFICATE-----\n${pemBody(r, 900)}\n-----END CERTIFICATE-----`),
  'public-key-pem': T((r) => `-----BEGIN PUBLIC KEY-----\n${pemBody(r, 294)}\n-----END PUBLIC KEY-----`),
  'stripe-publishable-key': T((r) => 'pk_live_51' + pick(r, ALNUM, 97)),
  'supabase-anon-jwt': T((r) => jwt(r, { iss: 'supabase', ref: pick(r, LOWER, 20), role: 'anon', iat: 1700000000, exp: 2015000000 })),
  'minified-identifier': T((r) => `__webpack_${pick(r, LOWER, 6)}_${pick(r, LOWER + UPPER, 18)}__`),
  'css-module-class': T((r) => `styles_button__${pick(r, ALNUM + '_-', 5)}`),
  'chunk-hash': T((r) => `main.${pick(r, HEX, 20)}.chunk.js`),
  'random-camel-identifier': T((r) => `handle${['User', 'Auth', 'Token', 'Session', 'Request'][Math.floor(r() * 5)]}${['Refresh', 'Validation', 'Rotation', 'Expiry'][Math.floor(r() * 4)]}Callback`),
};
