import { createHash } from 'node:crypto';
import { summarize, validateEvent, type Action, type ValidEvent, type VigilEvent } from '@vigil/core';
import { scanEvent, worseAction, type ScanEngine, type ScanResult } from '@vigil/scanners';
import type { EventRow } from '../repositories/event.repository.js';
import type { Store } from '../repositories/store.js';
import { badRequest } from './errors.js';

export interface RejectedEvent {
  index: number;
  id?: string;
  errors: string[];
}

export interface IngestResult {
  accepted: string[];
  duplicates: string[];
  rejected: RejectedEvent[];
  /** Valid events of a client disabled in settings/clients: not stored (listed only when there are any). */
  ignored?: string[];
}

export interface IngestOptions {
  maxBatch: number;
  /** The scanners, as currently configured; absent: events are stored unscanned (tests of storage alone). */
  scanning?: { engine(): ScanEngine };
  /** Clients whose events are not stored (settings/clients). */
  disabledClients?: () => ReadonlySet<string>;
}

export interface IngestCallOptions {
  /** Return each valid event's scan result (by id), for a caller that decides on it (the hook path). */
  withScans?: boolean;
  /** The person a device token belongs to: the user of every event, whatever the event says. */
  user?: string;
}

/** The worst action on an event, from its verdict and its scan, for the indexed column. */
function eventAction(e: VigilEvent): Action | null {
  if (!e.verdict && !e.scan) return null;
  return worseAction(e.verdict?.action ?? 'pass', e.scan?.action ?? 'pass');
}

/** An id for an event sent without one: the same content gives the same id, so retries dedupe. */
export function contentId(e: ValidEvent): string {
  return 'c_' + createHash('sha256').update(JSON.stringify(e)).digest('base64url').slice(0, 32);
}

export class IngestService {
  constructor(
    private readonly store: Store,
    private readonly opts: IngestOptions,
  ) {}

  /** Validates a batch, stores its new events and folds them into their sessions, atomically. */
  async ingest(batch: unknown, nowMs: number = Date.now(), call: IngestCallOptions = {}): Promise<IngestResult & { scans?: Map<string, ScanResult> }> {
    const items = this.readBatch(batch);
    const result: IngestResult & { scans?: Map<string, ScanResult> } = { accepted: [], duplicates: [], rejected: [] };
    const engine = this.opts.scanning?.engine();
    if (call.withScans) result.scans = new Map();
    const rows: EventRow[] = [];
    const events: VigilEvent[] = [];
    const times: number[] = [];
    const seen = new Set<string>();
    const disabled = this.opts.disabledClients?.();

    for (let i = 0; i < items.length; i++) {
      const v = validateEvent(items[i], nowMs, `events[${i}]`);
      if (!v.ok) {
        const id = (items[i] as { id?: unknown } | null)?.id;
        result.rejected.push(typeof id === 'string' ? { index: i, id, errors: v.errors } : { index: i, errors: v.errors });
        continue;
      }
      let { raw, ...normal } = v.event;
      if (call.user) normal.user = call.user;
      const id = normal.id ?? contentId(v.event);
      if (seen.has(id)) {
        result.duplicates.push(id);
        continue;
      }
      seen.add(id);
      if (disabled?.has(normal.client)) {
        (result.ignored ??= []).push(id);
        continue;
      }
      let event = { id, ...normal } as VigilEvent;
      if (engine) {
        // Scanned before it is stored, so masked text is never written.
        const scanned = scanEvent(engine, event, raw);
        if (scanned) {
          event = scanned.event;
          raw = scanned.raw;
          result.scans?.set(id, scanned.result);
        }
      }
      events.push(event);
      times.push(v.timeMs);
      rows.push({
        id,
        session_id: event.session_id,
        seq: event.seq ?? 0,
        time_ms: v.timeMs,
        kind: event.kind,
        tool_name: event.tool?.name ?? null,
        tool_kind: event.tool?.kind ?? null,
        mcp_server: event.tool?.mcp_server ?? null,
        call_id: event.tool?.call_id ?? null,
        parent_id: event.parent_id ?? null,
        action: eventAction(event),
        ingested_ms: nowMs,
        body: JSON.stringify(event),
        raw: raw === undefined ? null : JSON.stringify(raw),
        doc: event,
      });
    }
    if (rows.length === 0) return result;

    await this.store.transaction(async (repos) => {
      const inserted = await repos.events.insert(rows);
      const fresh: VigilEvent[] = [];
      const freshTimes: number[] = [];
      for (let i = 0; i < events.length; i++) {
        const e = events[i]!;
        if (inserted.has(e.id)) {
          fresh.push(e);
          freshTimes.push(times[i]!);
          result.accepted.push(e.id);
        } else {
          result.duplicates.push(e.id);
        }
      }
      await repos.sessions.merge([...summarize(fresh, freshTimes).values()], nowMs);
    });
    if (result.accepted.length > 0) this.store.search.poke();
    return result;
  }

  /**
   * Events a capture adapter produced, any number: stored in batches of `maxBatch` (one
   * transaction each), with one result. Rejected indexes are positions in `events`.
   */
  async ingestMany(events: readonly unknown[], nowMs: number = Date.now()): Promise<IngestResult> {
    const out: IngestResult = { accepted: [], duplicates: [], rejected: [] };
    for (let i = 0; i < events.length; i += this.opts.maxBatch) {
      const r = await this.ingest({ schema_version: 1, events: events.slice(i, i + this.opts.maxBatch) }, nowMs);
      out.accepted.push(...r.accepted);
      out.duplicates.push(...r.duplicates);
      if (r.ignored) (out.ignored ??= []).push(...r.ignored);
      for (const x of r.rejected) out.rejected.push({ ...x, index: x.index + i });
    }
    return out;
  }

  private readBatch(batch: unknown): unknown[] {
    if (typeof batch !== 'object' || batch === null || Array.isArray(batch)) {
      throw badRequest('body must be a JSON object: {"schema_version": 1, "events": [...]}');
    }
    const b = batch as Record<string, unknown>;
    for (const key of Object.keys(b)) {
      if (key !== 'events' && key !== 'schema_version') throw badRequest(`unknown field "${key}"; a batch has "schema_version" and "events"`);
    }
    if (b.schema_version !== undefined && b.schema_version !== 1) {
      throw badRequest(`schema_version ${JSON.stringify(b.schema_version)} is not supported; this server speaks schema_version 1`);
    }
    if (!Array.isArray(b.events)) throw badRequest('"events" must be an array of events');
    if (b.events.length === 0) throw badRequest('"events" is empty');
    if (b.events.length > this.opts.maxBatch) {
      throw badRequest(`"events" has ${b.events.length} events; at most ${this.opts.maxBatch} per batch`);
    }
    return b.events;
  }
}
