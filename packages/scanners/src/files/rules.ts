import type { FindingSeverity } from '@vigil/scanner-spec';
import type { PathClass, PathInfo } from '../shell/index.js';

export type Mode = 'read' | 'write' | 'delete' | 'list';

export interface Verdict {
  rule: string;
  severity: FindingSeverity;
  confidence: number;
  message: string;
}

type Group = 'key' | 'cloud' | 'cred' | 'env' | 'keychain' | 'browser' | 'system' | 'history' | 'agent' | 'monitor' | 'persist';

const GROUP: Record<PathClass, Group> = {
  'ssh-private-key': 'key', 'gpg-private': 'key', 'private-key-file': 'key',
  'cloud-credentials': 'cloud', 'cloud-config': 'cloud', 'kube-config': 'cloud', 'docker-config': 'cloud',
  'token-file': 'cred', 'project-npmrc': 'cred', 'ssh-config': 'cred',
  'env-file': 'env', 'keychain': 'keychain', 'browser-data': 'browser',
  'system-secret': 'system', 'process-env': 'system', 'shell-history': 'history',
  'agent-config': 'agent', 'monitor-config': 'monitor',
  'shell-rc': 'persist', 'system-profile': 'persist', 'cron': 'persist', 'systemd-unit': 'persist', 'launchd': 'persist', 'autostart': 'persist',
  'git-hook': 'persist', 'sudoers': 'persist', 'system-account': 'persist', 'ld-preload': 'persist', 'auth-config': 'persist', 'authorized-keys': 'persist',
};

/** Read severity and confidence by class (undefined: reading it is fine). */
const READ: Partial<Record<PathClass, [FindingSeverity, number]>> = {
  'ssh-private-key': ['high', 0.85], 'gpg-private': ['high', 0.85], 'private-key-file': ['medium', 0.6],
  'cloud-credentials': ['high', 0.85], 'kube-config': ['high', 0.8], 'docker-config': ['high', 0.7], 'cloud-config': ['low', 0.5],
  'token-file': ['high', 0.8], 'project-npmrc': ['low', 0.5], 'ssh-config': ['low', 0.5],
  'env-file': ['medium', 0.7], 'keychain': ['high', 0.85], 'browser-data': ['high', 0.85],
  'system-secret': ['high', 0.9], 'process-env': ['high', 0.8], 'shell-history': ['medium', 0.6],
  'agent-config': ['low', 0.4], 'monitor-config': ['medium', 0.7],
};

const READ_RULE: Record<Group, string> = {
  key: 'private-key-read', cloud: 'cloud-credentials-read', cred: 'credential-file-read', env: 'env-file-read', keychain: 'keychain-read',
  browser: 'browser-data-read', system: 'system-secret-read', history: 'history-read', agent: 'agent-config-read', monitor: 'monitor-config-read', persist: '',
};

const EXPOSES: Record<Group, string> = {
  key: "puts private key material into the agent's context and logs; use the key through ssh, git or the tool that needs it (e.g. ssh -i) instead of reading or copying it",
  cloud: "puts cloud account credentials into the agent's context and logs; let the CLI (aws, gcloud, az, kubectl, docker) use them instead of reading or copying the file",
  cred: "puts stored access tokens into the agent's context and logs; let the tool that owns them use them instead",
  env: "puts the project's secrets into the agent's context and logs; read .env.example or ask the user for the specific non-secret setting",
  keychain: 'exposes saved passwords and keys; ask the user for the credential the task needs',
  browser: 'exposes browser sessions and saved passwords; there is no development reason to read them',
  system: 'exposes password hashes or process secrets; there is no development reason to read them',
  history: 'exposes past commands, which often contain tokens and passwords; ask the user instead',
  agent: "shows the agent's own settings",
  monitor: "exposes Vigil's monitoring configuration and possibly its server token",
  persist: '',
};

/** Writes through file tools to places that run code later (shell commands are judged by the commands scanner). */
const PERSIST: Partial<Record<PathClass, [string, FindingSeverity, number, string]>> = {
  'cron': ['system-cron-write', 'high', 0.85, 'installs a scheduled job that keeps running after the session'],
  'shell-rc': ['shell-rc-write', 'medium', 0.6, 'makes code run in every new shell'],
  'system-profile': ['system-profile-write', 'high', 0.8, 'makes code run in every login shell of every user'],
  'authorized-keys': ['authorized-keys-write', 'high', 0.85, 'lets whoever holds that key log in over SSH'],
  'systemd-unit': ['systemd-unit-write', 'medium', 0.7, 'installs a service that can start at boot'],
  'launchd': ['launchd-write', 'medium', 0.7, 'installs a launch agent or daemon that starts at login or boot'],
  'autostart': ['autostart-write', 'high', 0.75, 'makes code run at boot or login'],
  'git-hook': ['git-hook-write', 'low', 0.5, 'makes code run on every git commit or push in this repository'],
  'sudoers': ['sudoers-write', 'high', 0.9, 'changes who may run commands as root'],
  'system-account': ['system-account-write', 'high', 0.9, 'changes the system accounts'],
  'ld-preload': ['ld-preload-write', 'critical', 0.95, 'injects a library into every program on the system'],
  'auth-config': ['auth-config-write', 'high', 0.8, 'changes how the system authenticates logins'],
};

const DOWN: Record<FindingSeverity, FindingSeverity> = { critical: 'high', high: 'medium', medium: 'low', low: 'low', info: 'info' };

/**
 * The finding for one access to a classified path, or undefined when it is fine.
 * `fromShell`: persistence writes from shell commands are left to the commands scanner.
 * `weak`: the access is a guess (an unknown command's argument, an unknown tool), so it is graded one step down.
 */
export function verdict(info: PathInfo, mode: Mode, fromShell: boolean, weak: boolean): Verdict | undefined {
  const g = GROUP[info.cls];
  const label = info.label;
  if (mode === 'read' || mode === 'list') {
    const r = READ[info.cls];
    if (!r) return undefined;
    let [severity, confidence] = r;
    if (mode === 'list') {
      // Listing names (ls, find, Glob) shows what exists, not the contents.
      if (g === 'agent' || g === 'env' || g === 'history' || g === 'cred') return undefined;
      return { rule: 'sensitive-path-listing', severity: 'low', confidence: 0.4, message: `Listing ${label} shows which credentials exist on this machine; there is rarely a reason to look there.` };
    }
    if (weak) { severity = DOWN[severity]; confidence = Math.max(0.3, confidence - 0.2); }
    return { rule: READ_RULE[g], severity, confidence, message: `Reading ${label} ${EXPOSES[g]}.` };
  }
  const verb = mode === 'delete' ? 'Deleting' : 'Changing';
  if (g === 'monitor') return { rule: 'monitor-tamper', severity: 'high', confidence: 0.95, message: `${verb} ${label} tampers with Vigil, which monitors this agent; this must not be done by the agent.` };
  if (g === 'agent') return { rule: 'agent-config-write', severity: 'high', confidence: weak ? 0.7 : 0.9, message: `${verb} ${label} alters the agent's own permissions, hooks or MCP servers (and can switch off monitoring); ask the user to make this change.` };
  if (g === 'persist') {
    if (fromShell || mode === 'delete') return undefined;
    const p = PERSIST[info.cls];
    return p ? { rule: p[0], severity: p[1], confidence: p[2], message: `Writing to ${label} ${p[3]}; ask the user to make this change themselves.` } : undefined;
  }
  if (g === 'env' || g === 'history') return undefined; // creating .env files is normal; history tampering is the commands scanner's
  if (mode === 'delete') return { rule: 'credential-file-delete', severity: 'medium', confidence: 0.6, message: `${verb} ${label} destroys credentials that may not be recoverable; ask the user first.` };
  const strong = info.cls === 'ssh-private-key' || info.cls === 'ssh-config' || info.cls === 'gpg-private' || info.cls === 'keychain';
  return {
    rule: 'credential-file-write',
    severity: strong ? 'high' : 'medium',
    confidence: strong ? 0.8 : 0.6,
    message: `${verb} ${label} can replace credentials or (for SSH config) make ssh run commands; ask the user to make this change.`,
  };
}
