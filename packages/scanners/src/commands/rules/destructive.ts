import { criticalTree, hasLong, hasShort, normalizePath, positionals, programName, type ShellCommand } from '../../shell/index.js';
import type { RuleContext } from '../context.js';

const DEVICE = /^\/dev\/(?:sd[a-z]|hd[a-z]|vd[a-z]|xvd[a-z]|nvme\d|mmcblk\d|disk\d|rdisk\d|md\d|dm-\d|mapper\/|sr\d|mtdblock|root$|nbd\d)/;
const CRITICAL_FILES = /^\/(?:etc\/(?:passwd|shadow|group|gshadow|sudoers|fstab|hosts)|boot\/(?:vmlinuz|initrd|grub)[^/]*|bin\/(?:sh|bash)|usr\/bin\/sudo)$/;
const ALL_NAMES = /^(?:\*|\*\.\*|\.\*|\.\*\.\*)$/;

export function destructive(ctx: RuleContext, c: ShellCommand, i: number): void {
  for (const r of c.redirects) {
    if ((r.op === '>' || r.op === '>>' || r.op === '&>' || r.op === '>|') && DEVICE.test(r.target)) {
      ctx.report(c, 'disk-wipe', 'critical', 0.95, `Writing to the raw disk device ${r.target} destroys the filesystem on it; do not write to block devices from an agent.`);
    }
  }
  const name = c.name;
  if (name === 'rm') return rm(ctx, c);
  if (name.startsWith('mkfs') || name === 'mke2fs' || name === 'mkswap' || name === 'newfs' || name === 'mkdosfs' || name === 'mkntfs' || name === 'wipefs' || name === 'blkdiscard' || name === 'sgdisk' || name === 'sfdisk' || name === 'parted' || name === 'fdisk' || name === 'badblocks') {
    const dev = positionals(c.argv).find((a) => DEVICE.test(a));
    const interactive = name === 'parted' || name === 'fdisk' || name === 'sfdisk' || name === 'badblocks';
    if (dev && (!interactive || /(?:^|\s)(?:mklabel|rm|mkpart|--delete|-w)(?:\s|$)/.test(c.argv.join(' ')))) {
      ctx.report(c, 'disk-wipe', 'critical', 0.95, `${name} on ${dev} erases or repartitions a disk; formatting devices must be done by a person, not an agent.`);
    }
    return;
  }
  if (name === 'dd') {
    const of = c.argv.find((a) => a.startsWith('of='));
    if (of && DEVICE.test(of.slice(3))) ctx.report(c, 'disk-wipe', 'critical', 0.95, `dd onto the disk device ${of.slice(3)} overwrites it; flash or wipe disks by hand, not from an agent.`);
    return;
  }
  if (name === 'shred') {
    for (const t of positionals(c.argv, new Set(['-n', '--iterations', '-s', '--size', '--random-source']))) {
      const n = normalizePath(t);
      if (DEVICE.test(t)) ctx.report(c, 'disk-wipe', 'critical', 0.95, `shred on the disk device ${t} destroys its data irrecoverably.`);
      else if (n && (criticalTree(n) || CRITICAL_FILES.test(n))) ctx.report(c, 'destructive-rm', 'critical', 0.9, `shred on ${criticalTree(n) ?? n} destroys system data irrecoverably.`);
    }
    return;
  }
  if (name === 'diskutil') {
    const sub = (c.argv[1] ?? '').toLowerCase();
    if (/^(?:erasedisk|erasevolume|zerodisk|randomdisk|secureerase|partitiondisk|reformat)$/.test(sub) || (sub === 'apfs' && /delete/i.test(c.argv[2] ?? ''))) {
      ctx.report(c, 'disk-wipe', 'critical', 0.95, `diskutil ${c.argv[1]} erases a disk or volume; do that by hand, not from an agent.`);
    }
    return;
  }
  if (name === 'chmod' || name === 'chown' || name === 'chgrp') {
    if (!hasShort(c.argv, 'R') && !hasLong(c.argv, '--recursive')) return;
    for (const t of positionals(c.argv).slice(1)) {
      const n = normalizePath(t, cwdOf(c));
      const what = n ? criticalTree(n) : undefined;
      if (!what) continue;
      const sev = what.startsWith('your') ? 'high' : 'critical';
      ctx.report(c, 'recursive-permission-change', sev, 0.9, `${name} -R on ${what} changes ownership or permissions of every file under it and can break the system or expose secrets; target the specific directory that needs it.`);
    }
    return;
  }
  if (name === 'find') return findDelete(ctx, c);
  if (name === 'mv') {
    const ps = positionals(c.argv);
    const dst = ps[ps.length - 1] ?? '';
    if (ps.length >= 2 && (dst === '/dev/null' || DEVICE.test(dst))) {
      for (const t of ps.slice(0, -1)) {
        const n = normalizePath(t, cwdOf(c));
        const what = n ? criticalTree(n) ?? (CRITICAL_FILES.test(n) ? n : undefined) : undefined;
        if (what) ctx.report(c, 'destructive-rm', 'critical', 0.9, `Moving ${what} to ${dst} destroys it.`);
      }
    }
    return;
  }
  if (name === 'kill' || name === 'killall5') {
    if ((name === 'kill' && c.argv.includes('-1') && c.argv.length >= 3) || (name === 'killall5' && c.argv.includes('-9'))) {
      ctx.report(c, 'kill-all-processes', 'high', 0.85, 'kill -1 signals every process you can reach, taking down the session and services; kill specific PIDs instead.');
    }
    return;
  }
  if (name === 'shutdown' || name === 'reboot' || name === 'halt' || name === 'poweroff' || (name === 'systemctl' && /^(?:poweroff|reboot|halt|kexec)$/.test(c.argv[1] ?? '')) || (name === 'init' && /^[06]$/.test(c.argv[1] ?? ''))) {
    ctx.report(c, 'system-power', 'medium', 0.7, `${c.argv.slice(0, 2).join(' ')} shuts down or restarts the machine; leave that to a person.`);
    return;
  }
  if (name === 'git') return gitClean(ctx, c);
  cloud(ctx, c);
  forkBomb(ctx, c, i);
}

function cwdOf(c: ShellCommand): string | undefined {
  return c.cwd !== undefined && c.cwd !== '?' ? c.cwd : undefined;
}

function rm(ctx: RuleContext, c: ShellCommand): void {
  const recursive = hasShort(c.argv, 'r') || hasShort(c.argv, 'R') || hasLong(c.argv, '--recursive');
  if (hasLong(c.argv, '--no-preserve-root')) {
    ctx.report(c, 'destructive-rm', 'critical', 0.97, 'rm --no-preserve-root deletes the whole filesystem; never run it.');
    return;
  }
  for (const t of positionals(c.argv)) {
    if (t === '') continue;
    const n = normalizePath(t, cwdOf(c));
    if (n === undefined) continue;
    const what = criticalTree(n);
    if (what && (recursive || t.endsWith('*'))) {
      const home = what.startsWith('your');
      ctx.report(c, 'destructive-rm', home ? 'high' : 'critical', home ? 0.85 : 0.95, `rm ${recursive ? '-r ' : ''}on ${what} deletes data that cannot be recovered; delete only the specific project paths you mean (e.g. ./build).`);
      continue;
    }
    if (CRITICAL_FILES.test(n)) {
      ctx.report(c, 'destructive-rm', 'high', 0.85, `Deleting ${n} breaks the system (logins, sudo or boot); leave system files alone.`);
      continue;
    }
    if (!recursive) continue;
    if (c.cwd === undefined && (n === '.' || n === '*' || n === '.*' || n === '..' || n === '../*' || n === '../..')) {
      ctx.report(c, 'destructive-rm', 'high', 0.6, `rm -r ${t} deletes everything in ${n.startsWith('..') ? 'the parent' : 'the current'} directory, which may be the whole project or home; name the directories to delete instead.`);
      continue;
    }
    if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?\/\*?$/.test(t) && !/^\$\{?(?:HOME|PWD|TMPDIR)\}?/.test(t)) {
      ctx.report(c, 'destructive-rm', 'medium', 0.6, `rm -r ${t} deletes from the filesystem root if the variable is empty; use "\${VAR:?}/" so an unset variable aborts.`);
      continue;
    }
    if (/^\/(?:var\/lib|etc|usr\/lib|usr\/share)\/[^/*]{1,64}$/.test(n)) {
      ctx.report(c, 'destructive-rm', 'medium', 0.55, `rm -r ${n} deletes system data or configuration (a database, a service's state); make sure this is what the user asked for.`);
      continue;
    }
    if (n === '.git' || n.endsWith('/.git')) {
      ctx.report(c, 'destructive-rm', 'medium', 0.6, 'Deleting .git destroys the repository history and any unpushed work; only do this if the user asked for it.');
    }
  }
}

function findDelete(ctx: RuleContext, c: ShellCommand): void {
  const a = c.argv;
  const deletes = a.includes('-delete') || a.some((x, k) => (x === '-exec' || x === '-execdir') && /^(?:rm|shred|unlink)$/.test(programName(a[k + 1] ?? '')));
  if (!deletes) return;
  const roots: string[] = [];
  for (let k = 1; k < a.length && !a[k]!.startsWith('-') && a[k] !== '(' && a[k] !== '!'; k++) roots.push(a[k]!);
  const filtered = a.some((x, k) => /^-(?:i?name|i?path|i?regex|wholename|newer\w*|mtime|mmin|atime|amin|ctime|cmin|size|user|group|perm|empty|links|inum|samefile)$/.test(x) && !ALL_NAMES.test(a[k + 1] ?? ''));
  for (const r of roots) {
    const n = normalizePath(r, cwdOf(c));
    const what = n ? criticalTree(n) : undefined;
    if (!what) continue;
    if (filtered) ctx.report(c, 'destructive-rm', 'medium', 0.55, `find ${r} … deletes matching files across ${what}; narrow the search to the project directory.`);
    else ctx.report(c, 'destructive-rm', what.startsWith('your') ? 'high' : 'critical', 0.9, `find ${r} -delete removes every file under ${what}; delete only specific project paths.`);
  }
}

function gitClean(ctx: RuleContext, c: ShellCommand): void {
  const a = c.argv;
  let k = 1;
  let dir: string | undefined;
  while (k < a.length && a[k]!.startsWith('-')) {
    if (a[k] === '-C' || a[k] === '-c' || a[k] === '--git-dir' || a[k] === '--work-tree') { if (a[k] === '-C') dir = a[k + 1]; k += 2; continue; }
    k++;
  }
  if (a[k] !== 'clean') return;
  const rest = a.slice(k);
  const force = hasShort(rest, 'f') || hasLong(rest, '--force');
  const ignored = hasShort(rest, 'x');
  if (!force || (!hasShort(rest, 'd') && !ignored)) return;
  const n = dir ? normalizePath(dir) : c.cwd && c.cwd !== '?' ? normalizePath(c.cwd) : undefined;
  const what = n ? criticalTree(n) ?? (n === '~' ? 'the home directory' : undefined) : undefined;
  if (what) ctx.report(c, 'destructive-rm', 'high', 0.8, `git clean -f${ignored ? 'x' : ''} in ${what} deletes every untracked file there; run it only inside a project checkout.`);
  else if (ignored) ctx.report(c, 'git-clean-ignored', 'low', 0.5, 'git clean -x also deletes ignored files (.env, local config, caches, other people\'s uncommitted work) that are not in git; run git clean -n first to see what would go.');
}

const DATA_TOOLS = new Set(['terraform', 'tofu', 'terragrunt', 'aws', 'gcloud', 'gsutil', 'az', 'kubectl', 'oc', 'docker', 'podman', 'dropdb', 'redis-cli', 'psql', 'mysql', 'mariadb', 'sqlite3', 'mongo', 'mongosh', 'cqlsh', 'clickhouse-client']);

function cloud(ctx: RuleContext, c: ShellCommand): void {
  if (!DATA_TOOLS.has(c.name)) return;
  const a = c.argv;
  const line = a.join(' ');
  let what: string | undefined;
  switch (c.name) {
    case 'terraform': case 'tofu': case 'terragrunt':
      if (a.includes('destroy') || (a.includes('apply') && a.includes('-destroy'))) what = `${c.name} destroy`;
      break;
    case 'aws':
      if (/\bs3 rb\b.*--force|\bs3 rm\b.*--recursive|\bec2 terminate-instances\b|\brds delete-db-(?:instance|cluster)\b|\bcloudformation delete-stack\b|\bdynamodb delete-table\b|\biam delete-(?:user|role)\b|\beks delete-cluster\b/.test(line)) what = 'this AWS command';
      break;
    case 'gcloud':
      if (/\b(?:projects|sql instances|container clusters|compute instances|storage buckets) delete\b|\bstorage rm\b.*(?:-r\b|--recursive)/.test(line)) what = 'this gcloud command';
      break;
    case 'gsutil':
      if (/\brm\b.*-r|\brb\b/.test(line)) what = 'this gsutil command';
      break;
    case 'az':
      if (/\bgroup delete\b|\b(?:vm|aks|sql server|storage account) delete\b/.test(line)) what = 'this Azure command';
      break;
    case 'kubectl': case 'oc':
      if (/\bdelete\b/.test(line) && (/\b(?:ns|namespaces?|pv|persistentvolumes?|crd|customresourcedefinitions?|nodes?)\b/.test(line) || /--all\b/.test(line))) what = 'this kubectl delete';
      break;
    case 'docker': case 'podman':
      if (/\bsystem prune\b/.test(line) && /--volumes/.test(line)) what = `${c.name} system prune --volumes`;
      break;
    case 'dropdb':
      what = 'dropdb';
      break;
    case 'redis-cli':
      if (/\bflush(?:all|db)\b/i.test(line)) what = 'FLUSHALL';
      break;
    case 'psql': case 'mysql': case 'mariadb': case 'sqlite3': case 'mongo': case 'mongosh': case 'cqlsh': case 'clickhouse-client':
      if (/\b(?:drop\s+(?:database|schema|table|keyspace)|truncate\s+table|dropDatabase\s*\()/i.test(a.slice(1).join(' ') + (c.stdinText ?? ''))) what = 'this database statement';
      break;
  }
  if (!what) return;
  // Resources named as throwaway (test, dev, local, preview…) are routinely reset; production is not.
  const scratch = /(?:^|[^a-z])(?:test|tests|testing|dev|local|localhost|preview|sandbox|tmp|temp|ci|e2e|scratch)(?:[^a-z]|$)/i.test(line) && !/prod|live/i.test(line);
  ctx.report(c, 'cloud-destroy', scratch ? 'low' : 'medium', scratch ? 0.5 : 0.7, `${what} deletes infrastructure or data that may not be recoverable; confirm with the user before running it.`);
}

function forkBomb(ctx: RuleContext, c: ShellCommand, i: number): void {
  if (!c.inFunction || c.name !== programName(c.inFunction) || c.pipes.length === 0) return;
  const near = ctx.upstream(i).concat(ctx.downstream(i));
  if (near.some((j) => ctx.cmds[j]!.name === c.name)) ctx.report(c, 'fork-bomb', 'critical', 0.95, 'This is a fork bomb: a function that pipes into copies of itself exhausts the process table and hangs the machine.');
}
