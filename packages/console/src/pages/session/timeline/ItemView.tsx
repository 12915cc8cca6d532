import { memo } from 'react';
import type { ViewItem } from '../items';
import { EventView } from './EventView';
import { ToolCall } from './ToolCall';

const depthClass = (d: number) => (d > 0 ? ` depth-${Math.min(d, 8)}` : '');

/** One timeline row; memoised on the item object (items are rebuilt only when events change). */
export const ItemView = memo(function ItemView({ item }: { item: ViewItem }) {
  if (item.type === 'group') {
    return (
      <div className="tl-group" data-testid="subagent-group">
        Subagent <span className="mono">{item.parentId}</span>
      </div>
    );
  }
  const e = item.type === 'tool' ? item.call : item.event;
  return (
    <div className={`tl-item${depthClass(item.depth)}`} data-testid="timeline-item" data-kind={e.kind} data-event-id={e.id}>
      {item.type === 'tool' ? <ToolCall item={item} /> : <EventView event={item.event} />}
    </div>
  );
});
