import { useState, type ReactNode } from 'react';
import { api, messageOf } from '../api/client';
import type { Inventory, Review } from '../api/types';
import { useCanWrite } from '../auth';
import { countColumn, DataTable, type Column } from '../components/DataTable';
import { ErrorBox, Loading } from '../components/ErrorBox';
import { Time } from '../components/Time';
import { num } from '../format';
import { useApi, useReadyFlag } from '../hooks/useApi';
import { href, Link } from '../router';

type Kind = 'client' | 'mcp_server';

// Columns every inventory table has.
const sessions = countColumn('Sessions', 'sessions');
const lastSeen: Column<{ last_seen_ms: number }> = { head: 'Last seen', cellClass: 'nowrap', cell: (r) => <Time value={r.last_seen_ms} /> };
const dash = <span className="muted">–</span>;

export function InventoryPage() {
  const inv = useApi((signal) => api.get<Inventory>('/v1/inventory', undefined, signal), 'inventory');
  const canWrite = useCanWrite();
  const [reviewError, setReviewError] = useState<string | null>(null);
  useReadyFlag('inventory', inv.data !== null || inv.error !== null);

  const toggle = (kind: Kind, name: string, current: Review) => {
    const review: Review = current === 'allowed' ? 'not_reviewed' : 'allowed';
    setReviewError(null);
    api.put<{ kind: Kind; name: string; review: Review }>('/v1/inventory/review', { kind, name, review }).then(
      (r) => {
        const d = inv.data;
        if (!d) return;
        if (kind === 'client') inv.set({ ...d, clients: d.clients.map((c) => (c.name === name ? { ...c, review: r.review } : c)) });
        else inv.set({ ...d, mcp_servers: d.mcp_servers.map((m) => (m.name === name ? { ...m, review: r.review } : m)) });
      },
      (err: unknown) => setReviewError(messageOf(err)),
    );
  };

  const reviewButton = (kind: Kind, name: string, review: Review) => (
    <button
      type="button"
      className={`review review-${review}`}
      data-testid="review-toggle"
      data-name={name}
      data-review={review}
      aria-pressed={review === 'allowed'}
      disabled={!canWrite}
      title={canWrite ? (review === 'allowed' ? 'Mark as not reviewed' : 'Mark as allowed') : 'Only admins can change reviews'}
      onClick={() => toggle(kind, name, review)}
    >
      {review === 'allowed' ? '✓ Allowed' : 'Not reviewed'}
    </button>
  );

  const d = inv.data;
  return (
    <div className="page">
      <div className="page-head">
        <h1>Inventory</h1>
        <span className="muted">What runs in your organisation: clients, users, devices and MCP servers.</span>
      </div>
      <ErrorBox error={inv.error} />
      {reviewError ? (
        <div className="error-box" role="alert" data-testid="review-error">
          {reviewError}
        </div>
      ) : null}
      {!canWrite ? <p className="note">Read-only: only admins can change reviews.</p> : null}
      {!d && inv.loading ? <Loading /> : null}
      {d ? (
        <div className="grid-2">
          <Section id="inv-clients" title="Clients" count={d.clients.length}>
            <DataTable
              rows={d.clients}
              rowKey={(c) => c.name}
              columns={[
                { head: 'Client', cell: (c) => <Link to={href('/sessions', { client: c.name })}>{c.name}</Link> },
                { head: 'Versions', cellClass: 'muted break', cell: (c) => (c.versions ?? []).join(', ') },
                sessions,
                countColumn('Users', 'users'),
                lastSeen,
                { head: 'Review', cell: (c) => reviewButton('client', c.name, c.review) },
              ]}
            />
          </Section>
          <Section id="inv-mcp" title="MCP servers" count={d.mcp_servers.length}>
            <DataTable
              rows={d.mcp_servers}
              rowKey={(m) => m.name}
              columns={[
                { head: 'Server', cellClass: 'mono break', cell: (m) => m.name },
                countColumn('Tools', 'tools'),
                sessions,
                lastSeen,
                { head: 'Review', cell: (m) => reviewButton('mcp_server', m.name, m.review) },
              ]}
            />
          </Section>
          <Section id="inv-users" title="Users" count={d.users.length}>
            <DataTable
              rows={d.users}
              rowKey={(u) => u.name}
              columns={[
                { head: 'User', cellClass: 'break', cell: (u) => <Link to={href('/sessions', { user: u.name })}>{u.name}</Link> },
                sessions,
                countColumn('Devices', 'devices'),
                countColumn('Alerted', 'alerted', 'amber'),
                countColumn('Blocked', 'blocked', 'red'),
                lastSeen,
              ]}
            />
          </Section>
          <Section id="inv-devices" title="Devices" count={d.devices.length}>
            <DataTable
              rows={d.devices}
              rowKey={(v) => v.id}
              columns={[
                {
                  head: 'Device',
                  cellClass: 'break',
                  cell: (v) => (
                    <Link to={href('/sessions', { device: v.id })} title={v.id}>
                      {v.hostname ?? v.id}
                    </Link>
                  ),
                },
                { head: 'OS', cell: (v) => v.os ?? dash },
                { head: 'User', cellClass: 'break', cell: (v) => v.user ?? dash },
                sessions,
                lastSeen,
              ]}
            />
          </Section>
        </div>
      ) : null}
    </div>
  );
}

function Section({ id, title, count, children }: { id: string; title: string; count: number; children: ReactNode }) {
  return (
    <section className="panel" data-testid={id} aria-label={title}>
      <h2>
        {title} <span className="muted small">{num(count)}</span>
      </h2>
      {count === 0 ? <p className="muted">None yet.</p> : <div className="table-scroll">{children}</div>}
    </section>
  );
}
