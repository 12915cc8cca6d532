import { useEffect, useRef, useState } from 'react';
import { api, ApiError, isAbort } from '../../api/client';
import type { LiveUpdate, SessionDetail, SessionRecord, VigilEvent } from '../../api/types';
import { useVisible } from '../../hooks/useApi';

const PAGE = 5000;
const POLL_MS = 2000;

export interface SessionData {
  session: SessionRecord | null;
  events: VigilEvent[];
  error: unknown;
  /** Later timeline pages are still being fetched. */
  loadingMore: boolean;
  /** Polling /live right now. */
  live: boolean;
}

/**
 * The session and its whole timeline: the first page at once, later pages in the background,
 * then (while the session is active and the tab visible) new events every 2 s from /live.
 */
export function useSessionData(id: string): SessionData {
  const [session, setSession] = useState<SessionRecord | null>(null);
  const [events, setEvents] = useState<VigilEvent[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [liveReady, setLiveReady] = useState(false);
  const seen = useRef(new Set<string>());
  const since = useRef<number | null>(null);
  const visible = useVisible();

  const append = (batch: readonly VigilEvent[]) => {
    const fresh = batch.filter((e) => e && typeof e.id === 'string' && !seen.current.has(e.id));
    if (fresh.length === 0) return;
    for (const e of fresh) seen.current.add(e.id);
    setEvents((prev) => [...prev, ...fresh]);
  };

  useEffect(() => {
    const ctl = new AbortController();
    const path = `/v1/sessions/${encodeURIComponent(id)}`;
    (async () => {
      // The clock for /live is taken before the timeline, so nothing falls between the two.
      const clock = await api.get<LiveUpdate>(`${path}/live`, undefined, ctl.signal).catch((err: unknown) => {
        if (isAbort(err)) throw err;
        return null; // no live updates (e.g. an older server); the timeline still loads
      });
      since.current = clock ? clock.server_ms : null;
      const first = await api.get<SessionDetail>(path, { limit: PAGE }, ctl.signal);
      setSession(first.session);
      append(first.timeline ?? []);
      let cursor = first.next_cursor;
      setLoadingMore(Boolean(cursor));
      while (cursor && !ctl.signal.aborted) {
        const page = await api.get<SessionDetail>(path, { limit: PAGE, cursor }, ctl.signal);
        append(page.timeline ?? []);
        cursor = page.next_cursor;
      }
      setLoadingMore(false);
      if (since.current !== null) setLiveReady(true);
    })().catch((err: unknown) => {
      if (ctl.signal.aborted || isAbort(err)) return;
      setLoadingMore(false);
      setError(err);
    });
    return () => ctl.abort();
    // append only touches refs and setters
  }, [id]);

  const live = liveReady && visible && session?.status === 'active';

  useEffect(() => {
    if (!live) return;
    const ctl = new AbortController();
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const u = await api.get<LiveUpdate>(`/v1/sessions/${encodeURIComponent(id)}/live`, { since: since.current }, ctl.signal);
        since.current = u.server_ms;
        setSession(u.session);
        append(u.events ?? []);
      } catch (err) {
        if (ctl.signal.aborted || isAbort(err)) return;
        // A missing session stops polling; other errors (a restart) retry on the next tick.
        if (err instanceof ApiError && err.status === 404) return setError(err);
      }
      if (!ctl.signal.aborted) timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, POLL_MS);
    return () => {
      ctl.abort();
      clearTimeout(timer);
    };
  }, [live, id]);

  return { session, events, error, loadingMore, live };
}
