import type { ReactNode } from 'react';
import { Link } from '../router';
import { usePrincipal } from '../auth';

const NAV = [
  { id: 'sessions', label: 'Sessions', to: '/sessions' },
  { id: 'inventory', label: 'Inventory', to: '/inventory' },
  { id: 'analytics', label: 'Analytics', to: '/analytics' },
  { id: 'settings', label: 'Settings', to: '/settings' },
  { id: 'audit', label: 'Audit log', to: '/audit' },
  { id: 'people', label: 'People', to: '/people', admin: true },
] as const;

export function Layout({ path, onSignOut, children }: { path: string; onSignOut: () => void; children: ReactNode }) {
  const principal = usePrincipal();
  // Accounts are for admins (users:manage); others would only see a 403.
  const nav = NAV.filter((n) => !('admin' in n) || principal.role === 'admin');
  return (
    <div className="shell">
      <nav className="nav" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Vigil
        </div>
        <ul>
          {nav.map((n) => {
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
          {/* A person: their email and role; a token: its name and scope (and its person, when bound to one). */}
          <span className="who" data-testid="who" title={principal.kind === 'token' && principal.user ? `token for ${principal.user.email} (${principal.user.role})` : undefined}>
            <span className="who-name">{principal.kind === 'user' && principal.user ? principal.user.email : principal.name}</span>
            <span className="badge badge-grey">{principal.kind === 'user' && principal.user ? principal.user.role : principal.role}</span>
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
