import { useRef } from 'react';
import { api, isAbort } from '../../api/client';
import type { SessionCounts, SessionPage } from '../../api/types';
import { ErrorBox, Loading } from '../../components/ErrorBox';
import { useApi, useReadyFlag } from '../../hooks/useApi';
import { Link, navigate, useRoute } from '../../router';
import { FilterBar } from './FilterBar';
import { apiFilters, apiListQuery, listHref, listStateOf, prevStackOf, type Filters, type ListState, type Sort, type Tab } from './filters';
import { SessionsTable } from './SessionsTable';

const PAGE_SIZE = 50;
const TAB_LABELS: Record<Tab, string> = { all: 'All', alerted: 'Alerted', blocked: 'Blocked' };

export function SessionsPage() {
  const route = useRoute();
  const state = listStateOf(route.query);
  const prev = prevStackOf(route.state);
  const listKey = JSON.stringify(state);
  const countsKey = JSON.stringify(state.filters);
  const countsCache = useRef<{ key: string; counts: SessionCounts | null } | null>(null);

  // Rows and tab counts arrive together, so they never disagree on screen; counts are fetched
  // again only when the filters change (not for a tab, a sort or a page).
  const list = useApi(async (signal) => {
    const cached = countsCache.current?.key === countsKey ? countsCache.current.counts : undefined;
    const [page, counts] = await Promise.all([
      api.get<SessionPage>('/v1/sessions', apiListQuery(state, PAGE_SIZE), signal),
      cached !== undefined ? cached : api.get<SessionCounts>('/v1/sessions/counts', apiFilters(state.filters), signal).catch((err: unknown) => (isAbort(err) ? Promise.reject(err) : null)),
    ]);
    countsCache.current = { key: countsKey, counts };
    return { page, counts };
  }, listKey);
  useReadyFlag('sessions', !list.loading && (list.data !== null || list.error !== null));

  // Any change but paging starts again at the first page.
  const go = (next: Partial<ListState>) => navigate(listHref({ ...state, cursor: '', ...next }));
  const onSort = (s: Sort) => go({ sort: s, order: state.sort === s && state.order === 'desc' ? 'asc' : 'desc' });
  const onApply = (filters: Filters) => go({ filters });
  const nextPage = (cursor: string) => navigate(listHref({ ...state, cursor }), { state: { prev: [...prev, state.cursor] } });
  const prevPage = () => navigate(listHref({ ...state, cursor: prev[prev.length - 1] ?? '' }), { state: { prev: prev.slice(0, -1) } });

  const tabCount = (t: Tab): number | undefined => list.data?.counts?.[t];
  const sessions = list.data?.page.sessions ?? [];
  const nextCursor = list.data?.page.next_cursor ?? null;
  // A shared link may start mid-way (a cursor without the Prev stack): no page number then.
  const pageNo = state.cursor && prev.length === 0 ? null : prev.length + 1;

  return (
    <div className="page">
      <div className="page-head">
        <h1>Sessions</h1>
        <nav className="tabs" aria-label="Security outcome">
          {(Object.keys(TAB_LABELS) as Tab[]).map((t) => (
            <Link
              key={t}
              to={listHref({ ...state, tab: t, cursor: '' })}
              className={`tab tab-${t}${state.tab === t ? ' active' : ''}`}
              aria-current={state.tab === t ? 'page' : undefined}
              data-testid={`tab-${t}`}
            >
              {TAB_LABELS[t]}
              <span className="tab-count" data-testid="tab-count">
                {/* plain digits: tests and screen readers read them as numbers */}
                {list.data === null ? '…' : (tabCount(t)?.toString() ?? '–')}
              </span>
            </Link>
          ))}
        </nav>
      </div>

      <FilterBar filters={state.filters} onApply={onApply} />
      <ErrorBox error={list.error} />

      <div className={`table-wrap${list.loading ? ' is-loading' : ''}`}>
        {list.data === null && list.loading ? <Loading what="Loading sessions" /> : null}
        {list.data !== null ? <SessionsTable sessions={sessions} sort={state.sort} order={state.order} onSort={onSort} /> : null}
        {list.data !== null && sessions.length === 0 ? (
          <div className="empty" data-testid="sessions-empty">
            No sessions match these filters.
          </div>
        ) : null}
      </div>

      <div className="pager">
        <button type="button" className="button" data-testid="page-prev" disabled={!state.cursor} onClick={prevPage}>
          ← Prev
        </button>
        <span className="muted">
          {pageNo !== null ? `Page ${pageNo}` : 'Page …'}
          {sessions.length > 0 ? ` · ${sessions.length} shown` : ''}
        </span>
        <button
          type="button"
          className="button"
          data-testid="page-next"
          disabled={!nextCursor || list.loading}
          onClick={() => nextCursor && nextPage(nextCursor)}
        >
          Next →
        </button>
      </div>
    </div>
  );
}
