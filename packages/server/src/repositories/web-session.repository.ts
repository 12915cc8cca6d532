import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface WebSessionPrincipal {
  token_id: string;
  name: string;
  role: string;
  expires_ms: number;
}

/** Console sign-ins, keyed by the SHA-256 of the cookie value; valid while their token is. */
export class WebSessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(idHash: string, tokenId: string, nowMs: number, expiresMs: number): Promise<void> {
    await this.db.insertInto('web_sessions').values({ id_hash: idHash, token_id: tokenId, created_ms: nowMs, expires_ms: expiresMs }).execute();
  }

  async find(idHash: string, nowMs: number): Promise<WebSessionPrincipal | undefined> {
    return this.db
      .selectFrom('web_sessions')
      .innerJoin('tokens', 'tokens.id', 'web_sessions.token_id')
      .select(['web_sessions.token_id', 'tokens.name', 'tokens.role', 'web_sessions.expires_ms'])
      .where('web_sessions.id_hash', '=', idHash)
      .where('web_sessions.expires_ms', '>', nowMs)
      .where('tokens.revoked_ms', 'is', null)
      .executeTakeFirst();
  }

  async delete(idHash: string): Promise<void> {
    await this.db.deleteFrom('web_sessions').where('id_hash', '=', idHash).execute();
  }

  async purgeExpired(nowMs: number): Promise<void> {
    await this.db.deleteFrom('web_sessions').where('expires_ms', '<=', nowMs).execute();
  }
}
