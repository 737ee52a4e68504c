import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { ensureWebBuild, type RunningServer, startServer } from './server';

export interface AppUnderTest {
  baseURL: string;
  browser: Browser;
}

/**
 * The server and the browser a journey file runs against, started before its tests and stopped after.
 * The server is this file's own (a fresh demo database, the built web app) unless E2E_BASE_URL names a
 * running one; `env` (operator keys, jobs switched off) needs its own server, so it always starts one.
 */
export function appUnderTest(
  started: (app: AppUnderTest) => void,
  options: { env?: Record<string, string> } = {},
): void {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    let baseURL: string;
    if (process.env.E2E_BASE_URL && !options.env) {
      baseURL = process.env.E2E_BASE_URL.replace(/\/$/, '');
    } else {
      await ensureWebBuild();
      server = await startServer(options.env ? { env: options.env } : {});
      baseURL = server.url;
    }
    browser = await launchBrowser();
    started({ baseURL, browser });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
}
