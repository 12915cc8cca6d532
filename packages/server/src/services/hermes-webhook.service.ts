import { checkHermesDelivery, HERMES_WEBHOOK_WINDOW_MS, normaliseHermesWebhook, type HermesWebhookHeaders } from '@vigil/core';
import type { DecisionService } from './decision.service.js';
import { ApiError, badRequest, conflict, notFound } from './errors.js';
import type { IngestService } from './ingest.service.js';

export interface HermesWebhookOutcome {
  event_id: string;
  /** false: the event was already stored (the shell hook reported it too). */
  stored: boolean;
}

const unauthorized = (message: string) => new ApiError(401, 'unauthorized', message);

/**
 * Hermes Agent's signed outbound webhooks (POST /v1/webhooks/hermes): the signature is the
 * authentication. A delivery is accepted once: its signed delivery id is remembered for the
 * freshness window (older deliveries are refused as stale anyway). The memory is per process and
 * bounded; after a restart a replay within the window is caught only by the event's own id
 * (ingest stores an event once), so it is recorded once but answered 202.
 */
export class HermesWebhookService {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ingest: IngestService,
    private readonly decisions: DecisionService,
    private readonly secret: string | undefined,
    private readonly opts: { windowMs: number; remember: number } = { windowMs: HERMES_WEBHOOK_WINDOW_MS, remember: 50_000 },
  ) {}

  async receive(body: Buffer, headers: HermesWebhookHeaders, nowMs: number = Date.now()): Promise<HermesWebhookOutcome> {
    if (!this.secret) throw notFound('Hermes webhooks are not enabled on this server: set VIGIL_HERMES_WEBHOOK_SECRET to the secret the outbound webhook signs with');
    const check = checkHermesDelivery(body, headers, this.secret, nowMs, this.opts.windowMs);
    if (!check.ok) throw check.reason === 'malformed' ? badRequest(check.message) : unauthorized(check.message);
    this.forgetOld(nowMs);
    if (this.seen.has(check.deliveryId)) throw conflict(`delivery ${check.deliveryId} was already received; a replay is not stored again`);
    const n = normaliseHermesWebhook(check);
    if (!n.ok) throw badRequest(n.error);
    // Remembered before storing, so a concurrent replay of the same delivery is refused too.
    this.remember(check.deliveryId, check.timeMs + this.opts.windowMs);
    const r = await this.ingest.ingestMany([n.event], nowMs);
    if (r.rejected.length > 0) {
      this.seen.delete(check.deliveryId);
      throw badRequest(`the event is not valid: ${r.rejected.flatMap((x) => x.errors).join('; ')}`);
    }
    const fresh = r.accepted.length > 0;
    // Webhooks are notify-only: observed (AgentGuard), never decided.
    if (fresh) await this.decisions.observeLate([n.event], nowMs);
    return { event_id: r.accepted[0] ?? r.duplicates[0] ?? n.event.id, stored: fresh };
  }

  private remember(id: string, untilMs: number): void {
    // Bounded: past the limit the oldest ids go first (Map keeps insertion order).
    while (this.seen.size >= this.opts.remember) this.seen.delete(this.seen.keys().next().value!);
    this.seen.set(id, untilMs);
  }

  private forgetOld(nowMs: number): void {
    for (const [id, until] of this.seen) {
      if (until >= nowMs) break;
      this.seen.delete(id);
    }
  }
}
