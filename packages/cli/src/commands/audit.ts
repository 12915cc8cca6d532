import { join } from 'node:path';
import { createStore, defaultDataDir, migrate, openDatabase, verifyAudit } from '@vigil/server';
import { STORE_OPTIONS, parse } from '../args.js';

/**
 * `vigil audit verify`: recomputes the audit log's hash chain from the store itself and names
 * every altered or missing entry. Exit 0 when the chain holds, 1 when it does not.
 */
export async function audit(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, ...STORE_OPTIONS });
  if (positionals[0] !== 'verify') throw new Error('usage: vigil audit verify [--data DIR] [--database-url URL] [--json]');
  const handle = openDatabase({
    url: values['database-url'] ?? process.env.VIGIL_DATABASE_URL,
    sqlitePath: join(values.data ?? defaultDataDir(), 'vigil.db'),
  });
  try {
    await migrate(handle);
    const r = await verifyAudit(createStore(handle));
    if (values.json) process.stdout.write(JSON.stringify(r) + '\n');
    else if (r.ok) {
      const head = r.head ? `; head: entry ${r.head.id}, hash ${r.head.hash}` : '';
      process.stdout.write(`audit log verified: ${r.entries} entries, chain intact${head}\n`);
    } else {
      process.stdout.write(`audit log FAILED verification (${r.entries} entries checked):\n${r.problems.map((p) => `  ${p.problem}`).join('\n')}\n`);
    }
    return r.ok ? 0 : 1;
  } finally {
    await handle.close();
  }
}
