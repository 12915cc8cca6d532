import { createContext, useContext } from 'react';
import type { Principal } from './api/types';

export const PrincipalContext = createContext<Principal>({ name: '', role: 'read', kind: 'token' });

export const usePrincipal = (): Principal => useContext(PrincipalContext);

/** Writes (settings, reviews, kills) are for admins; the read role sees controls disabled. */
export const useCanWrite = (): boolean => usePrincipal().role === 'admin';
