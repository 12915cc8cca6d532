import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, TokensTable } from './schema.js';

export type TokenRow = Selectable<TokensTable>;

export class TokenRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findActiveByHash(hash: string): Promise<TokenRow | undefined> {
    return this.db.selectFrom('tokens').selectAll().where('hash', '=', hash).where('revoked_ms', 'is', null).executeTakeFirst();
  }

  async insert(row: Insertable<TokensTable>): Promise<void> {
    await this.db.insertInto('tokens').values(row).execute();
  }

  /** Inserts unless a token with this hash exists (the env-supplied admin token on each start). */
  async ensure(row: Insertable<TokensTable>): Promise<void> {
    await this.db.insertInto('tokens').values(row).onConflict((oc) => oc.column('hash').doNothing()).execute();
  }

  async get(id: string): Promise<TokenRow | undefined> {
    return this.db.selectFrom('tokens').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Every token, oldest first, without its hash. */
  async list(): Promise<Pick<TokenRow, 'id' | 'name' | 'role' | 'created_ms' | 'revoked_ms' | 'user_id' | 'device_id' | 'device_hostname' | 'device_os'>[]> {
    const rows = await this.db.selectFrom('tokens').select(['id', 'name', 'role', 'created_ms', 'revoked_ms', 'user_id', 'device_id', 'device_hostname', 'device_os']).orderBy('created_ms').orderBy('id').execute();
    return rows.map((r) => ({ ...r, created_ms: Number(r.created_ms), revoked_ms: r.revoked_ms === null ? null : Number(r.revoked_ms) }));
  }

  /** Marks an active token revoked; false when it was not active (unknown, or revoked already). */
  async revoke(id: string, nowMs: number): Promise<boolean> {
    const r = await this.db.updateTable('tokens').set({ revoked_ms: nowMs }).where('id', '=', id).where('revoked_ms', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async countActive(): Promise<number> {
    const r = await this.db
      .selectFrom('tokens')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('revoked_ms', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
