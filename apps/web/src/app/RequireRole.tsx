import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { homeOf, type Role } from '../auth/session';
import { useSession } from '../auth/use-session';

/** Signed out: to the login page (and back here after it). Another role: to that role's home. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!roles.includes(session.user.role)) return <Navigate to={homeOf(session.user.role)} replace />;
  return <>{children}</>;
}

export function HomeRedirect() {
  const session = useSession();
  return <Navigate to={session ? homeOf(session.user.role) : '/login'} replace />;
}
