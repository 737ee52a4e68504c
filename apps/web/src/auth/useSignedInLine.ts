import type { SessionView } from './api';
import { useCurrentLine, useSession } from './session';

/**
 * The line a signed-in subscriber is looking at, or null for a visitor (the public catalogue screens
 * then show prices only) and while the session is still being read.
 */
export function useSignedInLine(): { session: SessionView; msisdn: string } | null {
  const session = useSession();
  const view = session.data?.state === 'signed_in' ? session.data.session : null;
  const msisdn = useCurrentLine(view);
  return view && msisdn ? { session: view, msisdn } : null;
}
