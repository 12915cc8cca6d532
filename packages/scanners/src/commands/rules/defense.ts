import { classifyPath, hasLong, normalizePath, positionals, type ShellCommand } from '../../shell/index.js';
import type { RuleContext } from '../context.js';

// Security agents, firewalls and audit daemons whose shutdown disables monitoring.
const AGENTS = /^(?:apparmor|auditd|firewalld|ufw|iptables|nftables|ip6tables|netfilter-persistent|selinux|falcon-sensor|falcond|falcon|crowdstrike|cs[-_]?agent|csagent|osqueryd|osquery|wazuh-agent|wazuh|ossec|ossec-hids|clamav-daemon|clamav-freshclam|clamd|freshclam|sentinelone|sentinelagent|sentinel-agent|cbagent|cbdaemon|carbonblack|cb-psc-sensor|cylancesvc|mdatp|wdavdaemon|microsoft-defender|elastic-agent|elastic-endpoint|endpoint-security|auditbeat|filebeat|sysmon|sysmonforlinux|tanium|taniumclient|qualys-cloud-agent|santa|santad|falco|tetragon|sysdig|aide|fail2ban|rsyslog|syslog|syslog-ng|systemd-journald|journald|vigil|vigild|com\.crowdstrike\.\S+|com\.google\.santa\S*|com\.sentinelone\S*|com\.microsoft\.wdav\S*|com\.jamf\S*)(?:\.service)?$/i;
const SECURITY_TOOLS = new Set(['setenforce', 'ufw', 'iptables', 'ip6tables', 'iptables-legacy', 'iptables-nft', 'nft', 'systemctl', 'service', 'rc-service', 'launchctl', 'sv', 'kill', 'pkill', 'killall', 'spctl', 'csrutil', 'auditctl', 'defaults', 'sysctl', 'set-mppreference', 'add-mppreference', 'pwsh', 'powershell', 'xattr']);
const LOGS = /^\/var\/log\/(?:auth\.log|secure|wtmp|btmp|lastlog|faillog|audit(?:\/.*)?|syslog|messages|kern\.log|system\.log|journal(?:\/.*)?)$/;

export function securityControls(ctx: RuleContext, c: ShellCommand, i: number): void {
  const a = c.argv;
  const name = c.name;
  const line = SECURITY_TOOLS.has(name) ? a.slice(1).join(' ') : '';
  const block = (what: string, conf = 0.9): void => ctx.report(c, 'security-control-disable', 'high', conf, `${what} turns off a security control of this machine; leave security settings to an administrator.`);
  switch (name) {
    case 'setenforce': if (/^(?:0|permissive)$/i.test(a[1] ?? '')) block('setenforce 0'); break;
    case 'ufw': if (a[1] === 'disable' || /^default allow\b/.test(line)) block(`ufw ${line}`); break;
    case 'iptables': case 'ip6tables': case 'iptables-legacy': case 'iptables-nft':
      if (a.some((x) => x === '-F' || x === '--flush' || /^-[a-zA-Z]*F$/.test(x))) block(`${name} -F`, 0.8);
      else if (/-P (?:INPUT|FORWARD|OUTPUT) ACCEPT/.test(line)) ctx.report(c, 'security-control-disable', 'medium', 0.6, `${name} ${line} opens the firewall's default policy; add a specific rule instead.`);
      break;
    case 'nft': if (/^flush ruleset\b/.test(line)) block('nft flush ruleset', 0.8); break;
    case 'systemctl': case 'service': case 'rc-service': case 'launchctl': case 'sv': {
      const verb = name === 'service' || name === 'rc-service' ? a[2] : a[1];
      const units = name === 'service' || name === 'rc-service' ? [a[1] ?? ''] : a.slice(2).filter((x) => !x.startsWith('-'));
      if (/^(?:stop|disable|mask|kill|unload|bootout|remove)$/.test(verb ?? '')) {
        const hit = units.find((u) => AGENTS.test(u.replace(/^(?:system|gui\/\d+)\//, '').replace(/^.*\//, '').replace(/\.plist$/, '')));
        if (hit) block(`${name} ${verb} ${hit}`);
      }
      break;
    }
    case 'kill': case 'pkill': case 'killall': {
      const hit = positionals(a).find((x) => AGENTS.test(x));
      if (hit) block(`${name} ${hit}`, 0.8);
      break;
    }
    case 'spctl': if (/--master-disable|--global-disable|--disable\b/.test(line)) block('spctl --master-disable'); break;
    case 'csrutil': if (/\bdisable\b/.test(line)) block('csrutil disable'); break;
    case 'auditctl': if (/(?:^|\s)-e\s*0\b|(?:^|\s)-D\b/.test(line)) block(`auditctl ${line}`); break;
    case 'defaults': if (/LSQuarantine/i.test(line) && /(?:-bool\s+(?:no|false)|\b0\b)/i.test(line)) block('Disabling Gatekeeper quarantine', 0.8); break;
    case 'sysctl': if (/kernel\.(?:randomize_va_space\s*=\s*0|yama\.ptrace_scope\s*=\s*0|modules_disabled)/.test(line)) ctx.report(c, 'security-control-disable', 'medium', 0.7, `sysctl ${line} weakens kernel hardening; leave it at the default.`); break;
    case 'set-mppreference': case 'add-mppreference': case 'pwsh': case 'powershell':
      if (/-Disable(?:RealtimeMonitoring|BehaviorMonitoring|IOAVProtection|ScriptScanning)\s+\$?true|Add-MpPreference\s+-ExclusionPath/i.test(a.join(' '))) block('Disabling Microsoft Defender');
      break;
    case 'xattr':
      if (/-[a-z]*d\b.*com\.apple\.quarantine|-[a-z]*c/.test(line)) ctx.report(c, 'security-control-disable', 'low', 0.4, 'Removing the quarantine attribute skips Gatekeeper checks for that file; make sure it comes from a trusted source.');
      break;
  }
  history(ctx, c, i);
  hooksBypass(ctx, c);
}

function history(ctx: RuleContext, c: ShellCommand, i: number): void {
  const report = (what: string): void => ctx.report(c, 'history-tamper', 'medium', 0.8, `${what} hides what was run in this shell; leave shell history alone.`);
  for (const [k, v] of c.assigns) if ((k === 'HISTFILE' && (v === '/dev/null' || v === '')) || ((k === 'HISTSIZE' || k === 'HISTFILESIZE' || k === 'SAVEHIST') && v === '0')) report(`${k}=${v || '""'}`);
  const a = c.argv;
  if (c.name === 'unset' && a.some((x) => /^HIST(?:FILE|SIZE|FILESIZE)$/.test(x))) report(`unset ${a.slice(1).join(' ')}`);
  if ((c.name === 'export' || c.name === 'declare' || c.name === 'typeset' || c.name === 'local') && a.some((x) => /^HISTFILE=(?:\/dev\/null)?$|^(?:HISTSIZE|HISTFILESIZE|SAVEHIST)=0$/.test(x))) report(a.join(' '));
  if (c.name === 'history' && a.some((x) => /^-[a-z]*c/.test(x) || (x === '-w' && a.includes('/dev/null')))) report('history -c');
  if (c.name === 'set' && a[1] === '+o' && a[2] === 'history') report('set +o history');
  for (const acc of ctx.accesses(i)) {
    if (acc.mode !== 'write' && acc.mode !== 'delete') continue;
    const n = normalizePath(acc.path, c.cwd !== '?' ? c.cwd : undefined);
    if (!n) continue;
    if (classifyPath(n)?.cls === 'shell-history') report(`${acc.mode === 'delete' ? 'Deleting' : 'Overwriting'} shell history`);
    else if (LOGS.test(n)) ctx.report(c, 'log-tamper', 'high', 0.8, `${acc.mode === 'delete' ? 'Deleting' : 'Overwriting'} ${n} destroys the system's audit trail; leave system logs alone.`);
  }
  if (c.name === 'journalctl' && a.some((x) => /^--vacuum-time=\d+s$/.test(x))) {
    ctx.report(c, 'log-tamper', 'medium', 0.6, 'Vacuuming the journal down to seconds deletes the system logs; leave log retention to an administrator.');
  }
  void hasLong;
}

function hooksBypass(ctx: RuleContext, c: ShellCommand): void {
  if (c.name !== 'git') return;
  const a = c.argv;
  let k = 1;
  let hooksOff = false;
  while (k < a.length && a[k]!.startsWith('-')) {
    if (a[k] === '-c' && /^core\.hookspath=(?:\/dev\/null|)$/i.test(a[k + 1] ?? '')) hooksOff = true;
    k += a[k] === '-C' || a[k] === '-c' ? 2 : 1;
  }
  const sub = a[k];
  if (sub !== 'commit' && sub !== 'push' && sub !== 'merge' && sub !== 'rebase' && sub !== 'am' && sub !== 'cherry-pick' && !hooksOff) return;
  const rest = a.slice(k);
  if (hooksOff || rest.includes('--no-verify') || (sub === 'commit' && rest.some(clusterHasN))) {
    ctx.report(c, 'hooks-bypass', 'low', 0.6, `git ${sub} --no-verify skips the repository's hooks (tests, linters, secret scanning); fix what the hook reports instead.`);
  }
}

/** -n in a git commit short-option cluster, before any option that takes the rest as its value (-m, -F, -c, -C, -t). */
function clusterHasN(x: string): boolean {
  if (x.length < 2 || x[0] !== '-' || x[1] === '-') return false;
  for (let k = 1; k < x.length; k++) {
    const ch = x[k]!;
    if (ch === 'n') return true;
    if ('mFcCtS'.includes(ch)) return false;
  }
  return false;
}
