import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { to } from '../app/routes';
import { ErrorState, Loading, SkeletonCards } from '../ui/states';
import type { SessionView } from './api';
import { sessionEndReason, useSession } from './session';

/**
 * A screen for the signed-in subscriber only: signed-out visitors are sent to sign in (and back here
 * afterwards). A locked device never gets here: the layout shows the PIN screen instead.
 */
export function RequireSignedIn({ children }: { children: (session: SessionView) => ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.data?.state === 'signed_in') return <>{children(session.data.session)}</>;
  if (session.data) {
    const reason = sessionEndReason();
    if (reason === 'choice') return <Navigate to={to.home()} replace />;
    const next = location.pathname + location.search;
    return <Navigate to={to.signIn({ next, reason: reason ?? undefined })} replace />;
  }
  if (session.isError) {
    return (
      <ErrorState
        error={session.error}
        onRetry={() => void session.refetch()}
        retrying={session.isFetching}
      />
    );
  }
  return (
    <Loading>
      <SkeletonCards count={2} />
    </Loading>
  );
}
