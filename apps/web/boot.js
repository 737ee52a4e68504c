// Inlined into index.html by the build (vite.config.ts), so it runs while the HTML is still being read,
// before the app's code has downloaded: it asks for the session, and on Home for the line's figures as
// soon as the session answers, and has the browser fetch the saved language's texts and the Home's
// code in parallel. Without it each of these waited for the previous one after the code had run.
// The app takes these answers once at start (apps/web/src/api/http.ts, takeEarlyAnswer); the rules
// (language, current line) are the app's own, repeated here because no app code has loaded yet.
// The server's Content-Security-Policy allows exactly this script by its hash (plugins/web.ts).
(() => {
  const chunks = __BOOT_CHUNKS__;
  const read = (key) => {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  };
  const speaks = (language) => Object.hasOwn(chunks.locales, language);
  let language = read('kabinet.language');
  if (!speaks(language)) {
    language = 'en';
    for (const tag of navigator.languages ?? [navigator.language]) {
      const primary = tag.toLowerCase().split(/[-_]/)[0];
      const found = primary === 'in' ? 'id' : primary;
      if (speaks(found)) {
        language = found;
        break;
      }
    }
  }
  const home = location.pathname === '/';
  for (const href of [...chunks.locales[language], ...(home ? chunks.home : [])]) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = href;
    document.head.append(link);
  }
  const headers = { accept: 'application/json', 'accept-language': language };
  const session = fetch('/api/auth/session', { headers, credentials: 'same-origin' });
  const lineSummary = !home
    ? Promise.resolve(null)
    : session
        .then((response) => (response.ok ? response.clone().json() : null))
        .then((state) => {
          if (state?.state !== 'signed_in') return null;
          const chosen = read('kabinet.line');
          const msisdn = state.session.lines.some((line) => line.msisdn === chosen)
            ? chosen
            : state.session.msisdn;
          const path = `/api/lines/${encodeURIComponent(msisdn)}/summary`;
          const response = fetch(path, {
            headers: { ...headers, 'x-csrf-token': state.session.csrfToken },
            credentials: 'same-origin',
          });
          // A failure is the app's to report when it takes the answer, not an unhandled rejection.
          response.catch(() => undefined);
          return { path, response };
        })
        .catch(() => null);
  session.catch(() => undefined);
  window.__kabinetBoot = { session, lineSummary };
})();
