import type { ReactNode } from 'react';
import { Link } from '../router';
import { usePrincipal } from '../auth';

const NAV = [
  { id: 'sessions', label: 'Sessions', to: '/sessions' },
  { id: 'inventory', label: 'Inventory', to: '/inventory' },
  { id: 'analytics', label: 'Analytics', to: '/analytics' },
  { id: 'settings', label: 'Settings', to: '/settings' },
  { id: 'audit', label: 'Audit log', to: '/audit' },
] as const;

export function Layout({ path, onSignOut, children }: { path: string; onSignOut: () => void; children: ReactNode }) {
  const principal = usePrincipal();
  return (
    <div className="shell">
      <nav className="nav" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Vigil
        </div>
        <ul>
          {NAV.map((n) => {
            const active = path === n.to || path.startsWith(`${n.to}/`);
            return (
              <li key={n.id}>
                <Link to={n.to} data-testid={`nav-${n.id}`} className={active ? 'active' : undefined} aria-current={active ? 'page' : undefined}>
                  {n.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="main">
        <header className="topbar">
          <div className="spacer" />
          <span className="who">
            <span className="who-name">{principal.name}</span>
            <span className="badge badge-grey">{principal.role}</span>
          </span>
          <button type="button" className="button small" data-testid="signout" onClick={onSignOut}>
            Sign out
          </button>
        </header>
        <main className="content">{children}</main>
      </div>
    </div>
  );
}
