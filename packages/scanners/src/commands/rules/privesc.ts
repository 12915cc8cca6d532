import { hasLong, optValues, positionals, readsProgramFromStdin, SHELLS, type ShellCommand } from '../../shell/index.js';
import type { RuleContext } from '../context.js';

const ROOT_GROUPS = /^(?:sudo|wheel|admin|root|adm)$/;
const NEAR_ROOT_GROUPS = /^(?:docker|lxd|lxc|libvirt|disk|shadow|kvm|systemd-journal)$/;

export function privilegeEscalation(ctx: RuleContext, c: ShellCommand, i: number): void {
  const a = c.argv;
  const name = c.name;
  // Interactive root shells: sudo -i, sudo -s, sudo su, sudo bash, su -, pkexec.
  if ((name === 'sudo' || name === 'doas') && c.sudoFlags.some((f) => /^-[a-zA-Z]*[is]$/.test(f) || f === '--login' || f === '--shell')) {
    ctx.report(c, 'sudo-root-shell', 'high', 0.85, `${name} ${c.sudoFlags.join(' ')} opens a root shell; run the specific command that needs root with sudo instead.`);
  } else if (c.wrappers.some((w) => w === 'sudo' || w === 'doas') && ((name === 'su' && !hasCode(a)) || (SHELLS.has(name) && readsProgramFromStdin(name, a) && c.stdinText === undefined && ctx.upstream(i).length === 0))) {
    ctx.report(c, 'sudo-root-shell', 'high', 0.85, `sudo ${name} opens a root shell; run the specific command that needs root with sudo instead.`);
  } else if (name === 'su' && !hasCode(a) && !a.includes('--help')) {
    const user = positionals(a)[0];
    ctx.report(c, 'sudo-root-shell', 'high', user && user !== 'root' ? 0.6 : 0.8, `su ${user ?? ''} switches to ${user ?? 'root'}'s shell; run the specific command that needs it instead.`.replace('  ', ' '));
  } else if (name === 'pkexec') {
    ctx.report(c, 'pkexec', 'high', 0.75, 'pkexec runs a program as root through polkit (and has been a local root exploit vector); use sudo for the specific command if root is really needed.');
  }
  // setuid / setgid bits and capabilities.
  if (name === 'chmod' || name === 'install') {
    const modes = name === 'chmod' ? [a.slice(1).find((x) => !x.startsWith('-') || /^-[rwxXst]+$/.test(x)) ?? ''] : optValues(a, ['-m'], ['--mode']);
    for (const m of modes) {
      const bit = specialBit(m);
      if (bit === 'setuid') ctx.report(c, 'setuid-bit', 'high', 0.85, `Setting the setuid bit (${m}) makes a program run as its owner (often root) for every user, a classic privilege-escalation backdoor; don't set it from an agent.`);
      else if (bit === 'setgid') ctx.report(c, 'setuid-bit', 'low', 0.5, `Setting the setgid bit (${m}) makes a program run with its group's rights; check this is intended.`);
    }
  }
  if (name === 'setcap' && /cap_(?:setuid|setgid|sys_admin|dac_override|dac_read_search|sys_ptrace|sys_module|chown|fowner)/i.test(a.join(' '))) {
    ctx.report(c, 'setuid-bit', 'high', 0.8, 'Granting setuid/admin capabilities to a binary lets any user escalate to root through it; do not grant these from an agent.');
  }
  // Adding users to privileged groups, uid-0 accounts, root password changes.
  if (name === 'usermod' || name === 'gpasswd' || name === 'adduser' || name === 'addgroup' || name === 'useradd' || name === 'dseditgroup' || name === 'dscl') {
    let groups: string[] = [];
    if (name === 'usermod' || name === 'useradd') {
      groups = optValues(a, ['-G', '-g'], ['--groups', '--gid']);
      a.forEach((x, k) => { if (/^-[a-zA-Z]*G$/.test(x) && a[k + 1] !== undefined) groups.push(a[k + 1]!); });
    } else if (name === 'gpasswd' || name === 'dseditgroup') groups = [a[a.length - 1] ?? ''];
    else if (name === 'adduser' || name === 'addgroup') { const ps = positionals(a); if (ps.length >= 2) groups = [ps[ps.length - 1]!]; }
    else if (name === 'dscl' && /\bappend\b.*\bGroupMembership\b/i.test(a.join(' '))) groups = [a.find((x) => /\/Groups\//i.test(x))?.replace(/.*\/Groups\//i, '') ?? ''];
    const gs = groups.flatMap((g) => g.split(','));
    const root = gs.find((g) => ROOT_GROUPS.test(g));
    const near = gs.find((g) => NEAR_ROOT_GROUPS.test(g));
    if (root) ctx.report(c, 'privileged-group-add', 'high', 0.85, `Adding a user to the ${root} group grants administrator rights; ask the user to do this themselves.`);
    else if (near) ctx.report(c, 'privileged-group-add', 'medium', 0.6, `Membership of the ${near} group is equivalent to root on most systems; make sure this was requested.`);
    if ((name === 'useradd' || name === 'usermod' || name === 'adduser') && (optValues(a, ['-u'], ['--uid']).includes('0') || a.includes('-o') || a.includes('--non-unique'))) {
      ctx.report(c, 'system-account-write', 'high', 0.9, 'Creating an account with uid 0 makes a second root user (a backdoor); do not do this.');
    }
  }
  if (name === 'chpasswd' || (name === 'passwd' && (a.includes('root') || a.includes('-d') || a.includes('--delete')))) {
    ctx.report(c, 'system-account-write', 'high', 0.75, 'Changing or deleting account passwords (especially root) locks people out or opens the account; leave it to an administrator.');
  }
  // Container escapes to the host.
  if (name === 'nsenter' && (optValues(a, ['-t'], ['--target']).includes('1') || a.some((x) => /^-[a-zA-Z]*t1$/.test(x)))) {
    ctx.report(c, 'container-escape', 'high', 0.85, "nsenter into PID 1's namespaces gives a root shell on the host; do not do this from an agent.");
  }
  if ((name === 'docker' || name === 'podman' || name === 'nerdctl') && (a[1] === 'run' || a[1] === 'create')) {
    const mounts = optValues(a, ['-v'], ['--volume', '--mount']);
    const hostRoot = mounts.some((m) => /^\/(?::|$)/.test(m) || /(?:^|,)(?:source|src)=\/(?:,|$)/.test(m) || /^\/(?:etc|root|var\/run\/docker\.sock|run\/docker\.sock|proc|sys|boot)(?::|$)/.test(m));
    const privileged = a.includes('--privileged') || (hasLong(a, '--cap-add') && /SYS_ADMIN|ALL/i.test(optValues(a, [], ['--cap-add']).join(',')));
    const hostNs = a.some((x) => /^--(?:pid|ipc|uts|userns)=host$/.test(x)) || optValues(a, [], ['--pid']).includes('host');
    if (hostRoot) ctx.report(c, 'container-escape', 'high', 0.8, `Mounting the host's ${mounts.find((m) => m.startsWith('/'))?.split(':')[0] ?? 'root'} into a container gives root access to the host; mount only the project directory.`);
    else if (privileged && hostNs) ctx.report(c, 'container-escape', 'high', 0.75, 'A privileged container sharing the host PID namespace can take over the host; drop --privileged or the host namespace.');
    else if (privileged) ctx.report(c, 'container-escape', 'low', 0.4, 'A --privileged container can reach host devices; use specific --cap-add flags if possible.');
  }
}

function hasCode(a: readonly string[]): boolean {
  return a.some((x) => x === '-c' || x === '--command' || x.startsWith('--command=') || x === '--session-command');
}

/** setuid / setgid from a chmod mode (4755, u+s, +s, g+s, 2755). */
export function specialBit(mode: string): 'setuid' | 'setgid' | undefined {
  if (/^0?[4-7][0-7]{3}$/.test(mode)) {
    const d = Number(mode.length === 5 ? mode[1] : mode[0]);
    if (d & 4) return 'setuid';
    if (d & 2) return 'setgid';
    return undefined;
  }
  let setuid = false;
  let setgid = false;
  for (const clause of mode.split(',')) {
    const m = /^([ugoa]*)[+=]([rwxXst]*)$/.exec(clause);
    if (!m || !m[2]!.includes('s')) continue;
    const who = m[1]!;
    if (who === '' || who.includes('u') || who.includes('a')) setuid = true;
    else if (who.includes('g')) setgid = true;
  }
  return setuid ? 'setuid' : setgid ? 'setgid' : undefined;
}
