import type { ShellCommand } from '../../shell/index.js';
import type { RuleContext } from '../context.js';

const DUMP_TOOLS = /^(?:mimikatz|lazagne|secretsdump(?:\.py)?|impacket-secretsdump|pypykatz|procdump|chromepass|hackbrowserdata|sharpchrome|seatbelt|dumpzilla|firefox_decrypt(?:\.py)?|keychaindump|chainbreaker|mimipenguin)$/i;

/** Credential access that is not a plain file read (those are the files scanner's): keychains, secret stores, dumping tools. */
export function credentialAccess(ctx: RuleContext, c: ShellCommand): void {
  const a = c.argv;
  if (c.name === 'security') {
    const sub = a[1] ?? '';
    if (sub === 'dump-keychain') ctx.report(c, 'keychain-dump', 'high', 0.9, "security dump-keychain exports the keychain's saved passwords and keys; do not read the keychain from an agent.");
    else if (/^find-(?:generic|internet)-password$/.test(sub)) {
      const reveals = a.some((x) => /^-[a-zA-Z]*[wg][a-zA-Z]*$/.test(x));
      ctx.report(c, 'keychain-dump', reveals ? 'high' : 'medium', reveals ? 0.85 : 0.6, `security ${sub} reads a saved password from the macOS keychain; ask the user to provide the credential the task needs instead.`);
    } else if (sub === 'export') {
      ctx.report(c, 'keychain-dump', 'high', 0.8, 'security export writes keychain items (possibly private keys) out of the keychain; do not export keychain items from an agent.');
    }
    return;
  }
  const script = c.name.startsWith('python') ? (a[1] ?? '').replace(/^.*\//, '') : '';
  if (DUMP_TOOLS.test(c.name) || (script !== '' && /^python[\d.]*$/.test(c.name) && DUMP_TOOLS.test(script.replace(/\.py$/, '')))) {
    ctx.report(c, 'credential-dump-tool', 'high', 0.9, `${DUMP_TOOLS.test(c.name) ? c.name : script} is a credential-dumping tool; it has no place in a development task.`);
    return;
  }
  if ((c.name === 'gpg' || c.name === 'gpg2') && a.some((x) => x === '--export-secret-keys' || x === '--export-secret-subkeys')) {
    ctx.report(c, 'secret-key-export', 'high', 0.8, 'Exporting GPG secret keys copies private key material out of the keyring; ask the user to do key backups themselves.');
    return;
  }
  if (c.name === 'secret-tool' && a[1] === 'lookup') {
    ctx.report(c, 'keychain-dump', 'medium', 0.6, 'secret-tool lookup reads a saved secret from the desktop keyring; ask the user for the credential the task needs instead.');
    return;
  }
  if (c.name === 'git' && a.includes('credential') && a.includes('fill')) {
    ctx.report(c, 'keychain-dump', 'medium', 0.7, 'git credential fill prints stored git credentials; let git use its credential helper instead.');
    return;
  }
  if (c.name === 'aws' && a[1] === 'configure' && (a[2] === 'export-credentials' || (a[2] === 'get' && /secret|session_token/i.test(a[3] ?? '')))) {
    ctx.report(c, 'cloud-credential-dump', 'medium', 0.6, 'This prints AWS secret credentials; let tools pick them up from the profile instead of printing them.');
    return;
  }
  if ((c.name === 'kubectl' || c.name === 'oc') && a.includes('view') && a.includes('--raw') && a.includes('config')) {
    ctx.report(c, 'cloud-credential-dump', 'medium', 0.6, 'kubectl config view --raw prints cluster credentials; use kubectl with the current context instead.');
  }
}
