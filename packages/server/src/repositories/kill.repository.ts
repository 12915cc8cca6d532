import type { Kysely } from 'kysely';
import type { Database, KillsTable } from './schema.js';

export type Kill = KillsTable;

/** Kill switches. A kill is lifted, never deleted, so the record of it stays. */
export class KillRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(k: Kill): Promise<void> {
    await this.db.insertInto('kills').values(k).execute();
  }

  async active(): Promise<Kill[]> {
    const rows = await this.db.selectFrom('kills').selectAll().where('lifted_ms', 'is', null).orderBy('created_ms').execute();
    return rows.map(num);
  }

  async list(limit: number): Promise<Kill[]> {
    const rows = await this.db.selectFrom('kills').selectAll().orderBy('created_ms', 'desc').limit(limit).execute();
    return rows.map(num);
  }

  async get(id: string): Promise<Kill | undefined> {
    const row = await this.db.selectFrom('kills').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? num(row) : undefined;
  }

  /** Lifts an active kill; false when there is none with that id. */
  async lift(id: string, by: string, nowMs: number): Promise<boolean> {
    const r = await this.db.updateTable('kills').set({ lifted_ms: nowMs, lifted_by: by }).where('id', '=', id).where('lifted_ms', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}

// PostgreSQL returns bigint columns as strings.
function num(r: Kill): Kill {
  return { ...r, created_ms: Number(r.created_ms), lifted_ms: r.lifted_ms === null ? null : Number(r.lifted_ms) };
}
