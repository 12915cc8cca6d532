import type { Insertable, Kysely } from 'kysely';
import type { Database, RevealsTable } from './schema.js';

export class RevealRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: Insertable<RevealsTable>): Promise<void> {
    await this.db.insertInto('reveals').values(row).execute();
  }

  /** The sessions a reader has revealed and may still see. */
  async activeFor(reader: string, nowMs: number): Promise<Set<string>> {
    const rows = await this.db.selectFrom('reveals').select('session_id').where('reader', '=', reader).where('expires_ms', '>', nowMs).execute();
    return new Set(rows.map((r) => r.session_id));
  }
}
