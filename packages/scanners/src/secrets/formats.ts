import type { FindingSeverity } from '@vigil/scanner-spec';
import { validCrcToken } from './checksum.js';

// Provider token formats that carry a literal prefix. Sources: gitleaks' default config,
// secretlint's recommended preset, trufflehog detectors and the providers' own announcements
// of their token formats. Each regex matches the whole token from its first character (sticky)
// and ends with its own right-hand boundary so a longer run of token characters does not match.

export interface Format {
  readonly id: string;
  /** What it is, for messages: "GitHub personal access token". */
  readonly label: string;
  readonly prefixes: readonly string[];
  readonly re: RegExp;
  readonly severity: FindingSeverity;
  readonly confidence: number;
  /** Minimum Shannon entropy (bits per character) of the token after its prefix. */
  readonly minEntropy: number;
  /** Returns the confidence to report for this exact token, or 0 to drop it. */
  readonly check?: (token: string, prefix: string) => number;
}

const NA = '(?![A-Za-z0-9])';
const NW = '(?![A-Za-z0-9_-])';
const NB64 = '(?![A-Za-z0-9+/=])';

function f(
  id: string,
  label: string,
  prefixes: readonly string[],
  src: string,
  tail: string,
  severity: FindingSeverity,
  confidence: number,
  minEntropy = 3,
  check?: Format['check'],
): Format {
  return { id, label, prefixes, re: new RegExp(src + tail, 'y'), severity, confidence, minEntropy, ...(check ? { check } : {}) };
}

// A checksum-valid token is real; a look-alike that fails it is a hand-made example.
const crcChecked = (token: string, prefix: string): number => (validCrcToken(token, prefix.length) ? 0.98 : 0.4);

// Random letters have both cases; a long identifier spelled in one case is not a token.
const mixedCase = (token: string, prefix: string): number => (/[a-z]/.test(token.slice(prefix.length)) && /[A-Z]/.test(token.slice(prefix.length)) ? 0.9 : 0);

export const FORMATS: readonly Format[] = [
  // Cloud
  f('aws-access-key-id', 'AWS access key ID', ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'], '(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}', NA, 'high', 0.9, 2.8),
  f('gcp-api-key', 'Google API key', ['AIza'], 'AIza[A-Za-z0-9_-]{35}', NW, 'high', 0.9, 3.5),
  f('gcp-oauth-client-secret', 'Google OAuth client secret', ['GOCSPX-'], 'GOCSPX-[A-Za-z0-9_-]{28}', NW, 'high', 0.95, 3.5),
  f('google-oauth-access-token', 'Google OAuth access token', ['ya29.'], 'ya29\\.[A-Za-z0-9_-]{30,2048}', NW, 'high', 0.9, 3.5),
  f('digitalocean-pat', 'DigitalOcean personal access token', ['dop_v1_'], 'dop_v1_[a-f0-9]{64}', NA, 'high', 0.95),
  f('digitalocean-oauth-token', 'DigitalOcean OAuth token', ['doo_v1_'], 'doo_v1_[a-f0-9]{64}', NA, 'high', 0.95),
  f('digitalocean-refresh-token', 'DigitalOcean refresh token', ['dor_v1_'], 'dor_v1_[a-f0-9]{64}', NA, 'high', 0.95),
  f('heroku-api-key', 'Heroku API key', ['HRKU-AA'], 'HRKU-AA[A-Za-z0-9_-]{58}', NW, 'high', 0.95),
  f('alibaba-access-key-id', 'Alibaba Cloud AccessKey ID', ['LTAI'], 'LTAI[A-Za-z0-9]{20}', NA, 'high', 0.85, 3.2),
  f('tencent-cloud-secret-id', 'Tencent Cloud SecretId', ['AKID'], 'AKID[A-Za-z0-9]{32}', NA, 'high', 0.8, 3.8),
  f('cloudflare-origin-ca-key', 'Cloudflare Origin CA key', ['v1.0-'], 'v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}', NA, 'high', 0.95),
  f('flyio-token', 'Fly.io token', ['fo1_'], 'fo1_[A-Za-z0-9_-]{43}', NW, 'high', 0.9, 3.5),
  f('flyio-token', 'Fly.io token', ['fm1a_', 'fm1r_', 'fm2_'], 'fm(?:1[ar]|2)_[A-Za-z0-9+/]{100,4096}={0,3}', NB64, 'high', 0.9, 4),
  f('vercel-token', 'Vercel token', ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'], 'vc[pciark]_[A-Za-z0-9]{24,60}', NA, 'high', 0.85, 3.5),
  f('netlify-token', 'Netlify token', ['nfp_'], 'nfp_[A-Za-z0-9_]{36}', NW, 'high', 0.85, 3.5),
  f('render-api-key', 'Render API key', ['rnd_'], 'rnd_[A-Za-z0-9]{32}', NW, 'high', 0.8, 3.8),
  f('supabase-secret-key', 'Supabase secret key', ['sbp_'], 'sbp_[a-f0-9]{40}', NA, 'high', 0.9),
  f('supabase-secret-key', 'Supabase secret key', ['sb_secret_'], 'sb_secret_[A-Za-z0-9_-]{31,64}', NW, 'high', 0.9, 3.5),
  f('pulumi-access-token', 'Pulumi access token', ['pul-'], 'pul-[a-f0-9]{40}', NA, 'high', 0.9),
  f('vault-token', 'HashiCorp Vault token', ['hvs.', 'hvr.'], 'hv[sr]\\.[A-Za-z0-9_-]{90,120}', NW, 'high', 0.9, 3.5),
  f('vault-token', 'HashiCorp Vault token', ['hvb.'], 'hvb\\.[A-Za-z0-9_-]{138,300}', NW, 'high', 0.9, 3.5),
  f('doppler-token', 'Doppler token', ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.', 'dp.scim.', 'dp.audit.'], 'dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44}', NA, 'high', 0.95, 3.5),
  f('1password-service-account-token', '1Password service account token', ['ops_eyJ'], 'ops_eyJ[A-Za-z0-9+/]{250,8192}={0,3}', NB64, 'critical', 0.95, 4),
  f('1password-secret-key', '1Password secret key', ['A3-'], 'A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}', NA, 'critical', 0.9, 3.2),
  f('age-secret-key', 'age secret key', ['AGE-SECRET-KEY-1'], 'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}', NA, 'critical', 0.98, 3.5),
  f('databricks-token', 'Databricks token', ['dapi'], 'dapi[a-f0-9]{32}(?:-[0-9])?', NA, 'high', 0.85, 3.2),
  f('planetscale-token', 'PlanetScale token or password', ['pscale_tkn_', 'pscale_oauth_', 'pscale_pw_'], 'pscale_(?:tkn|oauth|pw)_[A-Za-z0-9_.=-]{32,64}', '(?![A-Za-z0-9_.=-])', 'high', 0.95, 3.5),
  f('scalingo-token', 'Scalingo token', ['tk-us-'], 'tk-us-[A-Za-z0-9_-]{48}', NW, 'high', 0.9, 3.5),
  f('tailscale-key', 'Tailscale key', ['tskey-'], 'tskey-(?:auth|api|client|webhook|scim)-[A-Za-z0-9]{6,24}-[A-Za-z0-9]{20,64}', NA, 'high', 0.95, 3.5),
  f('dynatrace-token', 'Dynatrace token', ['dt0c01.'], 'dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}', NA, 'high', 0.95),

  // Version control and CI
  f('github-pat', 'GitHub personal access token', ['ghp_'], 'ghp_[A-Za-z0-9]{36}', NA, 'high', 0.98, 3, crcChecked),
  f('github-oauth-token', 'GitHub OAuth token', ['gho_'], 'gho_[A-Za-z0-9]{36}', NA, 'high', 0.98, 3, crcChecked),
  f('github-user-token', 'GitHub user-to-server token', ['ghu_'], 'ghu_[A-Za-z0-9]{36}', NA, 'high', 0.98, 3, crcChecked),
  f('github-app-token', 'GitHub app installation token', ['ghs_'], 'ghs_[A-Za-z0-9]{36}', NA, 'high', 0.98, 3, crcChecked),
  f('github-refresh-token', 'GitHub refresh token', ['ghr_'], 'ghr_[A-Za-z0-9]{36}', NA, 'high', 0.98, 3, crcChecked),
  f('github-fine-grained-pat', 'GitHub fine-grained personal access token', ['github_pat_'], 'github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}', NA, 'high', 0.95, 3.5),
  f('gitlab-pat', 'GitLab personal access token', ['glpat-'], 'glpat-[A-Za-z0-9_-]{20,300}(?:\\.[0-9a-z]{9})?', NW, 'high', 0.95, 3.2),
  f('gitlab-deploy-token', 'GitLab deploy token', ['gldt-'], 'gldt-[A-Za-z0-9_-]{20,64}', NW, 'high', 0.95, 3.2),
  f('gitlab-runner-token', 'GitLab runner token', ['glrt-'], 'glrt-[A-Za-z0-9_-]{20,300}(?:\\.[0-9a-z]{9})?', NW, 'high', 0.95, 3.2),
  f('gitlab-runner-token', 'GitLab runner registration token', ['GR1348941'], 'GR1348941[A-Za-z0-9_-]{20}', NW, 'high', 0.95, 3.2),
  f('gitlab-pipeline-trigger-token', 'GitLab pipeline trigger token', ['glptt-'], 'glptt-[a-f0-9]{40}', NA, 'high', 0.95),
  f('gitlab-feed-token', 'GitLab feed token', ['glft-'], 'glft-[A-Za-z0-9_-]{20}', NW, 'medium', 0.9, 3.2),
  f('gitlab-oauth-secret', 'GitLab OAuth application secret', ['gloas-'], 'gloas-[A-Za-z0-9_-]{64}', NW, 'high', 0.95, 3.5),
  f('gitlab-agent-token', 'GitLab Kubernetes agent token', ['glagent-'], 'glagent-[A-Za-z0-9_-]{50}', NW, 'high', 0.95, 3.5),
  f('gitlab-job-token', 'GitLab CI job token', ['glcbt-'], 'glcbt-[A-Za-z0-9]{1,5}_[A-Za-z0-9_-]{20}', NW, 'high', 0.9, 3.2),
  f('gitlab-scim-token', 'GitLab SCIM token', ['glsoat-'], 'glsoat-[A-Za-z0-9_-]{20}', NW, 'high', 0.9, 3.2),
  f('gitlab-incoming-mail-token', 'GitLab incoming mail token', ['glimt-'], 'glimt-[A-Za-z0-9_-]{25}', NW, 'medium', 0.9, 3.2),
  f('gitlab-feature-flags-token', 'GitLab feature flags client token', ['glffct-'], 'glffct-[A-Za-z0-9_-]{20}', NW, 'medium', 0.9, 3.2),
  f('bitbucket-app-password', 'Bitbucket app password', ['ATBB'], 'ATBB[A-Za-z0-9]{28,40}', NA, 'high', 0.9, 3.5),
  f('atlassian-api-token', 'Atlassian API token', ['ATATT3'], 'ATATT3[A-Za-z0-9_=-]{150,250}', '(?![A-Za-z0-9_=-])', 'high', 0.95, 4),
  f('sourcegraph-token', 'Sourcegraph access token', ['sgp_'], 'sgp_(?:(?:[a-f0-9]{16}|local)_)?[a-f0-9]{40}', NA, 'high', 0.9),
  f('circleci-token', 'CircleCI token', ['CCIPAT_', 'CCIPRJ_'], 'CCIP(?:AT|RJ)_[A-Za-z0-9]{22}_[a-f0-9]{40}', NA, 'high', 0.95),
  f('buildkite-token', 'Buildkite API token', ['bkua_'], 'bkua_[a-f0-9]{40}', NA, 'high', 0.95),
  f('sonarqube-token', 'SonarQube token', ['sqp_', 'sqa_', 'squ_'], 'sq[pau]_[a-f0-9]{40}', NA, 'high', 0.9),
  f('huggingface-token', 'Hugging Face token', ['hf_'], 'hf_[A-Za-z]{34}', NA, 'high', 0.9, 4.2, mixedCase),
  f('huggingface-token', 'Hugging Face organization token', ['api_org_'], 'api_org_[A-Za-z]{34}', NA, 'high', 0.9, 4.2, mixedCase),

  // Chat and messaging
  f('slack-bot-token', 'Slack bot token', ['xoxb-'], 'xoxb-[0-9]{8,14}-(?:[0-9]{8,14}-)?[A-Za-z0-9]{18,40}', NA, 'high', 0.95, 3),
  f('slack-user-token', 'Slack user token', ['xoxp-'], 'xoxp-[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9]{28,40}', NA, 'high', 0.95, 3),
  f('slack-app-token', 'Slack app-level token', ['xapp-'], 'xapp-[0-9]-[A-Z0-9]{8,12}-[0-9]{10,14}-[A-Za-z0-9]{40,80}', NA, 'high', 0.95, 3),
  f('slack-config-token', 'Slack configuration token', ['xoxe.xoxb-', 'xoxe.xoxp-'], 'xoxe\\.xox[bp]-[0-9]-[A-Za-z0-9]{150,180}', NA, 'high', 0.95, 3.5),
  f('slack-config-token', 'Slack configuration refresh token', ['xoxe-'], 'xoxe-[0-9]-[A-Za-z0-9]{140,160}', NA, 'high', 0.95, 3.5),
  f('slack-legacy-token', 'Slack legacy token', ['xoxa-', 'xoxr-', 'xoxs-', 'xoxo-'], 'xox[aros]-(?:[0-9]{1,14}-){0,4}[A-Za-z0-9]{8,64}', NA, 'high', 0.85, 3),
  f('twilio-api-key', 'Twilio API key SID', ['SK'], 'SK[0-9a-fA-F]{32}', NA, 'medium', 0.6, 3.2),
  f('sendgrid-api-key', 'SendGrid API key', ['SG.'], 'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}', NW, 'high', 0.95, 3.5),
  f('mailgun-api-key', 'Mailgun API key', ['key-'], 'key-[a-f0-9]{32}', NA, 'high', 0.7, 3.2),
  f('brevo-api-key', 'Brevo (Sendinblue) API key', ['xkeysib-', 'xsmtpsib-'], 'x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}', NA, 'high', 0.95),

  // Payments and commerce
  f('stripe-secret-key', 'Stripe live secret key', ['sk_live_'], 'sk_live_[A-Za-z0-9]{20,247}', NA, 'critical', 0.95, 3.5),
  f('stripe-test-secret-key', 'Stripe test secret key', ['sk_test_'], 'sk_test_[A-Za-z0-9]{20,247}', NA, 'medium', 0.85, 3.5),
  f('stripe-restricted-key', 'Stripe restricted key', ['rk_live_', 'rk_test_'], 'rk_(?:live|test)_[A-Za-z0-9]{20,247}', NA, 'high', 0.9, 3.5),
  f('stripe-webhook-secret', 'Stripe webhook signing secret', ['whsec_'], 'whsec_[A-Za-z0-9+/]{32,64}={0,2}', NB64, 'high', 0.9, 3.5),
  f('square-access-token', 'Square access token', ['EAAA'], 'EAAA[A-Za-z0-9_-]{60}', NW, 'high', 0.85, 3.5),
  f('square-access-token', 'Square access token', ['sq0atp-'], 'sq0atp-[A-Za-z0-9_-]{22}', NW, 'high', 0.9, 3.2),
  f('square-oauth-secret', 'Square OAuth secret', ['sq0csp-'], 'sq0csp-[A-Za-z0-9_-]{43}', NW, 'high', 0.95, 3.5),
  f('braintree-access-token', 'Braintree access token', ['access_token$'], 'access_token\\$(?:production|sandbox)\\$[0-9a-z]{16}\\$[0-9a-f]{32}', NA, 'critical', 0.95),
  f('flutterwave-secret-key', 'Flutterwave secret key', ['FLWSECK'], 'FLWSECK(?:_TEST)?-[a-h0-9]{32}-X', NA, 'high', 0.95),
  f('shopify-access-token', 'Shopify access token', ['shpat_'], 'shpat_[a-fA-F0-9]{32}', NA, 'high', 0.95),
  f('shopify-custom-app-token', 'Shopify custom app token', ['shpca_'], 'shpca_[a-fA-F0-9]{32}', NA, 'high', 0.95),
  f('shopify-private-app-token', 'Shopify private app token', ['shppa_'], 'shppa_[a-fA-F0-9]{32}', NA, 'high', 0.95),
  f('shopify-shared-secret', 'Shopify shared secret', ['shpss_'], 'shpss_[a-fA-F0-9]{32}', NA, 'high', 0.95),
  f('plaid-access-token', 'Plaid access token', ['access-sandbox-', 'access-development-', 'access-production-'], 'access-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', NA, 'high', 0.9),
  f('shippo-token', 'Shippo API token', ['shippo_live_', 'shippo_test_'], 'shippo_(?:live|test)_[a-fA-F0-9]{40}', NA, 'high', 0.95),
  f('easypost-api-key', 'EasyPost API key', ['EZAK', 'EZTK'], 'EZ[AT]K[A-Za-z0-9]{54}', NA, 'high', 0.9, 3.8),
  f('duffel-token', 'Duffel API token', ['duffel_live_', 'duffel_test_'], 'duffel_(?:live|test)_[A-Za-z0-9_=-]{43}', '(?![A-Za-z0-9_=-])', 'high', 0.95, 3.5),
  f('facebook-access-token', 'Facebook access token', ['EAA'], 'EAA[A-Za-z][A-Za-z0-9]{90,400}', NA, 'high', 0.85, 4),

  // AI providers
  f('anthropic-api-key', 'Anthropic API key', ['sk-ant-api0'], 'sk-ant-api0[0-9]-[A-Za-z0-9_-]{80,120}AA', NW, 'critical', 0.98, 4),
  f('anthropic-admin-key', 'Anthropic admin API key', ['sk-ant-admin0'], 'sk-ant-admin0[0-9]-[A-Za-z0-9_-]{80,120}AA', NW, 'critical', 0.98, 4),
  f('anthropic-oauth-token', 'Anthropic OAuth token', ['sk-ant-oat0', 'sk-ant-ort0'], 'sk-ant-o[ar]t0[0-9]-[A-Za-z0-9_-]{80,120}AA', NW, 'critical', 0.98, 4),
  f('openrouter-api-key', 'OpenRouter API key', ['sk-or-v1-'], 'sk-or-v1-[a-f0-9]{64}', NA, 'high', 0.95),
  // The base64 of "OpenAI" sits at fixed offsets: 20 chars in legacy keys, 58 or 74 in project keys.
  f('openai-api-key', 'OpenAI API key', ['sk-'], 'sk-(?:(?:proj|svcacct|admin|None)-(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})T3BlbkFJ(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})', NW, 'critical', 0.98, 4),
  // Without the T3BlbkFJ marker (a key with it is left to the row above, which then wins).
  f('openai-api-key', 'OpenAI API key', ['sk-proj-', 'sk-svcacct-', 'sk-admin-'], 'sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,250}', NW, 'critical', 0.85, 4, (t) => (t.includes('T3BlbkFJ') ? 0 : 0.85)),
  f('groq-api-key', 'Groq API key', ['gsk_'], 'gsk_[A-Za-z0-9]{52}', NA, 'high', 0.95, 4),
  f('perplexity-api-key', 'Perplexity API key', ['pplx-'], 'pplx-[A-Za-z0-9]{48}', NA, 'high', 0.95, 4),
  f('xai-api-key', 'xAI API key', ['xai-'], 'xai-[A-Za-z0-9]{80}', NA, 'high', 0.95, 4),
  f('replicate-api-token', 'Replicate API token', ['r8_'], 'r8_[A-Za-z0-9]{37}', NA, 'high', 0.9, 4),
  f('langsmith-api-key', 'LangSmith API key', ['lsv2_pt_', 'lsv2_sk_'], 'lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}', NA, 'high', 0.95),
  f('pinecone-api-key', 'Pinecone API key', ['pcsk_'], 'pcsk_[A-Za-z0-9]{4,10}_[A-Za-z0-9]{40,80}', NA, 'high', 0.95, 4),

  // Package registries
  f('npm-token', 'npm access token', ['npm_'], 'npm_[A-Za-z0-9]{36}', NA, 'high', 0.98, 3, crcChecked),
  f('pypi-token', 'PyPI upload token', ['pypi-AgE'], 'pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000}', NW, 'high', 0.98, 4),
  f('rubygems-api-key', 'RubyGems API key', ['rubygems_'], 'rubygems_[a-f0-9]{48}', NA, 'high', 0.95),
  f('nuget-api-key', 'NuGet API key', ['oy2'], 'oy2[a-z0-9]{43}', NA, 'high', 0.85, 3.8),
  f('docker-hub-token', 'Docker Hub access token', ['dckr_pat_', 'dckr_oat_'], 'dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,40}', NW, 'high', 0.95, 3.5),
  f('clojars-token', 'Clojars deploy token', ['CLOJARS_'], 'CLOJARS_[a-z0-9]{60}', NA, 'high', 0.95),
  f('jfrog-api-key', 'JFrog API key', ['AKCp'], 'AKCp[A-Za-z0-9]{69}', NA, 'high', 0.9, 4),
  f('jfrog-reference-token', 'JFrog reference token', ['cmVmd'], 'cmVmd[A-Za-z0-9]{59}', NA, 'high', 0.85, 4),

  // Monitoring, developer tools and SaaS
  f('sentry-token', 'Sentry user token', ['sntryu_'], 'sntryu_[a-f0-9]{64}', NA, 'high', 0.95),
  f('sentry-token', 'Sentry organization token', ['sntrys_eyJ'], 'sntrys_eyJ[A-Za-z0-9+/=_]{50,1024}', '(?![A-Za-z0-9+/=_])', 'high', 0.95, 4),
  f('grafana-cloud-token', 'Grafana Cloud token', ['glc_'], 'glc_[A-Za-z0-9+/]{32,400}={0,2}', NB64, 'high', 0.9, 4),
  f('grafana-service-account-token', 'Grafana service account token', ['glsa_'], 'glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}', NA, 'high', 0.95),
  f('new-relic-api-key', 'New Relic user API key', ['NRAK-'], 'NRAK-[A-Z0-9]{27}', NA, 'high', 0.95),
  f('new-relic-api-key', 'New Relic insert key', ['NRII-'], 'NRII-[A-Za-z0-9_-]{32}', NW, 'high', 0.9),
  f('postman-api-key', 'Postman API key', ['PMAK-'], 'PMAK-[a-f0-9]{24}-[a-f0-9]{34}', NA, 'high', 0.95),
  f('linear-api-key', 'Linear API key', ['lin_api_'], 'lin_api_[A-Za-z0-9]{40}', NA, 'high', 0.95, 4),
  f('notion-token', 'Notion integration token', ['ntn_'], 'ntn_[0-9]{11}[A-Za-z0-9]{35}', NA, 'high', 0.95, 4),
  f('notion-token', 'Notion integration token', ['secret_'], 'secret_[A-Za-z0-9]{43}', NA, 'high', 0.8, 4.2),
  f('figma-token', 'Figma access token', ['figd_'], 'figd_[A-Za-z0-9_-]{40,128}', NW, 'high', 0.95, 4),
  f('typeform-token', 'Typeform token', ['tfp_'], 'tfp_[A-Za-z0-9_.=-]{59}', '(?![A-Za-z0-9_.=-])', 'high', 0.9, 4),
  f('contentful-token', 'Contentful personal access token', ['CFPAT-'], 'CFPAT-[A-Za-z0-9_-]{43}', NW, 'high', 0.95, 4),
  f('prefect-api-key', 'Prefect API key', ['pnu_'], 'pnu_[A-Za-z0-9]{36}', NA, 'high', 0.9, 4),
  f('readme-api-key', 'ReadMe API key', ['rdme_'], 'rdme_[a-z0-9]{70}', NA, 'high', 0.9, 4),
  f('frameio-token', 'Frame.io token', ['fio-u-'], 'fio-u-[A-Za-z0-9_=-]{64}', '(?![A-Za-z0-9_=-])', 'high', 0.9, 4),
  f('infracost-token', 'Infracost token', ['ico-'], 'ico-[A-Za-z0-9]{32}', NA, 'high', 0.85, 4),
  f('adobe-client-secret', 'Adobe client secret', ['p8e-'], 'p8e-[A-Za-z0-9]{32}', NA, 'high', 0.9, 3.8),
  f('mapbox-secret-token', 'Mapbox secret token', ['sk.eyJ'], 'sk\\.eyJ[A-Za-z0-9_-]{20,400}\\.[A-Za-z0-9_-]{20,64}', NW, 'high', 0.95, 4),
  f('dropbox-token', 'Dropbox access token', ['sl.'], 'sl\\.(?:u\\.)?[A-Za-z0-9_-]{130,1400}', NW, 'high', 0.9, 4),
];

/**
 * Tokens printed in providers' own documentation and copied into countless tutorials; they
 * are not anyone's secret. (AWS's documented keys end in "EXAMPLE" and are caught as such.)
 */
export const DOC_EXAMPLES: ReadonlySet<string> = new Set([
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc', // Stripe API reference
  'sk_test_BQokikJOvBiI2HlWgH4olfQ2', // Stripe API reference (older)
  'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy', // Slack OAuth documentation
]);

/** Formats by their first two characters (both ASCII), each entry carrying one of its prefixes. */
export interface Entry {
  readonly format: Format;
  readonly prefix: string;
}

export const BY_FIRST_TWO: ReadonlyMap<number, readonly Entry[]> = (() => {
  const m = new Map<number, Entry[]>();
  for (const format of FORMATS) {
    for (const prefix of format.prefixes) {
      const key = (prefix.charCodeAt(0) << 7) | prefix.charCodeAt(1);
      let list = m.get(key);
      if (!list) m.set(key, (list = []));
      list.push({ format, prefix });
    }
  }
  // Longer prefixes first so "sk-ant-api0" is tried before "sk-".
  for (const list of m.values()) list.sort((a, b) => b.prefix.length - a.prefix.length);
  return m;
})();
