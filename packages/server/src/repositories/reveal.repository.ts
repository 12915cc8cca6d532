import type { Insertable, Kysely } from 'kysely';
import type { Database, RevealsTable } from './schema.js';

export class RevealRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: Insertable<RevealsTable>): Promise<void> {
    await this.db.insertInto('reveals').values(row).execute();
  }

  async active(reader: string, sessionId: string, nowMs: number): Promise<boolean> {
    const r = await this.db.selectFrom('reveals').select('id').where('reader', '=', reader).where('session_id', '=', sessionId).where('expires_ms', '>', nowMs).executeTakeFirst();
    return r !== undefined;
  }
}
