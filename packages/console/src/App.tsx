import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { ApiError, messageOf, onUnauthorized, request, setCsrf } from './api/client';
import type { ConsoleSession, Principal } from './api/types';
import { PrincipalContext } from './auth';
import { Layout } from './components/Layout';
import { currentLocation, href, matchPath, navigate, useRoute } from './router';
import { SignInPage } from './pages/SignIn';
import { SessionsPage } from './pages/sessions/SessionsPage';
import { SessionPage } from './pages/session/SessionPage';
import { InventoryPage } from './pages/Inventory';
import { SettingsPage } from './pages/settings/SettingsPage';
import { AuditPage } from './pages/Audit';
import { DevicePage } from './pages/Device';
import { PeoplePage } from './pages/People';
import { Loading } from './components/ErrorBox';

// Chart.js is most of the bundle: loaded only when Analytics is opened.
const AnalyticsPage = lazy(() => import('./pages/Analytics').then((m) => ({ default: m.AnalyticsPage })));

type AuthState = { kind: 'checking' } | { kind: 'out' } | { kind: 'in'; principal: Principal } | { kind: 'failed'; message: string };

const toSignIn = () => {
  if (location.pathname === '/signin') return;
  navigate(href('/signin', { next: currentLocation() }), { replace: true });
};

export function App() {
  const route = useRoute();
  const [auth, setAuth] = useState<AuthState>({ kind: 'checking' });

  const signedIn = useCallback((s: ConsoleSession) => {
    setCsrf(s.csrf);
    setAuth({ kind: 'in', principal: s.principal });
  }, []);

  useEffect(() => {
    onUnauthorized(() => {
      setAuth({ kind: 'out' });
      toSignIn();
    });
    request<ConsoleSession>('GET', '/v1/console/session', { noRedirect: true }).then(signedIn, (err: unknown) => {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
        setAuth({ kind: 'out' });
        toSignIn();
      } else setAuth({ kind: 'failed', message: messageOf(err) });
    });
    return () => onUnauthorized(null);
  }, [signedIn]);

  // Only '/' needs a redirect here. Signed-out redirects happen where we learn it (the first check,
  // a 401, sign-out): a route change renders before a batched auth change, so an effect watching
  // both would see "signed out on /sessions" right after signing in and bounce back.
  useEffect(() => {
    if (auth.kind === 'in' && (route.path === '/' || route.path === '')) navigate('/sessions', { replace: true });
  }, [auth.kind, route.path]);

  const signOut = useCallback(() => {
    request('DELETE', '/v1/console/session', { noRedirect: true })
      .catch(() => undefined)
      .finally(() => {
        setCsrf('');
        setAuth({ kind: 'out' });
        navigate('/signin', { replace: true });
      });
  }, []);

  if (auth.kind === 'checking') return <div className="boot muted">Loading…</div>;
  if (auth.kind === 'failed') {
    return (
      <div className="boot">
        <div className="error-box" role="alert">
          The console could not reach the server: {auth.message}
        </div>
      </div>
    );
  }
  if (route.path === '/signin' || auth.kind === 'out') {
    return <SignInPage next={route.query.get('next')} onSignedIn={signedIn} />;
  }

  return (
    <PrincipalContext.Provider value={auth.principal}>
      <Layout path={route.path} onSignOut={signOut}>
        <Page path={route.path} />
      </Layout>
    </PrincipalContext.Provider>
  );
}

function Page({ path }: { path: string }) {
  const session = matchPath('/sessions/:id', path);
  // key: a new session id is a new page (fresh state, fresh polling).
  if (session) return <SessionPage key={session.id} id={session.id!} />;
  switch (path.replace(/\/+$/, '') || '/') {
    case '/':
    case '/sessions':
      return <SessionsPage />;
    case '/inventory':
      return <InventoryPage />;
    case '/analytics':
      return (
        <Suspense fallback={<Loading />}>
          <AnalyticsPage />
        </Suspense>
      );
    case '/settings':
      return <SettingsPage />;
    case '/audit':
      return <AuditPage />;
    case '/device':
      return <DevicePage />;
    case '/people':
      return <PeoplePage />;
    default:
      return (
        <div className="page">
          <h1>Not found</h1>
          <p className="muted">There is no page at this address.</p>
        </div>
      );
  }
}
