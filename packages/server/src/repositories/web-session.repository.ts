import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** A live console sign-in: by a token (token_id) or by a person (user_id, token_id ''). */
export interface WebSessionRow {
  token_id: string;
  user_id: string | null;
  expires_ms: number;
}

/** Console sign-ins, keyed by the SHA-256 of the cookie value; valid while their token or person is (auth.service checks). */
export class WebSessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(idHash: string, by: { tokenId: string } | { userId: string }, nowMs: number, expiresMs: number): Promise<void> {
    const who = 'tokenId' in by ? { token_id: by.tokenId, user_id: null } : { token_id: '', user_id: by.userId };
    await this.db.insertInto('web_sessions').values({ id_hash: idHash, ...who, created_ms: nowMs, expires_ms: expiresMs }).execute();
  }

  async find(idHash: string, nowMs: number): Promise<WebSessionRow | undefined> {
    return this.db
      .selectFrom('web_sessions')
      .select(['token_id', 'user_id', 'expires_ms'])
      .where('id_hash', '=', idHash)
      .where('expires_ms', '>', nowMs)
      .executeTakeFirst();
  }

  /** Ends every console sign-in of a person (disabled, or their role changed). */
  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('web_sessions').where('user_id', '=', userId).execute();
  }

  async delete(idHash: string): Promise<void> {
    await this.db.deleteFrom('web_sessions').where('id_hash', '=', idHash).execute();
  }

  /** Ends every console sign-in made with a token (it was revoked). */
  async deleteForToken(tokenId: string): Promise<void> {
    await this.db.deleteFrom('web_sessions').where('token_id', '=', tokenId).execute();
  }

  async purgeExpired(nowMs: number): Promise<void> {
    await this.db.deleteFrom('web_sessions').where('expires_ms', '<=', nowMs).execute();
  }
}
