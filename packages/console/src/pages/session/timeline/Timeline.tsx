import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useReadyFlag } from '../../../hooks/useApi';
import { isFlagged, type ViewItem } from '../items';
import { ExpandContext, type Expand } from './expand';
import { ItemView } from './ItemView';

const estimate = (item: ViewItem | undefined): number => (item?.type === 'tool' ? 160 : item?.type === 'group' ? 30 : 64);

interface Props {
  items: ViewItem[];
  /** While live, new items keep the view at the bottom if it was there. */
  live: boolean;
  loadingMore: boolean;
}

/**
 * The virtualised timeline: only the rows in view (plus a few) are in the DOM; each row is
 * measured once rendered (heights vary a lot), so 5,000+ events stay responsive.
 */
export function Timeline({ items, live, loadingMore }: Props) {
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const shown = useMemo(() => (flaggedOnly ? items.filter(isFlagged) : items), [items, flaggedOnly]);
  const flaggedCount = useMemo(() => items.reduce((n, i) => n + (isFlagged(i) ? 1 : 0), 0), [items]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(false);
  const v = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => estimate(shown[i]),
    getItemKey: (i) => shown[i]?.key ?? i,
    overscan: 6,
  });

  const toggle = useCallback(
    (key: string) =>
      setOpen((s) => {
        const n = new Set(s);
        if (n.has(key)) n.delete(key);
        else n.add(key);
        return n;
      }),
    [],
  );
  const expand = useMemo<Expand>(() => ({ isOpen: (k) => open.has(k), toggle }), [open, toggle]);

  useEffect(() => {
    if (live && atBottom.current && shown.length > 0) v.scrollToIndex(shown.length - 1, { align: 'end' });
  }, [shown.length, live, v]);

  const rows = v.getVirtualItems();
  useReadyFlag('session', rows.length > 0 || shown.length === 0);

  return (
    <section className="timeline-panel" aria-label="Timeline">
      <div className="timeline-bar">
        <h2>Timeline</h2>
        <span className="muted">
          {items.length.toLocaleString()} items{loadingMore ? ' · loading more…' : ''}
        </span>
        <div className="spacer" />
        <label className="check">
          <input type="checkbox" checked={flaggedOnly} onChange={(e) => setFlaggedOnly(e.target.checked)} data-testid="timeline-flagged" />
          Flagged only ({flaggedCount.toLocaleString()})
        </label>
        <button type="button" className="button small" onClick={() => v.scrollToIndex(0)}>
          Top
        </button>
        <button type="button" className="button small" onClick={() => shown.length && v.scrollToIndex(shown.length - 1, { align: 'end' })}>
          End
        </button>
      </div>
      <div
        ref={scrollRef}
        className="timeline"
        data-testid="timeline"
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
        }}
      >
        {shown.length === 0 ? <div className="empty">{flaggedOnly ? 'Nothing flagged in this session.' : 'No events yet.'}</div> : null}
        <ExpandContext.Provider value={expand}>
          <div className="timeline-inner" style={{ height: v.getTotalSize() }}>
            {rows.map((r) => (
              <div key={r.key} data-index={r.index} ref={v.measureElement} className="timeline-row" style={{ transform: `translateY(${r.start}px)` }}>
                <ItemView item={shown[r.index]!} />
              </div>
            ))}
          </div>
        </ExpandContext.Provider>
      </div>
    </section>
  );
}
