import type { MouseEvent } from 'react';
import type { SessionRecord } from '../../api/types';
import { Badge } from '../../components/Badge';
import { Time } from '../../components/Time';
import { num, truncate } from '../../format';
import { Link, navigate } from '../../router';
import type { Order, Sort } from './filters';

export const sessionHref = (id: string) => `/sessions/${encodeURIComponent(id)}`;

interface Props {
  sessions: SessionRecord[];
  sort: Sort;
  order: Order;
  onSort: (s: Sort) => void;
}

export function SessionsTable({ sessions, sort, order, onSort }: Props) {
  const header = (s: Sort, label: string, numeric = false) => {
    const active = sort === s;
    return (
      <th className={numeric ? 'num' : undefined} aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button type="button" className={`sort${active ? ' active' : ''}`} data-testid={`sort-${s}`} onClick={() => onSort(s)}>
          {label}
          <span className="sort-arrow" aria-hidden="true">
            {active ? (order === 'asc' ? '▲' : '▼') : '↕'}
          </span>
        </button>
      </th>
    );
  };

  const open = (id: string) => (e: MouseEvent) => {
    // A link inside the row already navigated; a text selection is not a click.
    if (e.defaultPrevented || window.getSelection()?.toString()) return;
    navigate(sessionHref(id));
  };

  return (
    <table className="table sessions" data-testid="sessions-table">
      <thead>
        <tr>
          <th>Security</th>
          {header('started', 'Started')}
          {header('last_seen', 'Last seen')}
          <th>User</th>
          <th>Client</th>
          <th>Device</th>
          <th>Topic</th>
          <th className="prompt-col">Initial prompt</th>
          {header('events', 'Events', true)}
          {header('tool_calls', 'Tool calls', true)}
          <th className="num">Blocks</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <tr key={s.id} data-testid="session-row" data-session-id={s.id} className={`clickable row-${s.security}`} onClick={open(s.id)}>
            <td>
              <Badge value={s.security} />
              {s.status === 'active' ? <span className="live-dot" title="Active" aria-label="active" /> : null}
            </td>
            <td className="nowrap">
              <Time value={s.started_at} />
            </td>
            <td className="nowrap">
              <Time value={s.last_seen_at} />
            </td>
            <td className="ellipsis" title={s.user ?? undefined}>
              {s.user ?? <span className="muted">–</span>}
            </td>
            <td className="nowrap">{s.client}</td>
            <td className="ellipsis" title={s.device?.os ?? undefined}>
              {s.device?.hostname ?? s.device?.id ?? <span className="muted">–</span>}
            </td>
            <td className="nowrap">{s.topic ?? <span className="muted">–</span>}</td>
            <td className="prompt-col">
              <Link to={sessionHref(s.id)} className="row-link" title={truncate(s.initial_prompt, 600) || s.id}>
                {truncate(s.initial_prompt, 140) || <span className="muted">{s.id}</span>}
              </Link>
            </td>
            <td className="num">{num(s.counters.events)}</td>
            <td className="num">{num(s.counters.tool_calls)}</td>
            <td className={`num${s.counters.blocks > 0 ? ' text-red' : ''}`}>{num(s.counters.blocks)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
