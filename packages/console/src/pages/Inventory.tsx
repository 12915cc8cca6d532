import { useState, type ReactNode } from 'react';
import { api, messageOf } from '../api/client';
import type { Inventory, Review } from '../api/types';
import { useCanWrite } from '../auth';
import { ErrorBox, Loading } from '../components/ErrorBox';
import { Time } from '../components/Time';
import { num } from '../format';
import { useApi, useReadyFlag } from '../hooks/useApi';
import { href, Link } from '../router';

type Kind = 'client' | 'mcp_server';

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
            <table className="table">
              <thead>
                <tr>
                  <th>Client</th>
                  <th>Versions</th>
                  <th className="num">Sessions</th>
                  <th className="num">Users</th>
                  <th>Last seen</th>
                  <th>Review</th>
                </tr>
              </thead>
              <tbody>
                {d.clients.map((c) => (
                  <tr key={c.name}>
                    <td>
                      <Link to={href('/sessions', { client: c.name })}>{c.name}</Link>
                    </td>
                    <td className="muted break">{(c.versions ?? []).join(', ')}</td>
                    <td className="num">{num(c.sessions)}</td>
                    <td className="num">{num(c.users)}</td>
                    <td className="nowrap">
                      <Time value={c.last_seen_ms} />
                    </td>
                    <td>{reviewButton('client', c.name, c.review)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
          <Section id="inv-mcp" title="MCP servers" count={d.mcp_servers.length}>
            <table className="table">
              <thead>
                <tr>
                  <th>Server</th>
                  <th className="num">Tools</th>
                  <th className="num">Sessions</th>
                  <th>Last seen</th>
                  <th>Review</th>
                </tr>
              </thead>
              <tbody>
                {d.mcp_servers.map((m) => (
                  <tr key={m.name}>
                    <td className="mono break">{m.name}</td>
                    <td className="num">{num(m.tools)}</td>
                    <td className="num">{num(m.sessions)}</td>
                    <td className="nowrap">
                      <Time value={m.last_seen_ms} />
                    </td>
                    <td>{reviewButton('mcp_server', m.name, m.review)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
          <Section id="inv-users" title="Users" count={d.users.length}>
            <table className="table">
              <thead>
                <tr>
                  <th>User</th>
                  <th className="num">Sessions</th>
                  <th className="num">Devices</th>
                  <th className="num">Alerted</th>
                  <th className="num">Blocked</th>
                  <th>Last seen</th>
                </tr>
              </thead>
              <tbody>
                {d.users.map((u) => (
                  <tr key={u.name}>
                    <td className="break">
                      <Link to={href('/sessions', { user: u.name })}>{u.name}</Link>
                    </td>
                    <td className="num">{num(u.sessions)}</td>
                    <td className="num">{num(u.devices)}</td>
                    <td className={`num${u.alerted > 0 ? ' text-amber' : ''}`}>{num(u.alerted)}</td>
                    <td className={`num${u.blocked > 0 ? ' text-red' : ''}`}>{num(u.blocked)}</td>
                    <td className="nowrap">
                      <Time value={u.last_seen_ms} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
          <Section id="inv-devices" title="Devices" count={d.devices.length}>
            <table className="table">
              <thead>
                <tr>
                  <th>Device</th>
                  <th>OS</th>
                  <th>User</th>
                  <th className="num">Sessions</th>
                  <th>Last seen</th>
                </tr>
              </thead>
              <tbody>
                {d.devices.map((v) => (
                  <tr key={v.id}>
                    <td className="break">
                      <Link to={href('/sessions', { device: v.id })} title={v.id}>
                        {v.hostname ?? v.id}
                      </Link>
                    </td>
                    <td>{v.os ?? <span className="muted">–</span>}</td>
                    <td className="break">{v.user ?? <span className="muted">–</span>}</td>
                    <td className="num">{num(v.sessions)}</td>
                    <td className="nowrap">
                      <Time value={v.last_seen_ms} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
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
