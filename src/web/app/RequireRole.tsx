import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '../../domain/access';
import { homePathOf, useSession } from './session';

/** Signed-in pages: anonymous visitors go to the login page and come back after; other roles go to their home. */
export function RequireRole({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { me, isLoading } = useSession();
  const location = useLocation();
  if (isLoading) return <p role="status">Chargement…</p>;
  if (!me) return <Navigate to="/connexion" replace state={{ from: location.pathname + location.search }} />;
  if (roles && !roles.includes(me.role)) return <Navigate to={homePathOf[me.role]} replace />;
  return <>{children}</>;
}
