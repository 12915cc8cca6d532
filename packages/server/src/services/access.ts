// Every access decision of the API is made here, so a route cannot forget one.

export const ROLES = ['admin', 'ingest', 'read'] as const;
export type Role = (typeof ROLES)[number];

export type Permission = 'events:write' | 'sessions:read';

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(['events:write', 'sessions:read']),
  ingest: new Set(['events:write']),
  read: new Set(['sessions:read']),
};

export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
}

export function can(p: Principal, perm: Permission): boolean {
  return GRANTS[p.role]?.has(perm) ?? false;
}
