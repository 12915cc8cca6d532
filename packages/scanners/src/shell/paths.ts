// Path normalisation and classification of the files that matter for security: credential
// stores, the agent's own configuration, and places that make code run later (persistence).
// Matching is by path segments, so ~/.ssh/id_rsa, /home/dev/.ssh/id_rsa and ../../.ssh/id_rsa agree.

export type PathClass =
  | 'ssh-private-key' | 'ssh-config' | 'authorized-keys' | 'gpg-private' | 'private-key-file'
  | 'cloud-credentials' | 'cloud-config' | 'kube-config' | 'docker-config' | 'token-file' | 'project-npmrc'
  | 'env-file' | 'browser-data' | 'keychain' | 'system-secret' | 'process-env' | 'shell-history'
  | 'agent-config' | 'monitor-config'
  | 'shell-rc' | 'system-profile' | 'cron' | 'systemd-unit' | 'launchd' | 'autostart' | 'git-hook'
  | 'sudoers' | 'system-account' | 'ld-preload' | 'auth-config';

export interface PathInfo {
  cls: PathClass;
  /** Short human name, never the path's secret contents. */
  label: string;
}

const MAX_PATH = 4096;

/**
 * Lowercased, forward slashes, home written as "~" (from ~, ~user, $HOME, ${HOME}, /home/<u>,
 * /Users/<u>, /root, C:\Users\<u>, %USERPROFILE%), "." and ".." resolved lexically.
 * Relative paths stay relative (or join `cwd`). Undefined for things that are not paths.
 */
export function normalizePath(raw: string, cwd?: string): string | undefined {
  if (raw.length === 0 || raw.length > MAX_PATH) return undefined;
  let p = raw;
  if (p.startsWith('file://')) p = decodeURIComponentSafe(p.slice(7));
  else if (p.indexOf('://') >= 0) return undefined;
  if (p.indexOf('\n') >= 0) return undefined;
  p = p.replace(/\\/g, '/').toLowerCase();
  if (p.startsWith('"') && p.endsWith('"') && p.length >= 2) p = p.slice(1, -1);
  // Home forms.
  p = p.replace(/^(?:\$\{home\}|\$home|\$\{userprofile\}|\$userprofile|%userprofile%|%homepath%|\$env:userprofile|\$env:home)(?=\/|$)/, '~');
  p = p.replace(/^~[a-z0-9._-]{1,64}(?=\/|$)/, '~');
  p = p.replace(/^(?:[a-z]:)?\/(?:home|users)\/[^/]{1,64}(?=\/|$)/, '~');
  p = p.replace(/^\/root(?=\/|$)/, '~');
  p = p.replace(/^\/private\/(?=etc\/|var\/)/, '/');
  if (cwd !== undefined && !p.startsWith('/') && !p.startsWith('~')) {
    const c = normalizePath(cwd);
    if (c !== undefined) p = `${c}/${p}`;
  }
  return resolveDots(p);
}

function decodeURIComponentSafe(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

function resolveDots(p: string): string {
  const abs = p.startsWith('/');
  const segs = p.split('/');
  const out: string[] = [];
  for (const s of segs) {
    if (s === '' || s === '.') continue;
    if (s === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..' && out[out.length - 1] !== '~') out.pop();
      else if (!abs) out.push('..');
      continue;
    }
    out.push(s);
  }
  const j = out.join('/');
  return abs ? `/${j}` : j === '' ? '.' : j;
}

const GLOB = /[*?[]/;
const SSH_PUBLIC = new Set(['known_hosts', 'known_hosts.old', 'config', 'authorized_keys', 'authorized_keys2', 'environment', 'rc', 'agent', 'sockets', 'control', 'cm_socket']);
const SSH_KEY_NAMES = /^(?:id_(?:rsa|dsa|ecdsa|ed25519|ecdsa_sk|ed25519_sk|xmss)|identity)$/;
const ENV_SAFE = /^(?:example|sample|template|dist|defaults?|schema|tpl|skel|example\.local|local\.example)$/;
const RC_FILES = new Set(['.bashrc', '.bash_profile', '.bash_login', '.bash_logout', '.profile', '.zshrc', '.zprofile', '.zshenv', '.zlogin', '.zlogout', '.kshrc', '.mkshrc', '.cshrc', '.tcshrc', '.login']);
const HISTORY = new Set(['.bash_history', '.zsh_history', '.zhistory', '.sh_history', '.history', '.python_history', '.node_repl_history', '.psql_history', '.mysql_history', '.sqlite_history', '.rediscli_history', '.irb_history', 'fish_history', '.lesshst']);
const TOKEN_FILES = new Set(['.netrc', '_netrc', '.git-credentials', '.pypirc', '.pgpass', '.my.cnf', '.vault-token', '.boto', '.s3cfg', '.terraformrc', 'credentials.tfrc.json', '.dockercfg', '.gem/credentials', '.cargo/credentials', '.cargo/credentials.toml', 'gh/hosts.yml', '.config/hub', 'composer/auth.json', '.composer/auth.json', '.m2/settings-security.xml', '.m2/settings.xml', '.gradle/gradle.properties', '.config/op/config', '.databrickscfg', '.snowsql/config', '.config/heroku/credentials', '.heroku/credentials', '.wrangler/config/default.toml', 'application_default_credentials.json', 'credentials.json', 'service-account.json', 'service_account.json', 'serviceaccount.json', 'client_secret.json', '.huggingface/token', 'huggingface/token', '.config/gcloud/credentials.db']);
const BROWSER_ROOTS = ['google/chrome', 'google-chrome', 'chromium', 'bravesoftware', 'microsoft edge', 'microsoft/edge', 'microsoft-edge', 'vivaldi', 'opera software', 'com.operasoftware', 'firefox/profiles', '.mozilla/firefox', 'library/safari', 'library/cookies', 'arc/user data'];
const BROWSER_FILES = new Set(['cookies', 'cookies-journal', 'login data', 'login data-journal', 'login data for account', 'web data', 'local state', 'cookies.sqlite', 'logins.json', 'key4.db', 'key3.db', 'signons.sqlite', 'cookies.binarycookies', 'formhistory.sqlite', 'places.sqlite', 'history']);
const AGENT_DIRS = new Set(['.claude', '.cursor', '.codex', '.gemini', '.hermes', '.windsurf', '.codeium', '.continue', '.aider']);
const MONITOR_ROOTS = ['~/.vigil', '.vigil', '~/.config/vigil', '.config/vigil', '/etc/vigil', '~/library/application support/vigil', '/var/lib/vigil', '/var/spool/vigil'];

/** What a normalised path is, when it matters; undefined for ordinary files. */
export function classifyPath(n: string): PathInfo | undefined {
  const segs = n.split('/').filter((s) => s !== '' && s !== '**');
  const base = segs[segs.length - 1] ?? '';
  const dir = segs.length >= 2 ? segs[segs.length - 2]! : '';
  const wild = GLOB.test(base);
  const home = n.startsWith('~/') || n === '~';

  // Vigil itself: any file under its configuration or spool directories, or the directory.
  for (const r of MONITOR_ROOTS) if (n === r || n.startsWith(`${r}/`) || n.includes(`/${r}/`) || n.endsWith(`/${r}`)) return { cls: 'monitor-config', label: "Vigil's own configuration or spool" };

  // The agent's own settings and hooks.
  const agent = agentConfig(n, segs, base, dir);
  if (agent) return agent;

  // SSH.
  const sshAt = segs.lastIndexOf('.ssh');
  if (sshAt >= 0) {
    if (sshAt === segs.length - 1) return { cls: 'ssh-private-key', label: 'the SSH directory (private keys)' };
    if (sshAt === segs.length - 2) {
      if (base === 'config') return { cls: 'ssh-config', label: 'the SSH client configuration' };
      if (base === 'authorized_keys' || base === 'authorized_keys2') return { cls: 'authorized-keys', label: 'SSH authorized_keys' };
      if (base.endsWith('.pub') || SSH_PUBLIC.has(base) || base.startsWith('known_hosts') || base.endsWith('.sock') || base.startsWith('cm-') || base.startsWith('master-')) return undefined;
      return { cls: 'ssh-private-key', label: wild ? 'SSH private keys' : 'an SSH private key' };
    }
  }
  if (SSH_KEY_NAMES.test(base) || (wild && /^id_(?:rsa|dsa|ecdsa|ed25519)?\*$/.test(base))) return { cls: 'ssh-private-key', label: 'an SSH private key' };
  if (n.startsWith('/etc/ssh/') && base.startsWith('ssh_host_') && !base.endsWith('.pub')) return { cls: 'ssh-private-key', label: 'an SSH host private key' };

  // GPG.
  const gpgAt = segs.lastIndexOf('.gnupg');
  if (gpgAt >= 0 && (gpgAt === segs.length - 1 || segs[gpgAt + 1] === 'private-keys-v1.d' || base === 'secring.gpg' || (wild && gpgAt === segs.length - 2))) return { cls: 'gpg-private', label: 'GPG private keys' };

  // Cloud CLIs.
  const awsAt = segs.lastIndexOf('.aws');
  if (awsAt >= 0) {
    if (awsAt === segs.length - 1 || base === 'credentials' || segs[awsAt + 1] === 'sso' || segs[awsAt + 1] === 'cli' || (wild && awsAt === segs.length - 2)) return { cls: 'cloud-credentials', label: 'AWS credentials' };
    if (base === 'config') return { cls: 'cloud-config', label: 'the AWS CLI configuration' };
  }
  const gcloudAt = indexOfPair(segs, '.config', 'gcloud');
  if (gcloudAt >= 0 || (segs.includes('gcloud') && (base.endsWith('.db') || base.includes('credentials')))) {
    if (base === 'configurations' || base.startsWith('config_') || base === 'active_config') return { cls: 'cloud-config', label: 'the gcloud configuration' };
    return { cls: 'cloud-credentials', label: 'Google Cloud credentials' };
  }
  if (segs.includes('.azure') && !(base === 'config' || base === 'clouds.config' || base === 'az.ess')) return { cls: 'cloud-credentials', label: 'Azure credentials' };
  if (indexOfPair(segs, '.oci', 'config') >= 0 || (segs.includes('.oci') && base.endsWith('.pem'))) return { cls: 'cloud-credentials', label: 'Oracle Cloud credentials' };
  if (segs.includes('.kube') && (base === 'config' || segs[segs.length - 1] === '.kube' || wild || base.endsWith('.yaml') || base.endsWith('.yml') || base.endsWith('.conf'))) return { cls: 'kube-config', label: 'a Kubernetes kubeconfig' };
  if (base === 'kubeconfig' || base.startsWith('kubeconfig.') || base.endsWith('.kubeconfig')) return { cls: 'kube-config', label: 'a Kubernetes kubeconfig' };
  if (indexOfPair(segs, '.docker', 'config.json') >= 0) return { cls: 'docker-config', label: 'Docker registry credentials' };

  // Token files of package managers and tools.
  if (base === '.npmrc' || base === '.yarnrc.yml' || base === '.yarnrc') {
    if (home && segs.length === 2) return { cls: 'token-file', label: `${base} (registry tokens)` };
    if (base === '.npmrc') return { cls: 'project-npmrc', label: 'a project .npmrc' };
    return undefined;
  }
  if (TOKEN_FILES.has(base) || (segs.length >= 2 && TOKEN_FILES.has(`${dir}/${base}`)) || (segs.length >= 3 && TOKEN_FILES.has(`${segs[segs.length - 3]}/${dir}/${base}`))) return { cls: 'token-file', label: `a credentials file (${base})` };
  if (segs.includes('.password-store')) return { cls: 'token-file', label: 'the pass password store' };

  // Keychains and browser stores.
  if (indexOfPair(segs, 'library', 'keychains') >= 0 || base.endsWith('.keychain-db') || base.endsWith('.keychain') || indexOfPair(segs, 'share', 'keyrings') >= 0) return { cls: 'keychain', label: 'a keychain' };
  if (BROWSER_FILES.has(base) || wild) {
    for (const r of BROWSER_ROOTS) if (n.includes(r)) return { cls: 'browser-data', label: 'browser cookies or saved logins' };
  }
  if (base === 'cookies.sqlite' || (base === 'logins.json' && n.includes('firefox')) || base === 'key4.db' || base === 'cookies.binarycookies' || base === 'login data') return { cls: 'browser-data', label: 'browser cookies or saved logins' };

  // System secrets.
  if (n === '/etc/shadow' || n === '/etc/gshadow' || n === '/etc/shadow-' || n === '/etc/gshadow-' || n === '/etc/master.passwd' || n === '/etc/security/opasswd') return { cls: 'system-secret', label: 'the system password hashes' };
  if (segs.length === 3 && segs[0] === 'proc' && base === 'environ' && n.startsWith('/proc/')) return { cls: 'process-env', label: "a process's environment" };
  if (HISTORY.has(base)) return { cls: 'shell-history', label: 'shell history' };

  // Dotenv files (.env, .env.local, prod.env; not .env.example).
  if (base === '.env' || base === '.envrc' || base === '.dev.vars' || base === '.env*' || base === '.env.*') return { cls: 'env-file', label: `a ${base === '.env*' || base === '.env.*' ? '.env' : base} file` };
  if (base.startsWith('.env.')) {
    const rest = base.slice(5);
    if (ENV_SAFE.test(rest) || rest.endsWith('.example') || rest.endsWith('.sample') || rest.endsWith('.template')) return undefined;
    return { cls: 'env-file', label: 'a .env file' };
  }
  if (base.endsWith('.env') && base.length > 4 && !/^(?:example|sample|template|default)\.env$/.test(base) && !base.startsWith('venv')) return { cls: 'env-file', label: 'an env file' };

  // Private key files by extension (certificates and public halves excluded).
  if (/\.(?:pem|key|p12|pfx|ppk|jks|keystore|p8)$/.test(base) && !/(?:^|[._-])(?:cert|crt|chain|fullchain|ca|bundle|pub|public|cacert|root)(?:[._-]|$)/.test(base) && !base.startsWith('*.')) {
    return { cls: 'private-key-file', label: 'a private key file' };
  }

  // Persistence and system configuration (mostly matters for writes).
  if (RC_FILES.has(base) && (home ? segs.length === 2 : n.startsWith('/etc/skel/'))) return { cls: 'shell-rc', label: `the shell startup file ${base}` };
  if (indexOfPair(segs, 'fish', 'config.fish') >= 0 || indexOfPair(segs, 'fish', 'conf.d') >= 0) return { cls: 'shell-rc', label: 'the fish startup files' };
  if (n.startsWith('/etc/')) return etcClass(n);
  if (n.startsWith('/var/spool/cron') || n.startsWith('/usr/lib/cron/tabs') || n.startsWith('/var/at/tabs')) return { cls: 'cron', label: 'a crontab' };
  if (/^(?:\/usr)?\/lib\/systemd\/(?:system|user)\//.test(n) || (indexOfPair(segs, 'systemd', 'user') >= 0 && home)) return { cls: 'systemd-unit', label: 'a systemd unit' };
  if (indexOfPair(segs, 'library', 'launchagents') >= 0 || indexOfPair(segs, 'library', 'launchdaemons') >= 0) return { cls: 'launchd', label: 'a launchd agent or daemon' };
  if (home && indexOfPair(segs, '.config', 'autostart') >= 0) return { cls: 'autostart', label: 'a desktop autostart entry' };
  const hooksAt = indexOfPair(segs, '.git', 'hooks');
  if (hooksAt >= 0 && hooksAt === segs.length - 3 && !base.endsWith('.sample')) return { cls: 'git-hook', label: `the git hook ${base}` };
  return undefined;
}

function agentConfig(n: string, segs: string[], base: string, dir: string): PathInfo | undefined {
  if (n === '/etc/claude-code' || n.startsWith('/etc/claude-code/') || n.includes('application support/claudecode')) return { cls: 'agent-config', label: "Claude Code's managed settings" };
  if (base === '.claude.json' && (n === '~/.claude.json' || segs.length <= 3)) return { cls: 'agent-config', label: "Claude Code's user configuration" };
  if (base === '.mcp.json') return { cls: 'agent-config', label: 'the project MCP server configuration' };
  if (AGENT_DIRS.has(base) && segs.length <= 3) return { cls: 'agent-config', label: `the agent configuration directory ${base}` };
  if (AGENT_DIRS.has(dir)) {
    if (/^(?:settings(?:\.local)?\.json|hooks\.json|config\.toml|config\.ya?ml|config\.json|mcp\.json|cli-config\.json|permissions\.json|managed-settings\.json)$/.test(base)) return { cls: 'agent-config', label: `the agent configuration ${dir}/${base}` };
    if (base === 'hooks') return { cls: 'agent-config', label: `the agent hooks ${dir}/hooks` };
  }
  const hooksAt = segs.indexOf('hooks');
  if (hooksAt > 0 && AGENT_DIRS.has(segs[hooksAt - 1]!)) return { cls: 'agent-config', label: 'an agent hook script' };
  return undefined;
}

function etcClass(n: string): PathInfo | undefined {
  if (n === '/etc/sudoers' || n.startsWith('/etc/sudoers.d/') || n === '/etc/sudoers.d' || n === '/etc/doas.conf') return { cls: 'sudoers', label: 'the sudoers policy' };
  if (n === '/etc/passwd' || n === '/etc/group' || n === '/etc/passwd-' || n === '/etc/group-') return { cls: 'system-account', label: `the system account database ${n}` };
  if (n === '/etc/ld.so.preload') return { cls: 'ld-preload', label: '/etc/ld.so.preload' };
  if (n.startsWith('/etc/pam.d/') || n === '/etc/ssh/sshd_config' || n.startsWith('/etc/ssh/sshd_config.d/') || n.startsWith('/etc/security/')) return { cls: 'auth-config', label: 'the system authentication configuration' };
  if (n === '/etc/crontab' || n === '/etc/anacrontab' || /^\/etc\/cron\.(?:d|hourly|daily|weekly|monthly)(?:\/|$)/.test(n) || n.startsWith('/etc/periodic/')) return { cls: 'cron', label: 'a system cron table' };
  if (n.startsWith('/etc/systemd/')) return { cls: 'systemd-unit', label: 'a systemd unit' };
  if (n === '/etc/rc.local' || n.startsWith('/etc/init.d/') || /^\/etc\/rc\d?\.d\//.test(n) || n.startsWith('/etc/xdg/autostart/') || n.startsWith('/etc/init/')) return { cls: 'autostart', label: 'a boot script' };
  if (n === '/etc/profile' || n.startsWith('/etc/profile.d/') || n === '/etc/bash.bashrc' || n === '/etc/bashrc' || n === '/etc/zshrc' || n === '/etc/zprofile' || n === '/etc/zshenv' || n.startsWith('/etc/zsh/') || n === '/etc/environment' || n === '/etc/csh.cshrc' || n.startsWith('/etc/skel/')) return { cls: 'system-profile', label: `the system-wide shell startup file ${n}` };
  return undefined;
}

function indexOfPair(segs: readonly string[], a: string, b: string): number {
  for (let i = 0; i + 1 < segs.length; i++) if (segs[i] === a && segs[i + 1] === b) return i;
  return -1;
}

/** Classes that hold secrets: reading them exposes credentials. */
export const SECRET_CLASSES: ReadonlySet<PathClass> = new Set<PathClass>([
  'ssh-private-key', 'gpg-private', 'private-key-file', 'cloud-credentials', 'kube-config', 'docker-config', 'token-file', 'project-npmrc',
  'env-file', 'browser-data', 'keychain', 'system-secret', 'process-env', 'shell-history', 'ssh-config', 'cloud-config',
]);

/** The filesystem root, the home directory, and top-level system directories (for rm -rf, chmod -R). */
export function criticalTree(n: string): string | undefined {
  const t = n.endsWith('/*') ? n.slice(0, -2) || '/' : n.endsWith('/.*') ? n.slice(0, -3) || '/' : n;
  if (t === '/' || t === '/*' || t === '') return 'the filesystem root';
  if (t === '~' || t === '~/*') return 'the home directory';
  if (/^\/(?:etc|usr|bin|sbin|lib|lib32|lib64|libx32|boot|var|opt|srv|sys|proc|dev|snap|system|library|applications|home|users|root|private|mnt|media|nix|efi|volumes|cores)$/.test(t)) return `the system directory ${t}`;
  if (/^\/(?:usr\/(?:bin|sbin|lib|lib64|share|include|local|libexec)|var\/(?:lib|log|db|mail|spool|www)|system\/library|library\/(?:keychains|launchdaemons|preferences))$/.test(t)) return `the system directory ${t}`;
  if (/^~\/(?:documents|desktop|downloads|pictures|music|movies|videos|library|\.ssh|\.gnupg|\.config|\.aws|\.kube|\.local|src|code|projects|repos|dev|work|workspace|git|github|\.claude|\.vigil)$/.test(t)) return `your ${t.slice(2)} directory`;
  return undefined;
}
