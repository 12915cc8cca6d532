// A tiny history-API router: the whole view state lives in the URL (path + query) so any view can
// be shared; history.state carries only conveniences (e.g. the Prev stack of the sessions list).
import { createElement, useMemo, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

export interface Route {
  path: string;
  query: URLSearchParams;
  state: unknown;
}

const NAV_EVENT = 'vigil:navigate';
let version = 0;

function subscribe(fn: () => void): () => void {
  const bump = () => {
    version++;
    fn();
  };
  window.addEventListener('popstate', bump);
  window.addEventListener(NAV_EVENT, fn);
  return () => {
    window.removeEventListener('popstate', bump);
    window.removeEventListener(NAV_EVENT, fn);
  };
}

const snapshot = () => version;

export function navigate(to: string, opts: { replace?: boolean; state?: unknown } = {}): void {
  const state = opts.state ?? null;
  if (opts.replace) history.replaceState(state, '', to);
  else {
    history.pushState(state, '', to);
    window.scrollTo(0, 0);
  }
  version++;
  window.dispatchEvent(new Event(NAV_EVENT));
}

export function useRoute(): Route {
  const v = useSyncExternalStore(subscribe, snapshot);
  // Recomputed only when a navigation happened (v changes).
  return useMemo(() => ({ path: location.pathname, query: new URLSearchParams(location.search), state: history.state as unknown }), [v]);
}

/** The current path and query, for ?next= after sign-in. */
export const currentLocation = (): string => location.pathname + location.search;

/** Only same-site paths: never `//host` or `/\host`, which browsers treat as another origin. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/signin')) return '/sessions';
  return next;
}

/** `/sessions/:id` → `{id}`, or null. Segments are decoded. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const a = pattern.split('/');
  const b = path.replace(/\/+$/, '').split('/');
  if (a.length !== b.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    const p = a[i]!;
    const s = b[i]!;
    if (p.startsWith(':')) {
      if (!s) return null;
      try {
        out[p.slice(1)] = decodeURIComponent(s);
      } catch {
        return null;
      }
    } else if (p !== s) return null;
  }
  return out;
}

/** A path with a query, leaving out empty values. */
export function href(path: string, query?: Record<string, string | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; state?: unknown; children?: ReactNode };

/** An internal link: `to` must be a path built by this app (with encodeURIComponent for data). */
export function Link({ to, state, onClick, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to, { state });
  };
  return createElement('a', { ...rest, href: to.startsWith('/') ? to : '/', onClick: handle });
}
