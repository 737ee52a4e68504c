import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';

// A built app shell with one inline script (as the web build inlines its boot script).
const bootScript = "window.__kabinetBoot = { session: fetch('/api/auth/session') };";
const html = `<!doctype html><html><head><meta charset="UTF-8" /><script>${bootScript}</script><script type="module" src="/assets/index-x.js"></script></head><body><div id="root"></div></body></html>`;

let dist: string;
let t: TestApp;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'kabinet-web-'));
  writeFileSync(join(dist, 'index.html'), html);
  t = await createTestApp({ WEB_DIST: dist });
});

afterAll(async () => {
  await t.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the app shell', () => {
  it('is served for app screens with a CSP that allows its own inline script by hash, and no other', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/account', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(html);
    const csp = String(response.headers['content-security-policy']);
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1];
    const hash = createHash('sha256').update(bootScript).digest('base64');
    // Only this origin and exactly the boot script: no 'unsafe-inline', no other hash.
    expect(scriptSrc).toBe(`'self' 'sha256-${hash}'`);
  });

  it('sends API answers the same policy', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/session' });
    expect(String(response.headers['content-security-policy'])).toContain("script-src 'self' 'sha256-");
  });
});
