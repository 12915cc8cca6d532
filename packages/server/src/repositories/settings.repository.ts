import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Settings by key, each a JSON document. */
export class SettingsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(key: string): Promise<{ value: unknown; updated_ms: number; updated_by: string } | null> {
    const row = await this.db.selectFrom('settings').selectAll().where('key', '=', key).executeTakeFirst();
    return row ? { value: JSON.parse(row.value) as unknown, updated_ms: Number(row.updated_ms), updated_by: row.updated_by } : null;
  }

  async put(key: string, value: unknown, updatedBy: string, nowMs: number): Promise<void> {
    const row = { key, value: JSON.stringify(value), updated_ms: nowMs, updated_by: updatedBy };
    await this.db
      .insertInto('settings')
      .values(row)
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value, updated_ms: row.updated_ms, updated_by: row.updated_by }))
      .execute();
  }
}
