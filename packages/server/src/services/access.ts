// Every access decision of the API is made here, so a route cannot forget one.

export const ROLES = ['admin', 'ingest', 'read'] as const;
export type Role = (typeof ROLES)[number];

export type Permission = 'events:write' | 'sessions:read' | 'settings:read' | 'settings:write' | 'audit:read';

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(['events:write', 'sessions:read', 'settings:read', 'settings:write', 'audit:read']),
  ingest: new Set(['events:write']),
  read: new Set(['sessions:read', 'settings:read']),
};

/** How a principal is named in the audit log. */
export function actorName(p: Principal | undefined): string {
  return p ? `token:${p.name}` : 'anonymous';
}

export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
}

export function can(p: Principal, perm: Permission): boolean {
  return GRANTS[p.role]?.has(perm) ?? false;
}
