import { useState, type FormEvent } from 'react';
import { messageOf, request } from '../api/client';
import type { ConsoleSession } from '../api/types';
import { navigate, safeNext } from '../router';

export function SignInPage({ next, onSignedIn }: { next: string | null; onSignedIn: (s: ConsoleSession) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!token.trim()) {
      setError('Enter an access token.');
      return;
    }
    setBusy(true);
    setError(null);
    request<ConsoleSession>('POST', '/v1/console/session', { body: { token: token.trim() }, noRedirect: true }).then(
      (s) => {
        onSignedIn(s);
        navigate(safeNext(next), { replace: true });
      },
      (err: unknown) => {
        setBusy(false);
        setError(messageOf(err));
      },
    );
  };

  return (
    <div className="signin">
      <form className="signin-card" onSubmit={submit}>
        <div className="brand brand-dark">
          <span className="brand-mark" aria-hidden="true" />
          Vigil
        </div>
        <h1>Sign in</h1>
        <p className="muted">Use an access token with the admin or read role.</p>
        <label className="field">
          <span>Access token</span>
          <input
            type="password"
            autoComplete="current-password"
            autoFocus
            spellCheck={false}
            data-testid="signin-token"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            placeholder="vgl_…"
          />
        </label>
        {error ? (
          <div className="error-box" role="alert" data-testid="signin-error">
            {error}
          </div>
        ) : null}
        <button type="submit" className="button primary" data-testid="signin-submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
