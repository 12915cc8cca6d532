import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbort } from '../api/client';

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
  set: (d: T) => void;
}

/**
 * Loads `fn` whenever `key` changes; an older answer arriving after a newer request is dropped
 * (the request is aborted), so quick filter changes never show stale rows.
 */
export function useApi<T>(fn: (signal: AbortSignal) => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;

  useEffect(() => {
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    fnRef.current(ctl.signal).then(
      (data) => {
        if (!ctl.signal.aborted) setState({ data, error: null, loading: false });
      },
      (error: unknown) => {
        if (!ctl.signal.aborted && !isAbort(error)) setState((s) => ({ ...s, error, loading: false }));
      },
    );
    return () => ctl.abort();
  }, [key, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const set = useCallback((data: T) => setState({ data, error: null, loading: false }), []);
  return { ...state, reload, set };
}

/** Sets document.body.dataset.ready (the browser tests wait for it) once `ready` is true; cleared on unmount. */
export function useReadyFlag(name: string, ready: boolean): void {
  useEffect(() => {
    if (ready) document.body.dataset.ready = name;
    else if (document.body.dataset.ready === name) delete document.body.dataset.ready;
  }, [name, ready]);
  useEffect(
    () => () => {
      if (document.body.dataset.ready === name) delete document.body.dataset.ready;
    },
    [name],
  );
}

/** document.visibilityState, kept current. */
export function useVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const on = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', on);
    return () => document.removeEventListener('visibilitychange', on);
  }, []);
  return visible;
}
