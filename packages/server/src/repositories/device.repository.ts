import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, DeviceCodesTable, EnrolmentKeysTable } from './schema.js';

export type DeviceCodeRow = Selectable<DeviceCodesTable>;
export type EnrolmentKeyRow = Selectable<EnrolmentKeysTable>;

const num = (v: number | null): number | null => (v === null ? null : Number(v));

// PostgreSQL returns bigint columns as strings.
function codeRow(r: DeviceCodeRow): DeviceCodeRow {
  return { ...r, created_ms: Number(r.created_ms), expires_ms: Number(r.expires_ms), interval_s: Number(r.interval_s), last_poll_ms: num(r.last_poll_ms), denied: Number(r.denied) };
}

function keyRow(r: EnrolmentKeyRow): EnrolmentKeyRow {
  return { ...r, created_ms: Number(r.created_ms), revoked_ms: num(r.revoked_ms) };
}

/** Device logins in progress (RFC 8628) and organisation enrolment keys. */
export class DeviceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insertCode(row: Insertable<DeviceCodesTable>): Promise<void> {
    await this.db.insertInto('device_codes').values(row).execute();
  }

  async codeByHash(hash: string): Promise<DeviceCodeRow | undefined> {
    const r = await this.db.selectFrom('device_codes').selectAll().where('device_code_hash', '=', hash).executeTakeFirst();
    return r && codeRow(r);
  }

  async codeByUserCode(userCode: string): Promise<DeviceCodeRow | undefined> {
    const r = await this.db.selectFrom('device_codes').selectAll().where('user_code', '=', userCode).executeTakeFirst();
    return r && codeRow(r);
  }

  /** Updates a code only while it is still undecided and unused; false when it was not. */
  async decide(hash: string, patch: Pick<Updateable<DeviceCodesTable>, 'approved_by_user_id' | 'denied'>): Promise<boolean> {
    const r = await this.db.updateTable('device_codes').set(patch).where('device_code_hash', '=', hash).where('approved_by_user_id', 'is', null).where('denied', '=', 0).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async polled(hash: string, nowMs: number): Promise<void> {
    await this.db.updateTable('device_codes').set({ last_poll_ms: nowMs }).where('device_code_hash', '=', hash).execute();
  }

  /** Marks the code used by this token; false when another poll used it first (single use). */
  async consume(hash: string, tokenId: string): Promise<boolean> {
    const r = await this.db.updateTable('device_codes').set({ token_id: tokenId }).where('device_code_hash', '=', hash).where('token_id', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Drops codes that expired before `beforeMs` (kept a while so a late poll still hears expired_token). */
  async purgeExpired(beforeMs: number): Promise<void> {
    await this.db.deleteFrom('device_codes').where('expires_ms', '<', beforeMs).execute();
  }

  async insertKey(row: Insertable<EnrolmentKeysTable>): Promise<void> {
    await this.db.insertInto('enrolment_keys').values(row).execute();
  }

  async keyById(id: string): Promise<EnrolmentKeyRow | undefined> {
    const r = await this.db.selectFrom('enrolment_keys').selectAll().where('id', '=', id).executeTakeFirst();
    return r && keyRow(r);
  }

  async activeKeyByHash(hash: string): Promise<EnrolmentKeyRow | undefined> {
    const r = await this.db.selectFrom('enrolment_keys').selectAll().where('hash', '=', hash).where('revoked_ms', 'is', null).executeTakeFirst();
    return r && keyRow(r);
  }

  async listKeys(): Promise<EnrolmentKeyRow[]> {
    return (await this.db.selectFrom('enrolment_keys').selectAll().orderBy('created_ms').orderBy('id').execute()).map(keyRow);
  }

  /** False when the key was not active. */
  async revokeKey(id: string, nowMs: number): Promise<boolean> {
    const r = await this.db.updateTable('enrolment_keys').set({ revoked_ms: nowMs }).where('id', '=', id).where('revoked_ms', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
