// Writes eval/corpora/secrets/formats.jsonl: every provider format in two or three realistic
// contexts (env files, shell, YAML, JSON, code, curl, logs, prose). Secrets are markers
// ({{g:kind}}) materialized by tokens.ts at evaluation time. Run after editing:
//   npx tsc -b eval && node eval/dist/secrets/build-corpus.js
import { writeFileSync } from 'node:fs';
import { corpus } from '../datasets.js';
import { KINDS } from './tokens.js';

interface Meta {
  /** Environment variable the secret usually lives in. */
  env: string;
  /** Service name for URLs and client classes. */
  svc: string;
  /** Detectable without a name next to it (prefix or structure of its own). */
  bare: boolean;
  /** Extra template ids that fit this kind (git URLs for code hosts, .npmrc for npm...). */
  extra?: string[];
}

const M = (env: string, svc: string, bare = true, extra?: string[]): Meta => ({ env, svc, bare, ...(extra ? { extra } : {}) });

const META: Record<string, Meta> = {
  'aws-access-key-id': M('AWS_ACCESS_KEY_ID', 'aws'),
  'aws-sts-key-id': M('AWS_ACCESS_KEY_ID', 'aws'),
  'aws-secret-access-key': M('AWS_SECRET_ACCESS_KEY', 'aws', false, ['aws-credentials']),
  'aws-session-token': M('AWS_SESSION_TOKEN', 'aws', false),
  'gcp-api-key': M('GOOGLE_API_KEY', 'googleapis', true, ['query-key']),
  'gcp-oauth-client-secret': M('GOOGLE_CLIENT_SECRET', 'google'),
  'google-oauth-access-token': M('GOOGLE_ACCESS_TOKEN', 'googleapis'),
  'azure-ad-client-secret': M('AZURE_CLIENT_SECRET', 'azure'),
  'azure-storage-account-key': M('AZURE_STORAGE_ACCOUNT_KEY', 'azure', false, ['azure-conn']),
  'digitalocean-pat': M('DIGITALOCEAN_TOKEN', 'digitalocean'),
  'digitalocean-oauth-token': M('DO_OAUTH_TOKEN', 'digitalocean'),
  'heroku-api-key': M('HEROKU_API_KEY', 'heroku'),
  'heroku-api-key-uuid': M('HEROKU_API_KEY', 'heroku', false),
  'alibaba-access-key-id': M('ALIBABA_CLOUD_ACCESS_KEY_ID', 'aliyun'),
  'tencent-cloud-secret-id': M('TENCENTCLOUD_SECRET_ID', 'tencentcloud'),
  'cloudflare-origin-ca-key': M('CF_ORIGIN_CA_KEY', 'cloudflare'),
  'flyio-token': M('FLY_API_TOKEN', 'fly'),
  'flyio-macaroon': M('FLY_API_TOKEN', 'fly'),
  'vercel-token': M('VERCEL_TOKEN', 'vercel'),
  'netlify-token': M('NETLIFY_AUTH_TOKEN', 'netlify'),
  'render-api-key': M('RENDER_API_KEY', 'render'),
  'supabase-pat': M('SUPABASE_ACCESS_TOKEN', 'supabase'),
  'supabase-secret': M('SUPABASE_SECRET_KEY', 'supabase'),
  'pulumi-access-token': M('PULUMI_ACCESS_TOKEN', 'pulumi'),
  'vault-token': M('VAULT_TOKEN', 'vault'),
  'vault-batch-token': M('VAULT_TOKEN', 'vault'),
  'doppler-token': M('DOPPLER_TOKEN', 'doppler'),
  'doppler-service-token': M('DOPPLER_TOKEN', 'doppler'),
  '1password-service-account-token': M('OP_SERVICE_ACCOUNT_TOKEN', '1password'),
  '1password-secret-key': M('OP_SECRET_KEY', '1password'),
  'age-secret-key': M('SOPS_AGE_KEY', 'sops'),
  'databricks-token': M('DATABRICKS_TOKEN', 'databricks'),
  'planetscale-password': M('PLANETSCALE_PASSWORD', 'planetscale'),
  'planetscale-token': M('PLANETSCALE_SERVICE_TOKEN', 'planetscale'),
  'scalingo-token': M('SCALINGO_API_TOKEN', 'scalingo'),
  'tailscale-key': M('TS_AUTHKEY', 'tailscale'),
  'dynatrace-token': M('DT_API_TOKEN', 'dynatrace'),
  'terraform-cloud-token': M('TF_TOKEN_app_terraform_io', 'terraform'),
  'github-pat': M('GITHUB_TOKEN', 'github', true, ['git-url']),
  'github-oauth-token': M('GH_TOKEN', 'github'),
  'github-user-token': M('GITHUB_USER_TOKEN', 'github'),
  'github-app-token': M('GITHUB_TOKEN', 'github', true, ['git-url']),
  'github-refresh-token': M('GITHUB_REFRESH_TOKEN', 'github'),
  'github-fine-grained-pat': M('GITHUB_PAT', 'github', true, ['git-url']),
  'gitlab-pat': M('GITLAB_TOKEN', 'gitlab', true, ['git-url']),
  'gitlab-deploy-token': M('CI_DEPLOY_PASSWORD', 'gitlab'),
  'gitlab-runner-token': M('RUNNER_TOKEN', 'gitlab'),
  'gitlab-runner-registration': M('REGISTRATION_TOKEN', 'gitlab'),
  'gitlab-pipeline-trigger-token': M('TRIGGER_TOKEN', 'gitlab'),
  'gitlab-feed-token': M('GITLAB_FEED_TOKEN', 'gitlab'),
  'gitlab-oauth-secret': M('GITLAB_OAUTH_SECRET', 'gitlab'),
  'gitlab-agent-token': M('AGENT_TOKEN', 'gitlab'),
  'bitbucket-app-password': M('BITBUCKET_APP_PASSWORD', 'bitbucket'),
  'atlassian-api-token': M('JIRA_API_TOKEN', 'atlassian'),
  'sourcegraph-token': M('SRC_ACCESS_TOKEN', 'sourcegraph'),
  'circleci-token': M('CIRCLECI_TOKEN', 'circleci'),
  'buildkite-token': M('BUILDKITE_API_TOKEN', 'buildkite'),
  'sonarqube-token': M('SONAR_TOKEN', 'sonarqube'),
  'huggingface-token': M('HF_TOKEN', 'huggingface'),
  'slack-bot-token': M('SLACK_BOT_TOKEN', 'slack'),
  'slack-user-token': M('SLACK_USER_TOKEN', 'slack'),
  'slack-app-token': M('SLACK_APP_TOKEN', 'slack'),
  'slack-config-token': M('SLACK_CONFIG_TOKEN', 'slack'),
  'discord-bot-token': M('DISCORD_BOT_TOKEN', 'discord', false),
  'telegram-bot-token': M('TELEGRAM_BOT_TOKEN', 'telegram'),
  'twilio-api-key': M('TWILIO_API_KEY', 'twilio'),
  'twilio-auth-token': M('TWILIO_AUTH_TOKEN', 'twilio', false),
  'sendgrid-api-key': M('SENDGRID_API_KEY', 'sendgrid'),
  'mailgun-api-key': M('MAILGUN_API_KEY', 'mailgun'),
  'mailchimp-api-key': M('MAILCHIMP_API_KEY', 'mailchimp', false),
  'brevo-api-key': M('BREVO_API_KEY', 'brevo'),
  'stripe-secret-key': M('STRIPE_SECRET_KEY', 'stripe'),
  'stripe-test-secret-key': M('STRIPE_SECRET_KEY', 'stripe'),
  'stripe-restricted-key': M('STRIPE_API_KEY', 'stripe'),
  'stripe-webhook-secret': M('STRIPE_WEBHOOK_SECRET', 'stripe'),
  'square-access-token': M('SQUARE_ACCESS_TOKEN', 'squareup'),
  'square-oauth-secret': M('SQUARE_APPLICATION_SECRET', 'squareup'),
  'braintree-access-token': M('BRAINTREE_ACCESS_TOKEN', 'braintree'),
  'flutterwave-secret-key': M('FLW_SECRET_KEY', 'flutterwave'),
  'shopify-access-token': M('SHOPIFY_ACCESS_TOKEN', 'shopify'),
  'shopify-shared-secret': M('SHOPIFY_API_SECRET', 'shopify'),
  'shopify-private-app-token': M('SHOPIFY_PASSWORD', 'shopify'),
  'plaid-access-token': M('PLAID_ACCESS_TOKEN', 'plaid'),
  'shippo-token': M('SHIPPO_API_KEY', 'shippo'),
  'easypost-api-key': M('EASYPOST_API_KEY', 'easypost'),
  'duffel-token': M('DUFFEL_ACCESS_TOKEN', 'duffel'),
  'facebook-access-token': M('FACEBOOK_ACCESS_TOKEN', 'facebook'),
  'anthropic-api-key': M('ANTHROPIC_API_KEY', 'anthropic'),
  'anthropic-admin-key': M('ANTHROPIC_ADMIN_KEY', 'anthropic'),
  'anthropic-oauth-token': M('CLAUDE_CODE_OAUTH_TOKEN', 'anthropic'),
  'openai-api-key': M('OPENAI_API_KEY', 'openai'),
  'openai-legacy-key': M('OPENAI_API_KEY', 'openai'),
  'openai-svcacct-key': M('OPENAI_API_KEY', 'openai'),
  'openrouter-api-key': M('OPENROUTER_API_KEY', 'openrouter'),
  'groq-api-key': M('GROQ_API_KEY', 'groq'),
  'perplexity-api-key': M('PERPLEXITY_API_KEY', 'perplexity'),
  'xai-api-key': M('XAI_API_KEY', 'x'),
  'replicate-api-token': M('REPLICATE_API_TOKEN', 'replicate'),
  'langsmith-api-key': M('LANGSMITH_API_KEY', 'smith.langchain'),
  'pinecone-api-key': M('PINECONE_API_KEY', 'pinecone'),
  'npm-token': M('NPM_TOKEN', 'npmjs', true, ['npmrc']),
  'pypi-token': M('TWINE_PASSWORD', 'pypi', true, ['pypirc']),
  'rubygems-api-key': M('GEM_HOST_API_KEY', 'rubygems'),
  'nuget-api-key': M('NUGET_API_KEY', 'nuget'),
  'docker-hub-token': M('DOCKERHUB_TOKEN', 'docker', true, ['docker-login']),
  'clojars-token': M('CLOJARS_PASSWORD', 'clojars'),
  'jfrog-api-key': M('ARTIFACTORY_API_KEY', 'jfrog'),
  'jfrog-reference-token': M('JFROG_ACCESS_TOKEN', 'jfrog'),
  'sentry-user-token': M('SENTRY_AUTH_TOKEN', 'sentry'),
  'sentry-org-token': M('SENTRY_AUTH_TOKEN', 'sentry'),
  'grafana-cloud-token': M('GRAFANA_CLOUD_TOKEN', 'grafana'),
  'grafana-service-account-token': M('GRAFANA_TOKEN', 'grafana'),
  'grafana-api-key': M('GRAFANA_API_KEY', 'grafana'),
  'new-relic-api-key': M('NEW_RELIC_API_KEY', 'newrelic'),
  'datadog-api-key': M('DD_API_KEY', 'datadoghq', false),
  'postman-api-key': M('POSTMAN_API_KEY', 'getpostman'),
  'linear-api-key': M('LINEAR_API_KEY', 'linear'),
  'notion-token': M('NOTION_TOKEN', 'notion'),
  'figma-token': M('FIGMA_TOKEN', 'figma'),
  'typeform-token': M('TYPEFORM_TOKEN', 'typeform'),
  'contentful-token': M('CONTENTFUL_MANAGEMENT_TOKEN', 'contentful'),
  'prefect-api-key': M('PREFECT_API_KEY', 'prefect'),
  'readme-api-key': M('README_API_KEY', 'readme'),
  'frameio-token': M('FRAMEIO_TOKEN', 'frame'),
  'infracost-token': M('INFRACOST_API_KEY', 'infracost'),
  'adobe-client-secret': M('ADOBE_CLIENT_SECRET', 'adobe'),
  'mapbox-secret-token': M('MAPBOX_SECRET_TOKEN', 'mapbox'),
  'dropbox-token': M('DROPBOX_ACCESS_TOKEN', 'dropbox'),
};

// Contexts. {N} env name, {n} lower snake name, {c} camelCase name, {S} service, {V} the secret.
const NAMED: Record<string, string> = {
  env: '# {S} credentials\n{N}={V}\nLOG_LEVEL=info\nPORT=8080\n',
  export: 'export {N}="{V}"\nnpm run deploy\n',
  yaml: 'services:\n  worker:\n    image: acme/worker:1.4.2\n    environment:\n      - {N}={V}\n      - NODE_ENV=production\n',
  json: '{\n  "name": "acme-sync",\n  "{c}": "{V}",\n  "region": "eu-west-1",\n  "retries": 3\n}\n',
  python: 'import os\nfrom {s} import Client\n\nclient = Client({n}="{V}", timeout=30)\nprint(client.ping())\n',
  js: "import { Client } from '@acme/{s}';\n\nconst client = new Client({ {c}: '{V}', retries: 2 });\nawait client.connect();\n",
  docker: 'docker run --rm -e {N}={V} -v $(pwd):/app acme/{s}-cli:latest sync --all',
  actions: 'jobs:\n  release:\n    runs-on: ubuntu-latest\n    env:\n      {N}: {V}\n    steps:\n      - uses: actions/checkout@v4\n',
  tf: 'provider "{s}" {\n  token  = "{V}"\n  region = "us-east-1"\n}\n',
  toml: '[{s}]\n{n} = "{V}"\nendpoint = "https://api.{s}.com"\n',
  bashout: '{"stdout":"{N}={V}\\nHOME=/home/dev\\nSHELL=/bin/bash\\n","stderr":"","interrupted":false}',
  curl: 'curl -sS -H "Authorization: Bearer {V}" -H "Content-Type: application/json" https://api.{s}.com/v1/projects',
  header: "curl -H 'X-Api-Key: {V}' 'https://api.{s}.com/v2/items?limit=50'",
};
const BARE: Record<string, string> = {
  log: '2024-06-01T10:22:31.118Z DEBUG http client: retrying request to https://api.{S}.com with credential {V} (attempt 2/5)',
  prose: 'I pasted {V} into the settings page but the {S} integration still says unauthorized. What am I missing?',
  table: '| service | credential | owner |\n|---|---|---|\n| {S} | {V} | platform-team |',
};
const EXTRA: Record<string, string> = {
  'git-url': 'git remote set-url origin https://x-access-token:{V}@github.com/acme/platform.git && git push origin main',
  npmrc: '//registry.npmjs.org/:_authToken={V}\n@acme:registry=https://npm.pkg.github.com\n',
  pypirc: '[pypi]\n  username = __token__\n  password = {V}\n',
  'docker-login': 'echo "{V}" | docker login -u acmebot --password-stdin',
  'aws-credentials': '[default]\naws_access_key_id = {{g:aws-access-key-id}}\naws_secret_access_key = {V}\nregion = us-east-1\n',
  'azure-conn': 'AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey={V};EndpointSuffix=core.windows.net"',
  'query-key': 'fetch(`https://maps.googleapis.com/maps/api/geocode/json?address=${encodeURIComponent(addr)}&key={V}`)',
};

function camel(env: string): string {
  const parts = env.toLowerCase().split('_').filter(Boolean);
  return parts.map((p, i) => (i === 0 ? p : p[0]!.toUpperCase() + p.slice(1))).join('');
}

interface Row {
  id: string;
  context: string;
  text: string;
}

function fill(tpl: string, kind: string, meta: Meta): string {
  const svc = meta.svc.replace(/[^a-z0-9]/g, '');
  return tpl
    .replaceAll('{N}', meta.env)
    .replaceAll('{n}', meta.env.toLowerCase())
    .replaceAll('{c}', camel(meta.env))
    .replaceAll('{S}', meta.svc)
    .replaceAll('{s}', svc)
    .replaceAll('{V}', `{{g:${kind}}}`);
}

const rows: Row[] = [];
const named = Object.keys(NAMED);
const bare = Object.keys(BARE);
let i = 0;
for (const kind of Object.keys(META)) {
  const meta = META[kind]!;
  if (!KINDS[kind]?.rule) throw new Error(`no generator for ${kind}`);
  // Two named contexts, rotating so every template is used with many formats. Formats
  // recognised only by their name stay out of contexts that give them none.
  const pool = meta.bare ? named : named.filter((n) => n !== 'curl' && n !== 'header');
  const picks = [pool[i % pool.length]!, pool[(i * 5 + 3) % pool.length]!];
  if (picks[0] === picks[1]) picks[1] = pool[(i + 1) % pool.length]!;
  i++;
  for (const p of picks) rows.push({ id: `${kind}/${p}`, context: p, text: fill(NAMED[p]!, kind, meta) });
  if (meta.bare) {
    const b = bare[i % bare.length]!;
    rows.push({ id: `${kind}/${b}`, context: b, text: fill(BARE[b]!, kind, meta) });
  }
  for (const x of meta.extra ?? []) rows.push({ id: `${kind}/${x}`, context: x, text: fill(EXTRA[x]!, kind, meta) });
}

writeFileSync(corpus('secrets/formats.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
process.stdout.write(`wrote ${rows.length} cases for ${Object.keys(META).length} formats\n`);
