// Inlined into index.html by the build (vite.config.ts), so it runs while the HTML is still being read,
// before the app's code has downloaded: it asks for the session, and on Home for the line's figures as
// soon as the session answers, and has the browser fetch the saved language's texts and the Home's
// code in parallel. Without it each of these waited for the previous one after the code had run.
// The app takes these answers once at start (apps/web/src/api/http.ts, takeEarlyAnswer); the rules
// (language, current line) are the app's own, repeated here because no app code has loaded yet.
// It also paints the balance before the app's code has run (it is ~530 kB of JavaScript to evaluate
// on a slow phone): the remembered figures on a repeat visit, the fresh ones when they arrive first.
// The server's Content-Security-Policy allows exactly this script by its hash (plugins/web.ts).
(() => {
  const chunks = __BOOT_CHUNKS__;
  const texts = __BOOT_TEXTS__;
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
  const stored = (key) => {
    try {
      return JSON.parse(read(key) ?? 'null');
    } catch {
      return null;
    }
  };
  // The line Home shows: the one chosen in the switcher if the session may still manage it (auth/session).
  const lineOf = (session) => {
    const chosen = read('kabinet.line');
    return session.lines.some((line) => line.msisdn === chosen) ? chosen : session.msisdn;
  };
  const paint = createPainter(language, texts[language]);
  // Repeat visit: the Home this device last showed, on the app's own rule (auth/session lastSession):
  // only a session remembered on a device without a PIN, and only the figures of its current line.
  const remembered = stored('kabinet.lastSession');
  let rememberedShown = false;
  if (home && remembered?.pinSet === false && Array.isArray(remembered.lines)) {
    const msisdn = lineOf(remembered);
    const summary = stored(`kabinet.lastSummary.${msisdn}`);
    if (summary) {
      paint(remembered, msisdn, summary, true);
      rememberedShown = true;
    }
  }
  for (const href of [...chunks.start, ...chunks.locales[language], ...(home ? chunks.home : [])]) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = href;
    document.head.append(link);
  }
  // When the app may start (main.tsx waits for it): at once unless this is a first visit to Home that
  // may paint fresh figures; then when they are painted, when there is nothing to paint, or after
  // FIRST_PAINT_WAIT_MS, so a slow answer never holds the app back for long.
  let started;
  const firstPaint = new Promise((resolve) => {
    started = resolve;
  });
  const FIRST_PAINT_WAIT_MS = 1200;
  if (!home || rememberedShown) started();
  else setTimeout(started, FIRST_PAINT_WAIT_MS);
  // After the frame that shows the paint: evaluating the app right away would hold that frame back.
  const startAfterPaint = () => requestAnimationFrame(() => setTimeout(started, 0));
  const headers = { accept: 'application/json', 'accept-language': language };
  const session = fetch('/api/auth/session', { headers, credentials: 'same-origin' });
  const lineSummary = !home
    ? Promise.resolve(null)
    : session
        .then((response) => (response.ok ? response.clone().json() : null))
        .then((state) => {
          if (state?.state !== 'signed_in') {
            // Signed out, or a PIN to enter: the remembered figures go before anyone sees more of them.
            paint.takeBack();
            started();
            return null;
          }
          const msisdn = lineOf(state.session);
          const path = `/api/lines/${encodeURIComponent(msisdn)}/summary`;
          const response = fetch(path, {
            headers: { ...headers, 'x-csrf-token': state.session.csrfToken },
            credentials: 'same-origin',
          });
          // First visit: the fresh figures, if they come before the app has rendered (a copy of the
          // answer: the app reads the original).
          response
            .then((answer) => (answer.ok ? answer.clone().json() : null))
            .then((summary) => summary && paint(state.session, msisdn, summary, false))
            // A failure is the app's to report when it takes the answer, not an unhandled rejection.
            .catch(() => undefined)
            .finally(startAfterPaint);
          return { path, response };
        })
        .catch(() => {
          started();
          return null;
        });
  session.catch(() => started());
  window.__kabinetBoot = { session, lineSummary, firstPaint };

  /**
   * The top of the signed-in Home as the app renders it (features/home/LineHome.tsx: greeting, number,
   * freshness line, balance card), with the same elements and classes inside the same shell, so the app's
   * first render replaces it without anything moving. Only until the app renders: once React owns #root,
   * the painter does nothing. Text goes in as text, never as HTML.
   */
  function createPainter(language, text) {
    const root = () => document.getElementById('root');
    const painted = () => root()?.firstElementChild?.hasAttribute('data-boot-paint') ?? false;
    let placeholder;
    let latest = 0;
    // This script runs in <head>: #root is painted once the parser has read it and its placeholder (what
    // follows it exists), which is long before the app's module script runs.
    const whenParsed = (draw) => {
      const parsed = () => root()?.nextElementSibling;
      if (parsed()) return draw();
      const observer = new MutationObserver(() => {
        if (!parsed()) return;
        observer.disconnect();
        draw();
      });
      observer.observe(document.documentElement, { childList: true, subtree: true });
    };
    const el = (tag, className, ...children) => {
      const node = document.createElement(tag);
      if (className) node.className = className;
      node.append(...children);
      return node;
    };
    // The app's icons are 18 px SVGs: an empty one keeps their place until the app draws them.
    const icon = (className) => {
      const node = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      node.setAttribute('class', className ? `icon ${className}` : 'icon');
      node.setAttribute('width', '18');
      node.setAttribute('height', '18');
      node.setAttribute('aria-hidden', 'true');
      return node;
    };
    const draw = (session, msisdn, summary, stale) => {
      const into = root();
      // Never over the app: only over index.html's placeholder or an earlier paint.
      if (!into || !(painted() || into.firstElementChild?.classList.contains('boot'))) return;
      // Alerts show above the balance in the app and would push the card down when it renders: with
      // alerts the app paints the Home itself.
      if (!Array.isArray(summary.alerts) || summary.alerts.length > 0 || !summary.account) return;
      const line = session.lines.find((l) => l.msisdn === msisdn);
      const name = line?.customerName ?? (msisdn === session.msisdn ? session.customerName : null);
      const firstName = name?.split(' ')[0];
      const asOf = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }).format(
        new Date(summary.asOf),
      );
      const { balance, currency } = summary.account;
      const shell = el(
        'div',
        'shell',
        el('header', 'topbar', el('div', 'topbar__inner')),
        el(
          'div',
          'shell__body',
          el('div', 'sidebar'),
          el(
            'main',
            'main',
            el(
              'div',
              'page page--home',
              el(
                'div',
                'page__header',
                el('h1', 'page__title', firstName ? text.greeting.replace('{name}', firstName) : text.title),
                el('p', 'page__lead', icon('page__lead-icon'), ` ${bootMsisdn(msisdn)}`),
              ),
              el(
                'div',
                stale ? 'line-summary line-summary--stale' : 'line-summary',
                el(
                  'div',
                  'freshness',
                  el(
                    'p',
                    'muted as-of',
                    text.asOf.replace('{date}', asOf) + (stale ? ` · ${text.lastKnownUpdating}` : ''),
                  ),
                  el('button', 'button button--secondary button--small', icon(), text.refresh),
                ),
                el(
                  'div',
                  'card-grid line-cards',
                  el(
                    'section',
                    'card balance-card',
                    el('h2', 'balance-card__label', text.balance),
                    el(
                      'p',
                      balance < 0 ? 'balance-card__value balance-card__value--debt' : 'balance-card__value',
                      bootMoney(balance, currency, language),
                    ),
                  ),
                  // The tariff card's place beside it, kept empty and unseen: the balance card has the
                  // width it will have (on a phone the tariff card is below: nothing there to move).
                  el('section', 'card boot-paint__slot'),
                ),
              ),
            ),
          ),
        ),
      );
      // While the figures are being updated the app's refresh button is disabled, as here.
      const refresh = shell.querySelector('button');
      refresh.type = 'button';
      refresh.disabled = stale;
      shell.setAttribute('data-boot-paint', '');
      // Only a picture of what the app is about to render: nothing in it to read out or reach yet.
      shell.setAttribute('aria-hidden', 'true');
      shell.inert = true;
      if (!painted()) placeholder = into.innerHTML;
      into.replaceChildren(shell);
    };
    const paint = (...figures) => {
      const mine = ++latest;
      whenParsed(() => {
        try {
          if (mine === latest) draw(...figures);
        } catch {
          // Figures this script cannot read (a remembered answer from another version): the app paints them.
        }
      });
    };
    paint.takeBack = () => {
      latest += 1;
      if (painted() && placeholder !== undefined) root().innerHTML = placeholder;
    };
    return paint;
  }

  /** lib/money formatMoney, repeated (no app code has loaded); apps/web/src/lib/boot.test.ts keeps them equal. */
  function bootMoney(minor, currency, language) {
    const digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
    const whole = String(Math.abs(minor)).padStart(digits + 1, '0');
    const decimal = `${minor < 0 ? '-' : ''}${whole.slice(0, whole.length - digits)}${digits > 0 ? '.' : ''}${whole.slice(whole.length - digits)}`;
    return new Intl.NumberFormat(language, {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      trailingZeroDisplay: 'stripIfInteger',
    }).format(decimal);
  }

  /** lib/phone formatMsisdn, repeated: "+7 900 000-00-01" with no-break spaces and hyphens. */
  function bootMsisdn(e164) {
    const match = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(e164);
    return match ? `+7\u00a0${match[1]}\u00a0${match[2]}\u2011${match[3]}\u2011${match[4]}` : e164;
  }
})();
