// The sessions list's state, all in the URL: /sessions?tab=&<filters>&sort=&order=&cursor=
import type { Query } from '../../api/client';
import { dayToIso } from '../../format';
import { href } from '../../router';

export const FILTER_KEYS = ['q', 'client', 'user', 'device', 'topic', 'tool', 'decision', 'status', 'from', 'to'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Record<FilterKey, string>;

export const TABS = ['all', 'alerted', 'blocked'] as const;
export type Tab = (typeof TABS)[number];

export const SORTS = ['started', 'last_seen', 'events', 'tool_calls'] as const;
export type Sort = (typeof SORTS)[number];
export type Order = 'asc' | 'desc';

export interface ListState {
  tab: Tab;
  filters: Filters;
  sort: Sort;
  order: Order;
  cursor: string;
}

export const emptyFilters = (): Filters => Object.fromEntries(FILTER_KEYS.map((k) => [k, ''])) as Filters;

export function listStateOf(q: URLSearchParams): ListState {
  const tab = q.get('tab');
  const sort = q.get('sort');
  const filters = emptyFilters();
  for (const k of FILTER_KEYS) filters[k] = q.get(k) ?? '';
  return {
    tab: (TABS as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'all',
    filters,
    sort: (SORTS as readonly string[]).includes(sort ?? '') ? (sort as Sort) : 'started',
    order: q.get('order') === 'asc' ? 'asc' : 'desc',
    cursor: q.get('cursor') ?? '',
  };
}

/** The app URL for a list state (defaults left out so links stay short). */
export function listHref(s: ListState): string {
  return href('/sessions', {
    tab: s.tab === 'all' ? null : s.tab,
    ...s.filters,
    sort: s.sort === 'started' ? null : s.sort,
    order: s.order === 'desc' ? null : s.order,
    cursor: s.cursor || null,
  });
}

/** Filters as the API takes them: date inputs become ISO instants at the start/end of the day. */
export function apiFilters(f: Filters): Query {
  return { ...f, from: f.from ? dayToIso(f.from, false) : '', to: f.to ? dayToIso(f.to, true) : '' };
}

export function apiListQuery(s: ListState, limit: number): Query {
  return {
    ...apiFilters(s.filters),
    security: s.tab === 'all' ? '' : s.tab,
    sort: s.sort,
    order: s.order,
    cursor: s.cursor,
    limit,
  };
}

/** The previous pages' cursors ('' = first page), kept in history.state so Back and Prev agree. */
export function prevStackOf(state: unknown): string[] {
  const prev = (state as { prev?: unknown } | null)?.prev;
  return Array.isArray(prev) && prev.every((c) => typeof c === 'string') ? (prev as string[]) : [];
}
