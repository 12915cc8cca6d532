import { useState, type FormEvent } from 'react';
import { api, messageOf, request } from '../api/client';
import type { UserAccount, UserList, UserRole } from '../api/types';
import { DataTable } from '../components/DataTable';
import { ErrorBox, Loading } from '../components/ErrorBox';
import { Check, Options } from '../components/Form';
import { Time } from '../components/Time';
import { useApi, useReadyFlag } from '../hooks/useApi';

const ROLES: readonly UserRole[] = ['admin', 'reviewer', 'analyst', 'member'];

/** Accounts (admins; `/v1/users`, docs/api.md "Accounts"). Each change is one PATCH, audited by the server. */
export function PeoplePage() {
  const users = useApi((s) => api.get<UserList>('/v1/users', undefined, s), 'users');
  const [error, setError] = useState<string | null>(null);
  useReadyFlag('people', !users.loading);

  type Change = Partial<Pick<UserAccount, 'role' | 'can_reveal' | 'disabled'>> & { unlock?: true };
  const patch = (u: UserAccount, body: Change) => {
    setError(null);
    // Shown at once, then the list as the server has it (or, if refused, the error and the list again).
    const { unlock, ...fields } = body;
    const shown: UserAccount = { ...u, ...fields, ...(unlock ? { locked_until_ms: null } : {}) };
    users.set({ users: (users.data?.users ?? []).map((x) => (x.id === u.id ? shown : x)) });
    request<UserAccount>('PATCH', `/v1/users/${encodeURIComponent(u.id)}`, { body }).then(
      () => users.reload(),
      (err: unknown) => {
        setError(`${u.email}: ${messageOf(err)}`);
        users.reload();
      },
    );
  };

  const list = users.data?.users ?? [];
  const now = Date.now();
  const locked = (u: UserAccount) => u.locked_until_ms !== null && u.locked_until_ms > now;
  return (
    <div className="page">
      <div className="page-head">
        <h1>People</h1>
      </div>
      <CreateUser onCreated={users.reload} />
      <ErrorBox error={users.error} />
      {error ? (
        <div className="error-box" role="alert" data-testid="user-error">
          {error}
        </div>
      ) : null}
      {users.loading && !users.data ? <Loading what="Loading people" /> : null}
      {users.data ? (
        <section className="panel" aria-label="Accounts">
          <h2>Accounts</h2>
          {list.length === 0 ? <p className="empty muted">No accounts yet.</p> : null}
          {list.length > 0 ? (
            <div className="table-wrap table-scroll">
              <DataTable
                testId="users-table"
                rows={list}
                rowKey={(u) => u.id}
                rowData={(u) => ({ 'data-testid': 'user-row', 'data-email': u.email })}
                columns={[
                  { head: 'Email', cellClass: 'mono', cell: (u) => u.email },
                  { head: 'Name', cell: (u) => u.name ?? <span className="muted">—</span> },
                  {
                    head: 'Role',
                    cell: (u) => (
                      <select data-testid="user-row-role" aria-label={`Role of ${u.email}`} value={u.role} onChange={(e) => patch(u, { role: e.target.value as UserRole })}>
                        <Options values={ROLES} />
                      </select>
                    ),
                  },
                  {
                    head: 'Reveal',
                    cell: (u) => (
                      <Check testId="user-row-reveal" checked={u.can_reveal} onChange={(can_reveal) => patch(u, { can_reveal })}>
                        can reveal
                      </Check>
                    ),
                  },
                  { head: 'Sign-in', cell: (u) => [u.password ? 'password' : null, u.sso ? 'single sign-on' : null].filter(Boolean).join(', ') || <span className="muted">none</span> },
                  {
                    head: 'Status',
                    testId: 'user-row-status',
                    cell: (u) => (
                      <>
                        {u.disabled ? <span className="badge badge-red">disabled</span> : <span className="badge badge-green">active</span>}
                        {locked(u) ? (
                          <span className="badge badge-amber" title="Locked after wrong passwords">
                            locked until <Time value={u.locked_until_ms!} />
                          </span>
                        ) : null}
                      </>
                    ),
                  },
                  {
                    head: null,
                    cellClass: 'nowrap',
                    cell: (u) => (
                      <>
                        <button type="button" className="button small" data-testid="user-row-disable" onClick={() => patch(u, { disabled: !u.disabled })}>
                          {u.disabled ? 'Enable' : 'Disable'}
                        </button>
                        {locked(u) ? (
                          <button type="button" className="button small" data-testid="user-row-unlock" onClick={() => patch(u, { unlock: true })}>
                            Unlock
                          </button>
                        ) : null}
                      </>
                    ),
                  },
                ]}
              />
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

function CreateUser({ onCreated }: { onCreated: () => void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<UserRole>('member');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim()) return setError('Give an email.');
    setBusy(true);
    setError(null);
    setCreated(null);
    const body: Record<string, unknown> = { email: email.trim(), role };
    if (password) body.password = password;
    api.post<UserAccount>('/v1/users', body).then(
      (u) => {
        setBusy(false);
        setEmail('');
        setPassword('');
        setCreated(u.email);
        onCreated();
      },
      (err: unknown) => {
        setBusy(false);
        setError(messageOf(err));
      },
    );
  };

  return (
    <section className="panel" aria-label="Add a person">
      <h2>Add a person</h2>
      <p className="hint">Without a password, the person signs in with single sign-on. Passwords are at least 12 characters.</p>
      <form className="filters" onSubmit={submit}>
        <label className="field wide">
          <span>Email</span>
          <input data-testid="user-email" type="email" value={email} disabled={busy} onChange={(e) => setEmail(e.target.value)} spellCheck={false} autoComplete="off" />
        </label>
        <label className="field">
          <span>Role</span>
          <select data-testid="user-role" value={role} disabled={busy} onChange={(e) => setRole(e.target.value as UserRole)}>
            <Options values={ROLES} />
          </select>
        </label>
        <label className="field">
          <span>Password (optional)</span>
          <input data-testid="user-password" type="password" value={password} disabled={busy} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
        </label>
        <div className="filter-actions">
          <button type="submit" className="button primary" data-testid="user-create" disabled={busy}>
            {busy ? 'Adding…' : 'Add'}
          </button>
        </div>
      </form>
      {error ? (
        <div className="error-box" role="alert" data-testid="user-create-error">
          {error}
        </div>
      ) : null}
      {created ? (
        <div className="ok-box" role="status" data-testid="user-created">
          Added {created}.
        </div>
      ) : null}
    </section>
  );
}
