// The app itself, started by main.tsx once index.html's boot script has painted what it could.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { catalogQuery } from './api/catalog';
import { lineSummaryQuery } from './api/lines';
import { App } from './app/App';
import { pages } from './app/pages';
import { queryClient } from './app/queryClient';
import { paths } from './app/routes';
import { currentLineOf, sessionQuery } from './auth/session';
import { initI18n } from './i18n';

// Start loading the catalogue now, in parallel with the language file.
void queryClient.prefetchQuery(catalogQuery);
// Home is the first screen for everyone opening the app; index.html's boot script has usually
// started fetching its code already. Rendering waits for it (as for the language), so the first
// render is the Home itself, not a placeholder that React keeps up for 300 ms after the code arrives.
const firstPage = window.location.pathname === paths.home ? pages.home.preload() : null;
// Who is signed in decides the first screen: ask at once too, and for a signed-in subscriber opening
// Home, ask for the line's figures as soon as the session answers, while the page's code still loads.
void queryClient.fetchQuery(sessionQuery).then(
  (state) => {
    if (state.state !== 'signed_in' || window.location.pathname !== paths.home) return;
    const msisdn = currentLineOf(state.session);
    if (msisdn) void queryClient.prefetchQuery(lineSummaryQuery(msisdn));
  },
  () => undefined, // the session query shows its own error
);

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

void Promise.all([initI18n(), firstPage?.catch(() => undefined)]).then(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});

// Installable and quick to start: the service worker keeps the app shell (production builds only; in
// development it would serve stale modules to Vite).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  const register = () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  // The app usually starts after the page's load event (main.tsx waits for the boot paint).
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register);
}
