import type { ShellCommand } from '../../shell/index.js';
import type { RuleContext } from '../context.js';

const PROTECTED = /^(?:main|master|trunk|develop|development|dev|prod|production|live|stable|release|releases?[/_-].+|hotfix|gh-pages)$/i;
const GLOBAL_VALUE = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--super-prefix', '--config-env']);
const PUSH_VALUE = new Set(['--repo', '--receive-pack', '--exec', '-o', '--push-option']);

/** Force pushes and branch deletions on the remote, graded by the target branch. */
export function forcePush(ctx: RuleContext, c: ShellCommand): void {
  if (c.name !== 'git') return;
  const a = c.argv;
  let k = 1;
  while (k < a.length && a[k]!.startsWith('-')) k += GLOBAL_VALUE.has(a[k]!) ? 2 : 1;
  if (a[k] !== 'push') return;
  let force = false;
  let del = false;
  let all = false;
  const pos: string[] = [];
  for (let i = k + 1; i < a.length; i++) {
    const x = a[i]!;
    if (PUSH_VALUE.has(x)) { i++; continue; }
    if (x === '--force' || x === '--force-with-lease' || x.startsWith('--force-with-lease=') || x === '--force-if-includes') { force = true; continue; }
    if (x === '--mirror') { force = true; all = true; continue; }
    if (x === '--all' || x === '--branches') { all = true; continue; }
    if (x === '--delete') { del = true; continue; }
    if (/^-[a-zA-Z]+$/.test(x)) { if (x.includes('f')) force = true; if (x.includes('d')) del = true; continue; }
    if (x.startsWith('-')) continue;
    pos.push(x);
  }
  const refspecs = pos.slice(1);
  if (refspecs.some((r) => r.startsWith('+'))) force = true;
  const targets = refspecs.map((r) => {
    const s = r.replace(/^\+/, '');
    const colon = s.indexOf(':');
    const dst = colon >= 0 ? s.slice(colon + 1) : s;
    return { dst: dst.replace(/^refs\/heads\//, ''), forced: force || r.startsWith('+'), deleted: del || colon === 0 };
  });
  const protDeleted = targets.find((t) => t.deleted && PROTECTED.test(t.dst));
  if (protDeleted) {
    ctx.report(c, 'protected-branch-delete', 'high', 0.9, `Deleting the remote branch ${protDeleted.dst} removes shared history others depend on; ask the user to do it if it is really intended.`);
    return;
  }
  if (!force) return;
  const prot = targets.find((t) => PROTECTED.test(t.dst));
  const unknown = targets.length === 0 || targets.every((t) => t.dst === 'HEAD' || t.dst === '' || t.dst.includes('$'));
  if (prot && prot.forced) {
    ctx.report(c, 'force-push-protected', 'high', 0.9, `Force-pushing to ${prot.dst} rewrites shared history and can destroy teammates' commits; push to a feature branch and open a pull request instead.`);
  } else if (all) {
    ctx.report(c, 'force-push-protected', 'high', 0.8, 'Force-pushing all branches (--mirror/--all) can overwrite main and release branches on the remote; push the one feature branch you changed.');
  } else if (unknown) {
    ctx.report(c, 'force-push', 'low', 0.55, 'A force push of the current branch rewrites its remote history; make sure it is not a shared branch like main, and prefer --force-with-lease.');
  } else {
    ctx.report(c, 'force-push', 'low', 0.5, `Force-pushing ${targets.map((t) => t.dst).join(', ')} rewrites that branch's remote history; prefer --force-with-lease.`);
  }
}
