import type { BrowserContext, Page } from 'playwright-core';

/**
 * Holds the session answer while started, so what the page shows before it (the boot paint, the
 * remembered Home) can be looked at; `release` lets it and every later one through.
 */
export async function holdSession(on: Page | BrowserContext) {
  let gate: Promise<void> | null = null;
  let open: () => void = () => undefined;
  await on.route('**/api/auth/session', async (route) => {
    if (gate) await gate;
    await route.continue();
  });
  return {
    start() {
      gate = new Promise<void>((resolve) => {
        open = resolve;
      });
    },
    release() {
      gate = null;
      open();
    },
  };
}
