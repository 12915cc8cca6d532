// The contract every agent client's hook capture implements (version 1). Small, pure and
// dependency-free: the server normalises and answers with it, the relay answers with it when the
// server cannot, and the shared contract test (contract.test.ts) runs every client's fixtures
// through the same assertions. A new client is one adapter and one fixture folder.
import type { Device, VigilEvent } from '../../model/event.js';
import type { ClientId, EventKind } from '../../model/kinds.js';
import { isoUtc } from '../../model/time.js';

/** What Vigil decided about one hook event, before it is put into the client's wire format. */
export type HookDecision =
  | { action: 'allow' }
  | { action: 'deny'; reason: string }
  /** Run the call with this input instead (secrets masked out of it). */
  | { action: 'rewrite'; input: Record<string, unknown>; reason: string };

/** What the relay knows about the capture beyond the payload. */
export interface HookCapture {
  /** When the relay read the event, epoch ms: a spooled event keeps its own time. */
  timeMs: number;
  /** Fixed by the relay when it read the event, so a resend is recognised as the same event (used when the event has no id of its own). */
  id?: string;
  user?: string;
  device?: Device;
  clientVersion?: string;
}

export type HookNormalised = { ok: true; event: VigilEvent; hook: string } | { ok: false; error: string };

export type HookPayload = Record<string, unknown>;

export interface HookAdapter {
  readonly contract: 1;
  /** The client id events carry, and the last segment of its hooks endpoint (/v1/hooks/<client>). */
  readonly client: ClientId;
  /** Every hook event the client emits, and the canonical kind each becomes (a tool_result event may be a tool_error when the call failed). Others are refused. */
  readonly events: Readonly<Record<string, EventKind>>;
  /**
   * Events the client emits that Vigil deliberately does not record (e.g. one per streamed model
   * chunk): answered as allowed, nothing stored. A hook installed for one by hand is harmless.
   */
  readonly ignored?: ReadonlySet<string>;
  /** Events asked before an action runs: a deny stops the action, and enforce mode denies them when Vigil cannot answer. */
  readonly deciding: ReadonlySet<string>;
  /** Events whose answer can carry a block at all (deciding ones, and e.g. a finished call or a prompt). */
  readonly blockable: ReadonlySet<string>;
  /** The hook event a payload is for (undefined when it does not say). */
  eventName(payload: HookPayload): string | undefined;
  /** One payload → one canonical event (the payload kept as raw), or why it cannot be one. */
  normalise(payload: unknown, cap: HookCapture): HookNormalised;
  /** The decision in the client's wire format: the JSON the hook prints on stdout (exit 0). */
  answer(hook: string, decision: HookDecision): Record<string, unknown>;
}

/** A payload's non-empty string field. */
export const str = (p: HookPayload, k: string): string | undefined => (typeof p[k] === 'string' && p[k] !== '' ? (p[k] as string) : undefined);

/** A payload's non-negative finite number field. */
export const num = (p: HookPayload, k: string): number | undefined => (typeof p[k] === 'number' && Number.isFinite(p[k]) && (p[k] as number) >= 0 ? (p[k] as number) : undefined);

/** The payload as an object, or why it is not one. */
export function payloadObject(payload: unknown): HookPayload | string {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return 'the hook payload must be a JSON object';
  return payload as HookPayload;
}

/**
 * The checks every adapter starts with: a JSON object naming a known event and a session.
 * `session` picks the session id out of the payload (clients name it differently).
 */
export function hookStart(adapter: Pick<HookAdapter, 'client' | 'events' | 'eventName'>, payload: unknown, session: (p: HookPayload) => string | undefined): { p: HookPayload; hook: string; kind: EventKind; session: string } | { error: string } {
  const p = payloadObject(payload);
  if (typeof p === 'string') return { error: p };
  const hook = adapter.eventName(p);
  if (!hook) return { error: 'the payload does not name its hook event (hook_event_name)' };
  const kind = adapter.events[hook];
  if (!kind) return { error: `"${hook}" is not a ${adapter.client} hook event this server knows (${Object.keys(adapter.events).join(', ')})` };
  const s = session(p);
  if (!s) return { error: `the ${hook} payload names no session` };
  return { p, hook, kind, session: s };
}

/**
 * The canonical event's common part. `id`: the event's own id when it has one (a tool call's id
 * with the hook name), so a resend or the same event from another capture path is stored once;
 * else the relay's, else one from the time.
 */
export function hookEvent(client: ClientId, session: string, hook: string, kind: EventKind, cap: HookCapture, ownId?: string): VigilEvent {
  const e: VigilEvent = {
    id: ownId ?? cap.id ?? `${client}:${session}:${hook}:${cap.timeMs}`,
    session_id: session,
    time: isoUtc(cap.timeMs),
    kind,
    client,
    capture: 'hook',
  };
  if (cap.clientVersion) e.client_version = cap.clientVersion;
  if (cap.user) e.user = cap.user;
  if (cap.device) e.device = cap.device;
  return e;
}
