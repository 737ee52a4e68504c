import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, ScrollRestoration, useLocation } from 'react-router';
import { useCatalog } from '../api/catalog';
import { useSession } from '../auth/session';
import { LanguageSelect } from '../ui/LanguageSelect';
import { SkeletonCards, SkeletonLine } from '../ui/states';
import { LineSwitcher, SidebarAccount, SignInLink, useSessionLossHandling } from './Account';
import { Sidebar, TabBar } from './Navigation';
import { queryClient } from './queryClient';
import { paths, to } from './routes';
import { tabSections } from './sections';

// Only a locked device needs the PIN screen: its code is fetched then.
const UnlockScreen = lazy(() => import('../features/unlock/UnlockScreen'));

function Brand() {
  const { t } = useTranslation();
  const catalog = useCatalog();
  const name = catalog.data?.operator.name ?? (catalog.isError ? t('app.name') : null);
  return (
    <Link
      to={to.home()}
      className="brand"
      aria-label={name ? t('app.homeLink', { operator: name }) : undefined}
    >
      <span className="brand__mark" aria-hidden="true">
        {(name ?? ' ').slice(0, 1).toUpperCase()}
      </span>
      {name ? (
        <span className="brand__name">{name}</span>
      ) : (
        <span className="brand__name" aria-hidden="true">
          <SkeletonLine width="7rem" height="1.1rem" />
        </span>
      )}
    </Link>
  );
}

/** Placeholder while a page's code downloads (first visit to a section). */
function PageFallback() {
  return (
    <div className="page" aria-busy="true">
      <div className="page__header">
        <SkeletonLine width="40%" height="2rem" />
      </div>
      <SkeletonCards count={3} />
    </div>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const session = useSession();
  const { pathname } = useLocation();
  useSessionLossHandling();
  const state = session.data?.state;
  // A device with a PIN shows only the PIN screen until it is unlocked; the sign-in screens stay open
  // for "sign in with an SMS code instead".
  const locked =
    session.data?.state === 'pin_required' && !pathname.startsWith(paths.signIn) ? session.data : null;
  const signedIn = session.data?.state === 'signed_in' ? session.data.session : null;
  // Fetch the tab sections' code when the browser is idle, so the first tap is instant; but only after
  // a quiet second with nothing loading, so on a slow network it never competes with the first screen's
  // data. Watched through a cache subscription, not a hook: the layout must not re-render on every fetch.
  useEffect(() => {
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const preload = () => {
      for (const section of tabSections) void section.preload();
    };
    const check = () => {
      if (done) return;
      clearTimeout(timer);
      if (queryClient.isFetching() > 0) return;
      timer = setTimeout(() => {
        done = true;
        unsubscribe();
        if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(preload);
        else preload(); // Safari has no requestIdleCallback
      }, 1000);
    };
    const unsubscribe = queryClient.getQueryCache().subscribe(check);
    check();
    return () => {
      done = true;
      clearTimeout(timer);
      unsubscribe();
    };
  }, []);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <div className="topbar__inner">
          <Brand />
          <div className="topbar__end">
            {signedIn ? <LineSwitcher session={signedIn} /> : null}
            <LanguageSelect />
            {state === 'signed_out' || session.isError ? <SignInLink /> : null}
          </div>
        </div>
      </header>
      <div className={locked ? 'shell__body shell__body--locked' : 'shell__body'}>
        {locked ? null : <Sidebar account={signedIn ? <SidebarAccount session={signedIn} /> : null} />}
        <main id="main" className="main" tabIndex={-1}>
          <Suspense fallback={<PageFallback />}>
            {locked ? <UnlockScreen msisdn={locked.msisdn} pinTriesLeft={locked.pinTriesLeft} /> : <Outlet />}
          </Suspense>
        </main>
      </div>
      {locked ? null : <TabBar />}
      <ScrollRestoration />
    </div>
  );
}
