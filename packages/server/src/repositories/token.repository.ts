import type { Kysely, Selectable } from 'kysely';
import type { Database, TokensTable } from './schema.js';

export type TokenRow = Selectable<TokensTable>;

export class TokenRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findActiveByHash(hash: string): Promise<TokenRow | undefined> {
    return this.db.selectFrom('tokens').selectAll().where('hash', '=', hash).where('revoked_ms', 'is', null).executeTakeFirst();
  }

  async insert(row: TokenRow): Promise<void> {
    await this.db.insertInto('tokens').values(row).execute();
  }

  /** Inserts unless a token with this hash exists (the env-supplied admin token on each start). */
  async ensure(row: TokenRow): Promise<void> {
    await this.db.insertInto('tokens').values(row).onConflict((oc) => oc.column('hash').doNothing()).execute();
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
