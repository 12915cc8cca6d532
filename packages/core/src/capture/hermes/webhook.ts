// Hermes Agent's signed outbound webhooks (`hooks.outbound:` in config.yaml; agent/outbound_webhooks.py,
// hermes-agent 0.21.3) → canonical events. Pure: no I/O; remembering delivery ids against replays
// is the caller's job.
//
// Each delivery POSTs the shell-hook payload plus `delivery_id` (uuid4 hex) and `timestamp`
// (ISO 8601 UTC) in the body, with headers X-Hermes-Event, X-Hermes-Delivery and, when a secret
// is configured, X-Hermes-Signature-256: sha256=<hex HMAC-SHA256 of the raw body> (GitHub style).
// The id and time are inside the signed body, so they are what freshness and replay checks use;
// the unsigned headers must agree with them.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { payloadObject, str, type HookCapture, type HookNormalised, type HookPayload } from '../hooks/adapter.js';
import { isValidId } from '../../model/validate.js';
import { normaliseHermesHook } from './hook.js';

/** How far a delivery's signed timestamp may be from the receiver's clock. */
export const HERMES_WEBHOOK_WINDOW_MS = 5 * 60 * 1000;

export interface HermesWebhookHeaders {
  /** X-Hermes-Signature-256 */
  signature?: string | undefined;
  /** X-Hermes-Delivery */
  delivery?: string | undefined;
  /** X-Hermes-Event */
  event?: string | undefined;
}

export type HermesWebhookRefusal = 'unsigned' | 'bad_signature' | 'malformed' | 'stale';

export type HermesWebhookCheck =
  | { ok: true; payload: HookPayload; deliveryId: string; hook: string; timeMs: number }
  | { ok: false; reason: HermesWebhookRefusal; message: string };

/** The signature header value Hermes sends for `body` under `secret`. */
export function hermesSignature(body: Uint8Array, secret: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(body).digest('hex');
}

/** Whether `header` is the body's signature, compared in constant time. */
export function verifyHermesSignature(body: Uint8Array, header: string | undefined, secret: string): boolean {
  if (!header || secret === '') return false;
  const want = Buffer.from(hermesSignature(body, secret), 'utf8');
  const got = Buffer.from(header.trim(), 'utf8');
  // timingSafeEqual needs equal lengths; a wrong length is wrong, and says nothing about the secret.
  return got.length === want.length && timingSafeEqual(got, want);
}

const refuse = (reason: HermesWebhookRefusal, message: string): HermesWebhookCheck => ({ ok: false, reason, message });

/**
 * A delivery checked in order: signed (else unsigned), signed with `secret` (else bad_signature),
 * a JSON object with a delivery id and event agreeing with the headers (else malformed), signed
 * within `windowMs` of `nowMs` (else stale). Replays are not judged here.
 */
export function checkHermesDelivery(body: Uint8Array, headers: HermesWebhookHeaders, secret: string, nowMs: number, windowMs: number = HERMES_WEBHOOK_WINDOW_MS): HermesWebhookCheck {
  if (!headers.signature) return refuse('unsigned', 'the delivery is not signed: configure the outbound webhook with secret_env (X-Hermes-Signature-256 is missing)');
  if (!verifyHermesSignature(body, headers.signature, secret)) return refuse('bad_signature', 'X-Hermes-Signature-256 does not match the body under the configured secret');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    return refuse('malformed', 'the body is not JSON');
  }
  const p = payloadObject(parsed);
  if (typeof p === 'string') return refuse('malformed', p);
  const deliveryId = str(p, 'delivery_id');
  if (!deliveryId || !isValidId(deliveryId)) return refuse('malformed', 'delivery_id is missing or not a valid id');
  if (headers.delivery !== undefined && headers.delivery !== deliveryId) return refuse('malformed', 'X-Hermes-Delivery does not match the signed delivery_id');
  const hook = str(p, 'hook_event_name');
  if (!hook) return refuse('malformed', 'hook_event_name is missing');
  if (headers.event !== undefined && headers.event !== hook) return refuse('malformed', 'X-Hermes-Event does not match the signed hook_event_name');
  const stamp = str(p, 'timestamp');
  const timeMs = stamp && /^\d{4}-\d{2}-\d{2}T/.test(stamp) ? Date.parse(stamp) : NaN;
  if (!Number.isFinite(timeMs)) return refuse('stale', 'timestamp is missing or not an ISO 8601 time');
  if (Math.abs(nowMs - timeMs) > windowMs) return refuse('stale', `the delivery was signed at ${stamp}, more than ${Math.round(windowMs / 60000)} minutes from the server's clock`);
  return { ok: true, payload: p, deliveryId, hook, timeMs };
}

/**
 * A checked delivery → one canonical event, as the shell hook would have made it (same ids), at the
 * delivery's signed time. Events with no id of their own get one from the delivery id.
 */
export function normaliseHermesWebhook(d: { payload: HookPayload; deliveryId: string; timeMs: number }, cap: Omit<HookCapture, 'timeMs' | 'id'> = {}): HookNormalised {
  // The delivery fields are not the hook's: the raw payload is what a shell hook would have read.
  const { delivery_id: _d, timestamp: _t, ...payload } = d.payload;
  return normaliseHermesHook(payload, { ...cap, timeMs: d.timeMs, id: `hermes:delivery:${d.deliveryId}` });
}
