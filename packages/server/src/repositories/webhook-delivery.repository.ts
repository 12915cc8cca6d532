import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export class WebhookDeliveryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Claims a delivery id: true the first time, false for a replay. One statement, so two
   * concurrent deliveries of the same id (on any server sharing the store) cannot both win.
   * Expired ids are dropped first, a few at a time.
   */
  async claim(source: string, deliveryId: string, expiresMs: number, nowMs: number): Promise<boolean> {
    await this.db.deleteFrom('webhook_deliveries').where('expires_ms', '<', nowMs).execute();
    const r = await this.db
      .insertInto('webhook_deliveries')
      .values({ source, delivery_id: deliveryId, expires_ms: expiresMs })
      .onConflict((oc) => oc.columns(['source', 'delivery_id']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  /** Forgets a claim whose delivery could not be stored, so the sender may try again. */
  async release(source: string, deliveryId: string): Promise<void> {
    await this.db.deleteFrom('webhook_deliveries').where('source', '=', source).where('delivery_id', '=', deliveryId).execute();
  }
}
