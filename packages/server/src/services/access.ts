// Every access decision of the API is made here, so a route cannot forget one.
//
// Two kinds of principal: a token (agents, hooks, scripts) and a person (an account signed in to
// the console). A token has a scope; a token bound to a person (a device's token) can do what
// both its scope and its person's role allow.

import { USER_ROLES, type UserRole } from '@vigil/core';

/** Token scopes. */
export const ROLES = ['admin', 'ingest', 'read'] as const;
export type Role = (typeof ROLES)[number];

// Roles of people: one list, in @vigil/core, shared with the console.
export { USER_ROLES, type UserRole };

export type Permission =
  | 'events:write'
  | 'sessions:read'
  | 'sessions:reveal'
  | 'analytics:read'
  | 'settings:read'
  | 'settings:write'
  | 'kills:write'
  | 'audit:read'
  | 'tokens:manage'
  | 'users:manage';

const ALL: Permission[] = ['events:write', 'sessions:read', 'sessions:reveal', 'analytics:read', 'settings:read', 'settings:write', 'kills:write', 'audit:read', 'tokens:manage', 'users:manage'];

const GRANTS: Record<Role | UserRole, ReadonlySet<Permission>> = {
  admin: new Set(ALL),
  ingest: new Set(['events:write']),
  read: new Set(['sessions:read', 'analytics:read', 'settings:read']),
  reviewer: new Set(['events:write', 'sessions:read', 'analytics:read', 'settings:read', 'kills:write', 'audit:read']),
  analyst: new Set(['events:write', 'analytics:read']),
  // Sessions: only their own (services/session.service.ts scopes every query).
  member: new Set(['events:write', 'sessions:read']),
};

export function isRole(v: unknown): v is Role {
  return (ROLES as readonly unknown[]).includes(v);
}

export function isUserRole(v: unknown): v is UserRole {
  return (USER_ROLES as readonly unknown[]).includes(v);
}

/** The person behind a principal. */
export interface PrincipalUser {
  id: string;
  email: string;
  role: UserRole;
  /** A reviewer granted the reveal permission. */
  canReveal: boolean;
}

export interface Principal {
  /** The token used, or null for a person signed in to the console with a password or single sign-on. */
  tokenId: string | null;
  /** The token's name, or the person's email. */
  name: string;
  /** The token's scope, or the person's role. */
  role: Role | UserRole;
  /** The person, for their own sign-in and for tokens bound to them. */
  user?: PrincipalUser;
}

/** How a principal is named in the audit log. */
export function actorName(p: Principal | undefined): string {
  if (!p) return 'anonymous';
  return p.tokenId === null ? `user:${p.name}` : p.user ? `token:${p.name} (${p.user.email})` : `token:${p.name}`;
}

/** The reader key of reveals: one per person, or per unbound token. */
export function readerKey(p: Principal): string {
  return p.user ? `user:${p.user.id}` : `token:${p.tokenId}`;
}

export function can(p: Principal, perm: Permission): boolean {
  const has = (role: Role | UserRole) => GRANTS[role]?.has(perm) ?? false;
  const person = p.user ? has(p.user.role) || (perm === 'sessions:reveal' && p.user.role === 'reviewer' && p.user.canReveal) : false;
  if (p.tokenId === null) return person;
  // A token: its scope, and, when bound to a person, that person's role too.
  return has(p.role) && (p.user ? person : true);
}

/** Members read only their own sessions: the user name their sessions carry. */
export function ownSessionsOnly(p: Principal): string | null {
  const role = p.user?.role ?? p.role;
  return role === 'member' ? (p.user?.email ?? p.name) : null;
}
