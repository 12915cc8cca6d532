import { join } from 'node:path';
import { AuthService, createStore, defaultDataDir, migrate, openDatabase } from '@vigil/server';
import { STORE_OPTIONS, parse } from '../args.js';

const ROLES = ['admin', 'ingest', 'read'] as const;

/** `vigil token create`: writes a token straight into the store, for whoever can reach its files. */
export async function token(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { name: { type: 'string' }, role: { type: 'string' }, ...STORE_OPTIONS });
  if (positionals[0] !== 'create') throw new Error('usage: vigil token create --name NAME [--role admin|ingest|read]');
  const role = (values.role ?? 'admin') as (typeof ROLES)[number];
  if (!ROLES.includes(role)) throw new Error(`--role must be one of: ${ROLES.join(', ')}`);
  if (!values.name) throw new Error('--name is required (who or what the token is for)');
  const handle = openDatabase({
    url: values['database-url'] ?? process.env.VIGIL_DATABASE_URL,
    sqlitePath: join(values.data ?? defaultDataDir(), 'vigil.db'),
  });
  try {
    await migrate(handle);
    const t = await new AuthService(createStore(handle)).createToken(values.name, role);
    process.stdout.write(t + '\n');
    return 0;
  } finally {
    await handle.close();
  }
}
