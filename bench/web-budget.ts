// npm run bench:web [-- --runs 5] [--dist /path/to/another/dist]
// The web budget of the signed-in Home (issue 5): starts the real server on a fresh demo database,
// signs a demo subscriber in through the API (SMS code from the dev outbox), then in Chromium with
// 4× CPU slowdown and DevTools' "Fast 4G" network (165 ms latency, 9 Mbit/s down, 1.5 Mbit/s up, ×0.9)
// measures, per run: the JavaScript the Home route loads before the balance shows (raw and gzip), the
// time from navigation to the balance on screen on a first visit (empty caches) and on a repeat visit
// (same browser profile: HTTP cache, service worker, the last known figures). Prints medians.

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from '../apps/server/test/support/server-process';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    msisdn: { type: 'string', default: '+79000000001' },
    // Another build of the web app (a copy of apps/web/dist), to compare two builds in the same hour.
    dist: { type: 'string' },
  },
});
const runs = Number(values.runs);
const msisdn = values.msisdn!;
const FAST_4G = {
  offline: false,
  latency: 60 * 2.75,
  downloadThroughput: ((9 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((1.5 * 1000 * 1000) / 8) * 0.9,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function signInCookie(url: string): Promise<string> {
  const sent = await fetch(`${url}/api/auth/code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ msisdn }),
  });
  const { challengeId } = (await sent.json()) as { challengeId: string };
  let code: string | undefined;
  for (let i = 0; i < 50 && !code; i++) {
    const outbox = (await (
      await fetch(`${url}/dev/outbox.json?to=${encodeURIComponent(msisdn)}`)
    ).json()) as {
      messages: { text: string }[];
    };
    code = /\b(\d{6})\b/.exec(outbox.messages[0]?.text ?? '')?.[1];
    if (!code) await new Promise((r) => setTimeout(r, 100));
  }
  const verified = await fetch(`${url}/api/auth/code/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ challengeId, code }),
  });
  const cookie = /kabinet_session=([^;]+)/.exec(verified.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error(`sign-in failed: ${verified.status}`);
  return cookie;
}

const server = await startServer({
  LOG_LEVEL: 'warn',
  NODE_ENV: 'development',
  ...(values.dist ? { WEB_DIST: resolve(values.dist) } : {}),
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
// Chromium ending under the bench (killed by someone else on a shared machine, or crashed) otherwise
// surfaces only as "Target page, context or browser has been closed" from whatever call was waiting.
let finished = false;
browser.on('disconnected', () => {
  if (!finished) console.error('Chromium exited while the bench was running (killed or crashed).');
});
try {
  const cookie = await signInCookie(server.url);
  const first: number[] = [];
  const repeat: number[] = [];
  // Per visit, in the order first, repeat, first, repeat…
  const htmlParsed: number[] = [];
  let jsRaw = 0;
  let jsGzip = 0;
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await context.addCookies([{ name: 'kabinet_session', value: cookie, url: server.url }]);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', FAST_4G);
    page.on('crash', () => console.error(`run ${run + 1}: the page crashed (renderer out of memory?)`));
    // Only the first run's scripts are counted (the same build every run). A body is read while its
    // page is open; one still pending when the page moves on is simply not counted, never an
    // unhandled rejection that stops the bench.
    const scripts = new Map<string, Promise<Buffer | null>>();
    let counting = run === 0;
    page.on('response', (response) => {
      if (counting && response.request().resourceType() === 'script')
        scripts.set(
          response.url(),
          response.body().catch(() => null),
        );
    });
    // The moment is taken in the page: when the balance is first in the document, after the next frame
    // has been painted (a task queued from requestAnimationFrame runs after that paint). Reading
    // performance.now() after Playwright's visibility polling instead added up to its polling interval
    // (hundreds of milliseconds on a loaded machine) to every figure.
    // Also when index.html's own start-up placeholder is in the document: the part of each figure spent
    // before any of the app's code could run (navigation, the HTML, its parsing).
    await context.addInitScript(`
      new MutationObserver((_, observer) => {
        if (window.__htmlParsedAt === undefined && document.querySelector('.boot'))
          window.__htmlParsedAt = performance.now();
        if (!document.querySelector('.balance-card__value')) return;
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => { window.__balanceShownAt = performance.now(); }, 0));
      }).observe(document, { childList: true, subtree: true });
    `);
    // Milliseconds since this navigation started (the page's time origin). Read by polling a plain
    // expression: waitForFunction compiles its predicate with eval, which the app's CSP forbids.
    const visibleAt = async () => {
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(25)) {
        const at = (await page.evaluate('window.__balanceShownAt')) as number | undefined;
        if (at !== undefined) {
          htmlParsed.push((await page.evaluate('window.__htmlParsedAt ?? NaN')) as number);
          return at;
        }
      }
      throw new Error('the balance did not show within 30 s');
    };
    await page.goto(server.url);
    first.push(await visibleAt());
    counting = false;
    if (run === 0) {
      for (const [url, pending] of scripts) {
        const body = await pending;
        if (!body) throw new Error(`could not read ${url}`);
        const gzip = gzipSync(body, { level: 9 }).length;
        jsRaw += body.length;
        jsGzip += gzip;
        if (process.env.BENCH_VERBOSE)
          console.log(`  ${(gzip / 1000).toFixed(1)} kB gzip  ${new URL(url).pathname}`);
      }
    }
    // Between two visits: the service worker has installed (with the shell and the code it names) and
    // controls the page, and the fresh figures have replaced the remembered ones (and been remembered).
    // Waited for as conditions, not a fixed pause: on a quiet machine a pause ended before the worker
    // had claimed the page, on a loaded one after.
    // Bounded: a worker that fails to install never takes control, and the wait must say so.
    const controlled = await page.evaluate(`new Promise((resolve) => {
      if (navigator.serviceWorker.controller) resolve(true);
      navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true));
      setTimeout(() => resolve(false), 30000);
    })`);
    if (!controlled) throw new Error(`run ${run + 1}: the service worker did not take control within 30 s`);
    await page.locator('.line-summary:not(.line-summary--stale)').waitFor({ timeout: 30_000 });
    await page.goto(server.url);
    repeat.push(await visibleAt());
    await context.close();
  }
  const kb = (bytes: number) => (bytes / 1000).toFixed(1);
  console.log(
    `Home route JavaScript before the balance shows: ${kb(jsRaw)} kB raw, ${kb(jsGzip)} kB gzip (budget 170)`,
  );
  console.log(
    `Balance visible, first visit (median of ${runs}): ${median(first).toFixed(0)} ms (budget 1500); runs ${first.map((v) => v.toFixed(0)).join(', ')}`,
  );
  console.log(
    `Balance visible, repeat visit (median of ${runs}): ${median(repeat).toFixed(0)} ms (budget 300); runs ${repeat.map((v) => v.toFixed(0)).join(', ')}`,
  );
  const parsed = (offset: number) => median(htmlParsed.filter((_, i) => i % 2 === offset)).toFixed(0);
  console.log(
    `Of which before any app code could run (index.html's placeholder in the document), median: first ${parsed(0)} ms, repeat ${parsed(1)} ms`,
  );
} finally {
  finished = true;
  await browser.close();
  await server.stop();
}
