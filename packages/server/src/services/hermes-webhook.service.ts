import { checkHermesDelivery, HERMES_WEBHOOK_WINDOW_MS, normaliseHermesWebhook, type HermesWebhookHeaders } from '@vigil/core';
import type { DecisionService } from './decision.service.js';
import { ApiError, badRequest, conflict, notFound } from './errors.js';
import type { IngestService } from './ingest.service.js';
import type { WebhookDeliveryRepository } from '../repositories/webhook-delivery.repository.js';

export interface HermesWebhookOutcome {
  event_id: string;
  /** false: the event was already stored (the shell hook reported it too). */
  stored: boolean;
}

const unauthorized = (message: string) => new ApiError(401, 'unauthorized', message);

/**
 * Hermes Agent's signed outbound webhooks (POST /v1/webhooks/hermes): the signature is the
 * authentication. A delivery is accepted once: its signed delivery id is claimed in the store for
 * the freshness window (older deliveries are refused as stale anyway), so a replay is refused
 * after a restart and on every server sharing the store.
 */
export class HermesWebhookService {
  constructor(
    private readonly ingest: IngestService,
    private readonly decisions: DecisionService,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly secret: string | undefined,
    private readonly windowMs: number = HERMES_WEBHOOK_WINDOW_MS,
  ) {}

  async receive(body: Buffer, headers: HermesWebhookHeaders, nowMs: number = Date.now()): Promise<HermesWebhookOutcome> {
    if (!this.secret) throw notFound('Hermes webhooks are not enabled on this server: set VIGIL_HERMES_WEBHOOK_SECRET to the secret the outbound webhook signs with');
    const check = checkHermesDelivery(body, headers, this.secret, nowMs, this.windowMs);
    if (!check.ok) throw check.reason === 'malformed' ? badRequest(check.message) : unauthorized(check.message);
    const n = normaliseHermesWebhook(check);
    if (!n.ok) throw badRequest(n.error);
    // Claimed before storing, so a concurrent replay of the same delivery is refused too.
    if (!(await this.deliveries.claim('hermes', check.deliveryId, check.timeMs + this.windowMs, nowMs))) {
      throw conflict(`delivery ${check.deliveryId} was already received; a replay is not stored again`);
    }
    const r = await this.ingest.ingestMany([n.event], nowMs);
    if (r.rejected.length > 0) {
      await this.deliveries.release('hermes', check.deliveryId);
      throw badRequest(`the event is not valid: ${r.rejected.flatMap((x) => x.errors).join('; ')}`);
    }
    const fresh = r.accepted.length > 0;
    // Webhooks are notify-only: observed (AgentGuard), never decided.
    if (fresh) await this.decisions.observeLate([n.event], nowMs);
    return { event_id: r.accepted[0] ?? r.duplicates[0] ?? n.event.id, stored: fresh };
  }
}
