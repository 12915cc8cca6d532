import { join } from 'node:path';
import { ROLES, TokenService, createStore, defaultDataDir, migrate, openDatabase, type TokenView } from '@vigil/server';
import { STORE_OPTIONS, parse } from '../args.js';

const USAGE = `usage: vigil token create --name NAME [--role ${ROLES.join('|')}]
       vigil token list [--json]
       vigil token revoke ID`;

/** Who the audit log names for a change made here: whoever can reach the store's files. */
const ACTOR = 'cli';

/** `vigil token create|list|revoke`: works on the store directly, for whoever can reach its files. Changes are audited. */
export async function token(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { name: { type: 'string' }, role: { type: 'string' }, json: { type: 'boolean' }, ...STORE_OPTIONS });
  const [sub, ...rest] = positionals;
  if (sub !== 'create' && sub !== 'list' && sub !== 'revoke') throw new Error(USAGE);
  if (sub === 'create') {
    if (rest.length > 0 || values.json) throw new Error(USAGE);
    const role = values.role ?? 'admin';
    if (!(ROLES as readonly string[]).includes(role)) throw new Error(`--role must be one of: ${ROLES.join(', ')}`);
    if (!values.name) throw new Error('--name is required (who or what the token is for)');
  } else if (values.name !== undefined || values.role !== undefined) throw new Error(`--name and --role are for "vigil token create"; ${USAGE}`);
  if (sub === 'revoke' && rest.length !== 1) throw new Error(`vigil token revoke takes one token id (vigil token list shows them); ${USAGE}`);
  if (sub === 'list' && rest.length > 0) throw new Error(USAGE);

  const handle = openDatabase({
    url: values['database-url'] ?? process.env.VIGIL_DATABASE_URL,
    sqlitePath: join(values.data ?? defaultDataDir(), 'vigil.db'),
  });
  try {
    await migrate(handle);
    const tokens = new TokenService(createStore(handle));
    if (sub === 'create') {
      const t = await tokens.create({ name: values.name, role: values.role ?? 'admin' }, ACTOR);
      process.stdout.write(t.token + '\n');
    } else if (sub === 'list') {
      const { tokens: list } = await tokens.list();
      process.stdout.write(values.json ? JSON.stringify({ tokens: list }) + '\n' : table(list));
    } else {
      const t = await tokens.revoke(rest[0]!, ACTOR);
      process.stdout.write(`revoked ${t.id} ("${t.name}", ${t.role}): refused from its next request on\n`);
    }
    return 0;
  } finally {
    await handle.close();
  }
}

function table(list: readonly TokenView[]): string {
  if (list.length === 0) return 'no tokens\n';
  const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString().slice(0, 19) + 'Z');
  const rows = [['ID', 'ROLE', 'CREATED', 'REVOKED', 'NAME'], ...list.map((t) => [t.id, t.role, iso(t.created_ms), iso(t.revoked_ms), t.name])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n') + '\n';
}
