import { useState, type FormEvent } from 'react';
import { api, messageOf } from '../../api/client';
import type { Kill, Kills, KillScope } from '../../api/types';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorBox } from '../../components/ErrorBox';
import { Time } from '../../components/Time';
import { useApi } from '../../hooks/useApi';
import { Link } from '../../router';

const TARGET_HINT: Record<KillScope, string> = { session: 'session id', user: 'user name', all: 'every session' };

/** Kill switches act at once (no Save): they stop sessions, so they are not drafts. */
export function KillSwitch({ disabled }: { disabled: boolean }) {
  const kills = useApi((signal) => api.get<Kills>('/v1/kills', undefined, signal), 'kills');
  const [scope, setScope] = useState<KillScope>('session');
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const create = (e: FormEvent) => {
    e.preventDefault();
    if (scope !== 'all' && !target.trim()) return setError(`Name the ${TARGET_HINT[scope]} to stop.`);
    if (!reason.trim()) return setError('Give a reason: it is what the agent is told and what the audit log keeps.');
    setBusy(true);
    setError(null);
    // The server's request names the target by scope (docs/agentguard.md), not "target".
    const named = scope === 'session' ? { session_id: target.trim() } : scope === 'user' ? { user: target.trim() } : {};
    api.post<Kill>('/v1/kills', { scope, ...named, reason: reason.trim() }).then(
      () => {
        setBusy(false);
        setTarget('');
        setReason('');
        kills.reload();
      },
      (err: unknown) => {
        setBusy(false);
        setError(messageOf(err));
      },
    );
  };

  const lift = (id: string) => {
    setError(null);
    api.del(`/v1/kills/${encodeURIComponent(id)}`).then(
      () => kills.reload(),
      (err: unknown) => setError(messageOf(err)),
    );
  };

  const active = kills.data?.active ?? [];
  const recent = (kills.data?.recent ?? []).filter((k) => k.lifted_ms !== null);
  return (
    <section className="panel" aria-label="Kill switch">
      <h2>Kill switch</h2>
      <p className="hint">Stops a session, every session of a user, or everything: each later tool call is denied with the reason.</p>
      <form className="filters" onSubmit={create}>
        <label className="field">
          <span>Scope</span>
          <select data-testid="kill-scope" value={scope} disabled={disabled} onChange={(e) => setScope(e.target.value as KillScope)}>
            <option value="session">session</option>
            <option value="user">user</option>
            <option value="all">all</option>
          </select>
        </label>
        <label className="field">
          <span>Target</span>
          <input
            data-testid="kill-target"
            value={scope === 'all' ? '' : target}
            disabled={disabled || scope === 'all'}
            placeholder={TARGET_HINT[scope]}
            onChange={(e) => setTarget(e.target.value)}
            spellCheck={false}
          />
        </label>
        <label className="field wide">
          <span>Reason</span>
          <input data-testid="kill-reason" value={reason} disabled={disabled} onChange={(e) => setReason(e.target.value)} placeholder="What the agent is told" />
        </label>
        <div className="filter-actions">
          <button type="submit" className="button danger" data-testid="kill-create" disabled={disabled || busy}>
            {busy ? 'Stopping…' : 'Stop'}
          </button>
        </div>
      </form>
      {error ? (
        <div className="error-box" role="alert" data-testid="kill-error">
          {error}
        </div>
      ) : null}
      <ErrorBox error={kills.error} />
      <h3>Active</h3>
      {active.length === 0 ? (
        <p className="muted" data-testid="kills-empty">
          No active kill switches.
        </p>
      ) : (
        <KillTable kills={active} render={(k) => (
          <button type="button" className="button small" data-testid="kill-lift" disabled={disabled} onClick={() => lift(k.id)}>
            Lift
          </button>
        )} rowTestId="kill-row" />
      )}
      {recent.length > 0 ? (
        <details className="recent">
          <summary>Recently lifted ({recent.length})</summary>
          <KillTable
            kills={recent}
            rowTestId="kill-lifted-row"
            render={(k) => (
              <span className="muted">
                lifted <Time value={k.lifted_ms} />
                {k.lifted_by ? ` by ${k.lifted_by}` : ''}
              </span>
            )}
          />
        </details>
      ) : null}
    </section>
  );
}

function KillTable({ kills, render, rowTestId }: { kills: Kill[]; render: (k: Kill) => JSX.Element; rowTestId: string }) {
  return <DataTable rows={kills} rowKey={(k) => k.id} rowData={(k) => ({ 'data-testid': rowTestId, 'data-kill-id': k.id })} columns={[...COLUMNS, { head: null, cell: render }]} />;
}

const COLUMNS: Column<Kill>[] = [
  { head: 'Scope', cell: (k) => <span className="badge badge-red">{k.scope}</span> },
  {
    head: 'Target',
    cellClass: 'break mono',
    cell: (k) => (k.scope === 'session' && k.target ? <Link to={`/sessions/${encodeURIComponent(k.target)}`}>{k.target}</Link> : (k.target ?? 'everything')),
  },
  { head: 'Reason', cellClass: 'break', cell: (k) => k.reason },
  { head: 'By', cellClass: 'break', cell: (k) => k.actor },
  { head: 'Since', cellClass: 'nowrap', cell: (k) => <Time value={k.created_ms} /> },
];
