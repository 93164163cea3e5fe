import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Role } from '../../domain/access';
import type { Me } from '../../domain/schemas/auth';
import { api, ApiError, setCsrfToken } from '../api/client';

interface SessionState {
  me: Me | null;
  isLoading: boolean;
  /** True right after the user signed out, so the login page can say so. */
  hasJustSignedOut: boolean;
  /** Stores the user returned by login, sign-up or an accepted invitation. */
  signedIn(me: Me): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const [hasJustSignedOut, setHasJustSignedOut] = useState(false);

  useEffect(() => {
    api<Me>('/api/me')
      .then((current) => {
        setCsrfToken(current.csrfToken);
        setMe(current);
      })
      .catch((error: unknown) => {
        if (!(error instanceof ApiError) || error.status !== 401) console.warn(error);
      })
      .finally(() => setIsLoading(false));
  }, []);

  const signedIn = useCallback((next: Me) => {
    setCsrfToken(next.csrfToken);
    setHasJustSignedOut(false);
    setMe(next);
  }, []);

  const signOut = useCallback(async () => {
    await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    setCsrfToken(null);
    setHasJustSignedOut(true);
    setMe(null);
  }, []);

  const value = useMemo(() => ({ me, isLoading, hasJustSignedOut, signedIn, signOut }), [me, isLoading, hasJustSignedOut, signedIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

/** Each role lands on its own home page. */
export const homePathOf: Record<Role, string> = {
  household: '/foyer',
  provider_admin: '/structure',
  coordinator: '/coordination',
  worker: '/intervenant',
  territory_admin: '/territoire',
  innovator: '/lab',
};
