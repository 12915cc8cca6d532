import { useEffect, useState, type FormEvent } from 'react';
import { messageOf, request, withQuery } from '../api/client';
import type { ConsoleSession, SsoInfo } from '../api/types';
import { navigate, safeNext, useRoute } from '../router';

// Three ways in: single sign-on (when the server has it), email and password, and an access
// token (admins and automation). A failed single sign-on comes back here with ?error=.
export function SignInPage({ next, onSignedIn }: { next: string | null; onSignedIn: (s: ConsoleSession) => void }) {
  const route = useRoute();
  const [token, setToken] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(route.query.get('error'));
  const [busy, setBusy] = useState(false);
  const [sso, setSso] = useState<SsoInfo | null>(null);

  useEffect(() => {
    const ctl = new AbortController();
    request<SsoInfo>('GET', '/v1/console/sso', { signal: ctl.signal, noRedirect: true }).then(setSso, () => setSso(null));
    return () => ctl.abort();
  }, []);

  const signIn = (path: string, body: unknown) => {
    setBusy(true);
    setError(null);
    request<ConsoleSession>('POST', path, { body, noRedirect: true }).then(
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

  const submitToken = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!token.trim()) return setError('Enter an access token.');
    signIn('/v1/console/session', { token: token.trim() });
  };

  const submitPassword = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!email.trim() || !password) return setError('Enter your email and password.');
    signIn('/v1/console/login', { email: email.trim(), password });
  };

  return (
    <div className="signin">
      <div className="signin-card">
        <div className="brand brand-dark">
          <span className="brand-mark" aria-hidden="true" />
          Vigil
        </div>
        <h1>Sign in</h1>
        {error ? (
          <div className="error-box" role="alert" data-testid="signin-error">
            {error}
          </div>
        ) : null}
        {sso?.enabled ? (
          <a className="button primary" data-testid="signin-sso" href={withQuery('/v1/console/sso/start', { next: safeNext(next) })}>
            Sign in with {sso.name ?? 'single sign-on'}
          </a>
        ) : null}
        <form className="signin-form" onSubmit={submitPassword}>
          <label className="field">
            <span>Email</span>
            <input type="email" autoComplete="username" spellCheck={false} data-testid="signin-email" value={email} onChange={(e) => setEmail(e.target.value)} />
          </label>
          <label className="field">
            <span>Password</span>
            <input type="password" autoComplete="current-password" data-testid="signin-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          <button type="submit" className="button" data-testid="signin-password-submit" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in with password'}
          </button>
        </form>
        <form className="signin-form" onSubmit={submitToken}>
          <p className="muted">Or use an access token with the admin or read role.</p>
          <label className="field">
            <span>Access token</span>
            <input
              type="password"
              autoComplete="off"
              spellCheck={false}
              data-testid="signin-token"
              value={token}
              onChange={(e) => setToken(e.target.value)}
              placeholder="vgl_…"
            />
          </label>
          <button type="submit" className="button" data-testid="signin-submit" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in with token'}
          </button>
        </form>
      </div>
    </div>
  );
}
