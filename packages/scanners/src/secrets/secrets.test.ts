import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RawFinding, ScanPart, Sensitivity } from '@vigil/scanner-spec';
import { base62, crc32 } from './checksum.js';
import { FORMATS } from './formats.js';
import { secretsScanner, warmSecrets } from './index.js';

// Test secrets are assembled at run time so no literal credential sits in the source.
const BODY = 'aB3dE5fG7hJ9kL1mN3pQ5rS7tV9wX1';
const ghp = (body = BODY): string => `ghp_${body}${base62(crc32(body, 0, 30), 6)}`;
const AKIA = 'AKIA' + 'Q3VZ7XK2MB4TN6WP';

function scan(text: string | ScanPart[], sensitivity: Sensitivity = 'medium'): RawFinding[] {
  const parts = typeof text === 'string' ? [{ path: '', text }] : text;
  return secretsScanner.scan({ stage: 'tool_output', client: 'test', parts }, { sensitivity });
}

function spans(text: string, sensitivity: Sensitivity = 'medium'): string[] {
  return scan(text, sensitivity)
    .filter((f) => f.confidence >= 0.5)
    .map((f) => `${f.rule}:${text.slice(f.start, f.end)}`);
}

test('contract: id, stages, every finding maskable with a message that never echoes the secret', () => {
  assert.equal(secretsScanner.id, 'secrets');
  assert.deepEqual([...secretsScanner.stages], ['prompt', 'tool_input', 'tool_output', 'response']);
  const token = ghp();
  const text = `GITHUB_TOKEN=${token}\npassword: "Zq8#mP2vL9xW"\npostgres://app:Tq7!wZ3kLp@db/app`;
  const found = scan(text);
  assert.equal(found.length, 3);
  for (const f of found) {
    assert.equal(f.maskable, true);
    assert.ok(!f.message.includes(text.slice(f.start, f.end)), f.message);
  }
});

test('GitHub and npm tokens: a valid CRC32 checksum is near-certain, a look-alike is not reported at medium', () => {
  const token = ghp();
  const [good] = scan(`export GH=${token}`);
  assert.equal(good?.rule, 'github-pat');
  assert.equal(good?.confidence, 0.98);
  const fake = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
  const [bad] = scan(`export GH=${fake}`, 'high');
  assert.equal(bad?.rule, 'github-pat');
  assert.ok(bad!.confidence < 0.5);
  const npm = `npm_${BODY}${base62(crc32(BODY, 0, 30), 6)}`;
  assert.deepEqual(spans(`//registry.npmjs.org/:_authToken=${npm}`), [`npm-token:${npm}`]);
});

test('spans cover exactly the secret value, not the name or quotes', () => {
  const token = ghp();
  for (const text of [`GITHUB_TOKEN=${token}`, `"token": "${token}"`, `token: '${token}'`, `curl -H "Authorization: Bearer ${token}"`]) {
    assert.deepEqual(spans(text), [`github-pat:${token}`], text);
  }
  assert.deepEqual(spans('client_secret = "a8Fk2LmQ9xZ7pR4tW1vB6nC3"'), ['generic-secret-assignment:a8Fk2LmQ9xZ7pR4tW1vB6nC3']);
});

test('AWS: key ids by prefix, secret keys by name, the documented EXAMPLE keys ignored', () => {
  const secret = 'wJ8rT2nB5xKq9LmZ3vP7sD1fG4hY6uE0aC8oI2tN';
  assert.deepEqual(spans(`aws_access_key_id = ${AKIA}\naws_secret_access_key = ${secret}`), [`aws-access-key-id:${AKIA}`, `aws-secret-access-key:${secret}`]);
  assert.deepEqual(spans('AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'), []);
});

test('provider prefixes without a name next to them', () => {
  const ant = `sk-ant-api03-${'Ab3De5Fg7Hj9Kl1Mn3Pq5Rs7Tv9Wx1Yz3'.repeat(3)}AAAA`.slice(0, 13 + 93) + 'AA';
  assert.deepEqual(spans(`the key is ${ant} and it fails`), [`anthropic-api-key:${ant}`]);
  const slack = ['xoxb', '384910275563', '5093817264402', 'Ab3De5Fg7Hj9Kl1Mn3Pq5Rs7'].join('-');
  assert.deepEqual(spans(`token ${slack}`), [`slack-bot-token:${slack}`]);
  const stripe = 'sk_live_' + '51Hx7Ab3De5Fg7Hj9Kl1Mn3Pq5Rs';
  assert.deepEqual(spans(`stripe ${stripe}.`), [`stripe-secret-key:${stripe}`]);
});

test('placeholders, references and documentation values are not secrets', () => {
  const texts = [
    'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    'OPENAI_API_KEY=sk-...\nAPI_KEY=<your-api-key>\nSECRET=${SECRET}\nDB_PASSWORD=changeme',
    'token = os.environ["GITHUB_TOKEN"]\nconst secret = process.env.JWT_SECRET;',
    'password: "********"\napi_key: null\ntoken: ""',
    'env:\n  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}',
    'curl -H "Authorization: Bearer $TOKEN" https://api.example.com',
    'postgres://user:password@localhost:5432/app and redis://:${REDIS_PASSWORD}@cache:6379',
    'curl https://api.stripe.com/v1/customers -u sk_test_4eC39HqLyjWDarjtT1zdp7dc:',
  ];
  for (const t of texts) assert.deepEqual(spans(t), [], t);
});

test('hashes, ids and encoded data are not secrets unless a secret name holds them', () => {
  const sha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  const texts = [
    `"integrity": "sha512-${'Qx8SYgn+zMjTYdXRH+MJkKa4rZtJxvYa6vhWq8fzj3dKXGpqDi2TWxnmEQ3n2tKQ7hWfXBBm4dUxrR4zMZ9eAw'}=="`,
    `commit 3f2a9c1b7e4d8a6f0c2e5b9d1a3c7e8f0b2d4a6c\nMerge: 3f2a9c1 8b7d6e4`,
    `"id": "9b2f6c1e-3d4a-4f8b-9c2d-7e1a5b3c9d0f", "checksum": "${sha}"`,
    `<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==">`,
    '-----BEGIN CERTIFICATE-----\n' + 'MIIBszCCAVmgAwIBAgIUJx0sDg4'.repeat(6) + '\n-----END CERTIFICATE-----',
    'const txHash = "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060";',
    '{"nextPageToken": "CiAKGjBpNDd2Nmp2Zml2cXRjbjBqdDY3aGN4bWxpEgIIAQ"}',
  ];
  for (const t of texts) assert.deepEqual(spans(t), [], t);
  assert.deepEqual(spans(`SESSION_SECRET=${sha}`), [`generic-secret-assignment:${sha}`]);
});

test('private keys: the body between BEGIN and END, also JSON-escaped or cut off', () => {
  const body = 'MIIEowIBAAKCAQEA7Vx9ZbU4QyX1n0sY2yM8qL3rT6wP9aJ5dK2hF7gC4bN1mV8x\nZ3qR0tY6uI9oP2lK5jH8gF1dS4aQ7wE0rT3yU6iO9pL2kJ5hG8fD1sA4zX7cV0bN';
  const pem = `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`;
  assert.deepEqual(spans(`$ cat id_rsa\n${pem}\n`), [`private-key:${body}`]);
  const escaped = `{"private_key": "-----BEGIN PRIVATE KEY-----\\n${body.replace('\n', '\\n')}\\n-----END PRIVATE KEY-----\\n"}`;
  assert.deepEqual(spans(escaped), [`private-key:${body.replace('\n', '\\n')}`]);
  const cut = `-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n${body}\n${body}`;
  assert.equal(spans(cut).length, 1);
  assert.deepEqual(spans('-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----'), []);
});

test('JWTs need a JSON header naming an algorithm; the jwt.io example is not reported', () => {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const jwt = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ sub: 'u-123', iat: 1718000000 })}.${'Sf1Kxw_RJSMeKKF2QT4fwpMeJf36POk6yJV'}`;
  assert.deepEqual(spans(`Authorization: Bearer ${jwt}`), [`jwt:${jwt}`]);
  assert.deepEqual(spans('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'), []);
});

test('credentials in URLs, connection strings, headers and command lines', () => {
  assert.deepEqual(spans('DATABASE_URL=postgres://app:Zq8#mP2vL9x@db.internal:5432/app'), ['connection-string-password:Zq8#mP2vL9x']);
  assert.deepEqual(spans('git clone https://jdoe:Tq7!wZ3kLp@git.acme.dev/x.git'), ['url-password:Tq7!wZ3kLp']);
  assert.deepEqual(spans('Server=tcp:db;Database=x;User ID=app;Password=Kx9!vB2mQ7z;Encrypt=True'), ['connection-string-password:Kx9!vB2mQ7z']);
  const basic = Buffer.from('admin:S3cr3tPa55!x').toString('base64');
  assert.deepEqual(spans(`Authorization: Basic ${basic}`), [`basic-auth-header:${basic}`]);
  assert.deepEqual(spans('curl -u deploy:Hq4#nV8xLz2 https://ci.acme.dev'), ['command-line-password:Hq4#nV8xLz2']);
  assert.deepEqual(spans('mysql -h db -u root -pHq4nV8xLz2w -e "select 1"'), ['command-line-password:Hq4nV8xLz2w']);
  assert.deepEqual(spans('ssh -p 2222 host && mkdir -p out && docker run -p 8080:80 nginx && git push -u origin main'), []);
  assert.deepEqual(spans('proxy_pass http://api:8080@edge;'), []);
});

test('generic assignments: random values under secret names only, in many syntaxes', () => {
  const v = 'a8Fk2LmQ9xZ7pR4tW1vB6nC3';
  for (const text of [`APP_SECRET=${v}`, `"apiKey": "${v}"`, `api_key: ${v}`, `<password>${v}</password>`, `--api-key ${v}`, `$env:API_TOKEN = "${v}"`, `'password' => '${v}',`]) {
    assert.deepEqual(spans(text), [`generic-secret-assignment:${v}`], text);
  }
  for (const text of [`cache_key = "${v}"`, `token_type: Bearer`, `max_tokens: 4096`, `secret_name: api-signing-key`, `password: String!`, `const password = result.groups?.password;`, `"Unexpected_token_1012": "Jeton inattendu."`, `secret: 'SHOULD_BE_STRIPPED'`]) {
    assert.deepEqual(spans(text), [], text);
  }
});

test('sensitivity low keeps only near-certain findings; parts keep their path', () => {
  const token = ghp();
  const parts = [{ path: 'command', text: `deploy --token ${token}` }, { path: 'description', text: 'APP_SECRET=a8Fk2LmQ9xZ7pR4tW1vB6nC3' }];
  const low = scan(parts, 'low');
  assert.deepEqual(low.map((f) => [f.path, f.rule]), [['command', 'github-pat']]);
  const medium = scan(parts, 'medium');
  assert.deepEqual(medium.map((f) => [f.path, f.rule]), [['command', 'github-pat'], ['description', 'generic-secret-assignment']]);
});

test('deterministic: the same input gives the same findings, warmed up or not', () => {
  const text = `x=${ghp()} and postgres://a:Zq8#mP2vL9x@h/db and APP_SECRET=a8Fk2LmQ9xZ7pR4tW1vB6nC3`;
  const before = scan(text);
  warmSecrets();
  assert.deepEqual(scan(text), before);
});

test('the format table: at least 80 formats, ids kebab-case, every regex sticky', () => {
  const special = ['private-key', 'jwt', 'connection-string-password', 'url-password', 'generic-secret-assignment', 'aws-secret-access-key', 'aws-session-token', 'azure-ad-client-secret', 'azure-storage-account-key', 'azure-sas-token', 'telegram-bot-token', 'terraform-cloud-token', 'grafana-api-key', 'slack-webhook-url', 'discord-webhook-url', 'teams-webhook-url', 'discord-bot-token', 'mailchimp-api-key', 'twilio-auth-token', 'datadog-api-key', 'bearer-token', 'basic-auth-header', 'command-line-password'];
  const ids = new Set([...FORMATS.map((f) => f.id), ...special]);
  assert.ok(FORMATS.length >= 80, `${FORMATS.length} prefixed formats`);
  assert.ok(ids.size >= 100, `${ids.size} rule ids`);
  for (const f of FORMATS) {
    assert.match(f.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    assert.ok(f.re.sticky, f.id);
    assert.ok(f.prefixes.every((p) => p.length >= 2), f.id);
  }
});
