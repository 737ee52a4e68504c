import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Serves the built web app, compressed when the build left .br/.gz copies. Hashed assets are cached for
 * a year; index.html and the service worker are revalidated on every visit so a deploy reaches everyone
 * at once.
 */
export async function registerWeb(app: FastifyInstance, webDist: string): Promise<boolean> {
  const index = join(webDist, 'index.html');
  if (!existsSync(index)) {
    app.log.warn({ webDist }, 'web app is not built: run "npm run build" (npm start does it for you)');
    return false;
  }
  await app.register(fastifyStatic, {
    root: webDist,
    prefix: '/',
    wildcard: false,
    index: false,
    // Brotli and gzip copies are written at build time (apps/web/scripts/precompress.mjs).
    preCompressed: true,
    setHeaders(res, path) {
      if (path.includes('/assets/')) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      else res.setHeader('cache-control', 'no-cache');
    },
  });
  return true;
}

/**
 * The Content-Security-Policy sources that allow the built index.html's inline scripts (its boot script,
 * which starts the first requests before the app's code arrives), each by the SHA-256 of its text, so
 * no other inline script may run. None when the app is not built.
 */
export function appShellScriptSources(webDist: string): string[] {
  const index = join(webDist, 'index.html');
  if (!existsSync(index)) return [];
  const html = readFileSync(index, 'utf8');
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    (match) =>
      `'sha256-${createHash('sha256')
        .update(match[1] ?? '')
        .digest('base64')}'`,
  );
}

/** Page navigations to app routes get index.html; the client-side router takes it from there. */
export function isAppNavigation(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0] ?? '/';
  if (path.startsWith('/api/') || path === '/api' || path.startsWith('/docs')) return false;
  if (/\.[a-z0-9]+$/i.test(path)) return false;
  return path === '/' || (request.headers.accept ?? '').includes('text/html');
}

export function sendAppShell(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
}
