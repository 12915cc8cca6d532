import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RawFinding, ScanToolKind } from '@vigil/scanner-spec';
import { toParts } from '../parts.js';
import { filesScanner } from './index.js';

function scan(tool: string, kind: ScanToolKind, value: Record<string, unknown>): RawFinding[] {
  return filesScanner.scan({ stage: 'tool_input', client: 'test', tool: { name: tool, kind }, value, parts: toParts(value) }, { sensitivity: 'medium' });
}
const read = (p: string): RawFinding[] => scan('Read', 'file_read', { file_path: p });
const write = (p: string): RawFinding[] => scan('Write', 'file_write', { file_path: p, content: 'x' });
const bash = (command: string): RawFinding[] => scan('Bash', 'shell', { command, description: 'x' });
const sev = (f: RawFinding[]): string[] => f.map((x) => `${x.rule}:${x.severity}`);

test('reading private keys and cloud credentials is high, wherever home is', () => {
  for (const p of ['/home/dev/.ssh/id_rsa', '~/.ssh/id_ed25519', '/Users/Bob/.ssh/deploy_key', '/root/.ssh/id_ecdsa', 'C:\\Users\\bob\\.ssh\\id_rsa', '../../.ssh/id_rsa']) {
    assert.deepEqual(sev(read(p)), ['private-key-read:high'], p);
  }
  for (const p of ['/home/dev/.aws/credentials', '/home/dev/.config/gcloud/application_default_credentials.json', '/home/dev/.azure/msal_token_cache.json']) {
    assert.deepEqual(sev(read(p)), ['cloud-credentials-read:high'], p);
  }
  assert.deepEqual(sev(read('/home/dev/.kube/config')), ['cloud-credentials-read:high']);
  assert.deepEqual(sev(read('/home/dev/.docker/config.json')), ['cloud-credentials-read:high']);
  for (const p of ['/home/dev/.npmrc', '/home/dev/.pypirc', '/home/dev/.netrc', '/home/dev/.git-credentials', '/home/dev/.config/gh/hosts.yml']) {
    assert.deepEqual(sev(read(p)), ['credential-file-read:high'], p);
  }
  assert.deepEqual(sev(read('/etc/shadow')), ['system-secret-read:high']);
  assert.deepEqual(sev(read('/proc/self/environ')), ['system-secret-read:high']);
  assert.deepEqual(sev(read('/Users/bob/Library/Keychains/login.keychain-db')), ['keychain-read:high']);
  assert.deepEqual(sev(read('/Users/bob/Library/Application Support/Google/Chrome/Default/Login Data')), ['browser-data-read:high']);
  assert.deepEqual(sev(read('/home/dev/.mozilla/firefox/x.default/cookies.sqlite')), ['browser-data-read:high']);
  assert.deepEqual(sev(read('/home/dev/.gnupg/private-keys-v1.d/AB.key')), ['private-key-read:high']);
});

test('.env is a medium read; examples, samples and templates are nothing', () => {
  for (const p of ['/home/dev/app/.env', 'app/.env.local', '.env.production', 'config/prod.env']) assert.deepEqual(sev(read(p)), ['env-file-read:medium'], p);
  for (const p of ['.env.example', '.env.sample', '.env.template', 'src/env.ts', '.envrc.example']) assert.deepEqual(read(p), [], p);
  assert.deepEqual(write('/home/dev/app/.env'), []);
});

test('ordinary files, public keys and certificates are nothing', () => {
  for (const p of ['/home/dev/app/src/index.ts', '/home/dev/.ssh/id_rsa.pub', '/home/dev/.ssh/known_hosts', '/etc/hosts', '/etc/passwd', 'certs/ca.pem', 'fullchain.pem', 'src/auth/credentials.ts', 'README.md', '/home/dev/.gitconfig']) {
    assert.deepEqual(read(p), [], p);
  }
});

test('writing the agent\'s or Vigil\'s configuration is high', () => {
  for (const p of ['/home/dev/.claude/settings.json', '.claude/settings.local.json', '/etc/claude-code/managed-settings.json', '/home/dev/.cursor/hooks.json', '/home/dev/.codex/config.toml', '/home/dev/.codex/hooks.json', '/home/dev/.gemini/settings.json', '/home/dev/.hermes/config.yaml', '.mcp.json']) {
    assert.deepEqual(sev(write(p)), ['agent-config-write:high'], p);
  }
  for (const p of ['/home/dev/.vigil/config.json', '/home/dev/.config/vigil/spool/1.json']) assert.deepEqual(sev(write(p)), ['monitor-tamper:high'], p);
  assert.deepEqual(sev(scan('Edit', 'file_write', { file_path: '/home/dev/.claude/settings.json', old_string: 'a', new_string: 'b' })), ['agent-config-write:high']);
  assert.deepEqual(sev(read('/home/dev/.claude/settings.json')), ['agent-config-read:low']);
  assert.deepEqual(write('.claude/commands/deploy.md'), []);
  assert.deepEqual(write('.vscode/settings.json'), []);
});

test('file-tool writes to persistence places and credential stores', () => {
  assert.deepEqual(sev(write('/home/dev/.ssh/authorized_keys')), ['authorized-keys-write:high']);
  assert.deepEqual(sev(write('/etc/sudoers.d/dev')), ['sudoers-write:high']);
  assert.deepEqual(sev(write('/etc/cron.d/job')), ['system-cron-write:high']);
  assert.deepEqual(sev(write('/home/dev/.bashrc')), ['shell-rc-write:medium']);
  assert.deepEqual(sev(write('/home/dev/.ssh/config')), ['credential-file-write:high']);
  assert.deepEqual(sev(write('/home/dev/.aws/credentials')), ['credential-file-write:medium']);
});

test('Glob and Grep: listing names is low, searching contents is a read', () => {
  assert.deepEqual(sev(scan('Glob', 'file_read', { pattern: '~/.ssh/*' })), ['sensitive-path-listing:low']);
  assert.deepEqual(scan('Glob', 'file_read', { pattern: '**/.env*' }), []);
  assert.deepEqual(scan('Grep', 'file_read', { pattern: 'id_rsa', path: '/home/dev/app' }), []);
  assert.deepEqual(sev(scan('Grep', 'file_read', { pattern: 'secret', path: '/home/dev/.aws' })), ['cloud-credentials-read:high']);
  assert.deepEqual(sev(scan('LS', 'file_read', { path: '/home/dev/.ssh' })), ['sensitive-path-listing:low']);
});

test('other clients and MCP servers: path fields, file:// URLs, apply_patch, move and delete', () => {
  assert.deepEqual(sev(scan('read_file', 'file_read', { target_file: '/home/dev/.aws/credentials' })), ['cloud-credentials-read:high']);
  assert.deepEqual(sev(scan('read_many_files', 'file_read', { paths: ['src/a.ts', '/home/dev/.ssh/id_rsa'] })).length, 1);
  assert.deepEqual(sev(scan('mcp__filesystem__read_file', 'mcp', { path: '/home/dev/.docker/config.json' })), ['cloud-credentials-read:high']);
  assert.deepEqual(sev(scan('mcp__filesystem__write_file', 'mcp', { path: '/home/dev/.claude/settings.json', content: '{}' })), ['agent-config-write:high']);
  assert.ok(sev(scan('mcp__filesystem__move_file', 'mcp', { source: '/home/dev/.claude/settings.json', destination: '/tmp/x' })).includes('agent-config-write:high'));
  assert.deepEqual(sev(scan('WebFetch', 'web', { url: 'file:///home/dev/.ssh/id_rsa', prompt: 'x' })), ['private-key-read:high']);
  assert.deepEqual(scan('WebFetch', 'web', { url: 'https://example.com/.env', prompt: 'x' }), []);
  const patch = '*** Begin Patch\n*** Update File: /home/dev/.codex/config.toml\n@@\n-a\n+b\n*** End Patch';
  const f = scan('apply_patch', 'file_write', { input: patch });
  assert.deepEqual(sev(f), ['agent-config-write:high']);
  assert.equal(patch.slice(f[0]!.start, f[0]!.end), '*** Update File: /home/dev/.codex/config.toml');
});

test('shell commands: reads, writes and deletes through the shell, with the argument as span', () => {
  const text = 'cat ~/.aws/credentials';
  const f = bash(text);
  assert.deepEqual(sev(f), ['cloud-credentials-read:high']);
  assert.equal(text.slice(f[0]!.start, f[0]!.end), '~/.aws/credentials');
  assert.deepEqual(sev(bash('cp ~/.ssh/id_rsa /tmp/k')), ['private-key-read:high']);
  assert.deepEqual(sev(bash('grep -i password .env')), ['env-file-read:medium']);
  assert.deepEqual(sev(bash("sed -i '/hooks/d' ~/.claude/settings.json")), ['agent-config-write:high']);
  assert.deepEqual(sev(bash('rm -rf ~/.vigil')), ['monitor-tamper:high']);
  assert.deepEqual(sev(bash('echo {} > .claude/settings.local.json')), ['agent-config-write:high']);
  assert.deepEqual(sev(bash('cd ~/.ssh && cat id_rsa')), ['private-key-read:high']);
  assert.deepEqual(sev(bash("jq '.hooks = {}' ~/.claude/settings.json | sponge ~/.claude/settings.json")), ['agent-config-read:low', 'agent-config-write:high']);
  assert.deepEqual(sev(bash("python3 -c \"import json;p='/home/u/.claude/settings.json';json.dump({},open(p,'w'))\"")), ['agent-config-write:high']);
});

test('using a key or config is not reading it', () => {
  for (const c of ['ssh -i ~/.ssh/id_rsa host', 'ssh-add ~/.ssh/id_ed25519', 'chmod 600 ~/.ssh/id_rsa', 'kubectl --kubeconfig ~/.kube/config get pods', 'docker run --env-file .env app', 'source .env', 'git rm --cached .env', 'echo ".env" >> .gitignore', 'ls ~/.aws', 'scp -i ~/.ssh/deploy build.tgz host:/tmp/', 'cat .env.example', 'cp .env.example .env']) {
    assert.deepEqual(bash(c).filter((f) => f.confidence >= 0.5), [], c);
  }
});

test('Codex argv arrays point at the element holding the path', () => {
  const f = scan('shell', 'shell', { command: ['cat', '/home/u/.ssh/id_rsa'] });
  assert.deepEqual(f.map((x) => [x.rule, x.path, x.start, x.end]), [['private-key-read', 'command.1', 0, 19]]);
});

test('only tool inputs are scanned', () => {
  const value = { file_path: '/home/dev/.ssh/id_rsa' };
  assert.deepEqual(filesScanner.scan({ stage: 'tool_output', client: 't', tool: { name: 'Read', kind: 'file_read' }, value, parts: toParts(value) }, { sensitivity: 'medium' }), []);
});

test('1 MB hostile inputs finish quickly', () => {
  const M = 1 << 20;
  for (const t of ['~/.ssh/id_rsa '.repeat(M / 14), `cat ${'../'.repeat(M / 3)}.env`, '/'.repeat(M), `python3 -c "${"'~/.aws/credentials' ".repeat(M / 22)}"`]) {
    const s = performance.now();
    bash(t);
    read(t);
    const ms = performance.now() - s;
    assert.ok(ms < 500, `${ms.toFixed(0)} ms for ${JSON.stringify(t.slice(0, 20))}…`);
  }
});
