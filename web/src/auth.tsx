import { createContext, useContext } from 'react';
import type { Permission, Session } from '../../src/http/routes/auth.schema';

export interface Auth {
  session: Session;
  /** What the server says this user may do; the workbench never derives it from roles. */
  can: (permission: Permission) => boolean;
  logout: () => Promise<void>;
}

export const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside of a signed-in workbench');
  return auth;
}
