import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import ipaddr from 'ipaddr.js';
import type { AppInstance } from '../app';
import type { ClientContext, CurrentSession } from '../auth/auth-service';
import { csrfTokenOf, sameToken } from '../auth/secrets';
import { sendProblem } from './problem';

export const SESSION_COOKIE = 'kabinet_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** The subscriber's live session, once a preHandler proved it (and its page key). */
    session: CurrentSession;
  }
}

export async function registerSessions(app: AppInstance): Promise<void> {
  await app.register(cookie);
  const { msisdnHeader, msisdnHeaderTrustedCidrs } = app.deps.config.signIn;
  // Header enrichment is only believed from the operator's proxies; from anywhere else the header is a
  // forgery attempt or a misconfiguration, and the operator should hear about it.
  app.addHook('onRequest', async (request) => {
    if (request.headers[msisdnHeader] !== undefined && !fromTrustedProxy(request, msisdnHeaderTrustedCidrs)) {
      request.log.warn(
        { peer: request.socket.remoteAddress },
        `${msisdnHeader} header from an untrusted address ignored`,
      );
    }
  });
}

/** The number the operator's proxy put in the enrichment header, when the request really came from it. */
export function enrichedMsisdn(request: FastifyRequest, app: AppInstance): string | undefined {
  const { msisdnHeader, msisdnHeaderTrustedCidrs } = app.deps.config.signIn;
  const value = request.headers[msisdnHeader];
  if (typeof value !== 'string' || !fromTrustedProxy(request, msisdnHeaderTrustedCidrs)) return undefined;
  return value.trim();
}

/** The direct peer, never X-Forwarded-For: the header is trusted for who sent it, not who claims to be behind. */
function fromTrustedProxy(request: FastifyRequest, cidrs: [ipaddr.IPv4 | ipaddr.IPv6, number][]): boolean {
  const peer = request.socket.remoteAddress;
  if (!peer || cidrs.length === 0 || !ipaddr.isValid(peer)) return false;
  const address = ipaddr.process(peer);
  return cidrs.some(([range, bits]) => address.kind() === range.kind() && address.match(range, bits));
}

export function clientOf(request: FastifyRequest): ClientContext {
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : undefined };
}

export function sessionToken(request: FastifyRequest): string | undefined {
  return request.cookies[SESSION_COOKIE];
}

export function setSessionCookie(app: AppInstance, reply: FastifyReply, token: string): void {
  const { secureCookies, sessionMaxDays } = app.deps.config.signIn;
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    secure: secureCookies,
    sameSite: 'lax',
    path: '/',
    maxAge: sessionMaxDays * 24 * 3600,
  });
}

export function clearSessionCookie(app: AppInstance, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    secure: app.deps.config.signIn.secureCookies,
    sameSite: 'lax',
    path: '/',
  });
}

/** Whether the page presented the key it was handed after sign-in or PIN unlock (also the CSRF defence). */
export function hasPageKey(request: FastifyRequest, session: CurrentSession): boolean {
  const presented = request.headers[CSRF_HEADER];
  return typeof presented === 'string' && sameToken(presented, csrfTokenOf(session.token));
}

/**
 * A preHandler for endpoints that act for the signed-in subscriber: a live session and its page key
 * (a device with a PIN gets the key only by unlocking). `keyless` endpoints (unlock, sign-out) need the
 * session only.
 */
export function requireSession(app: AppInstance, options: { keyless?: boolean } = {}) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const session = await app.deps.services.auth.resolve(sessionToken(request));
    if (!session) {
      clearSessionCookie(app, reply);
      return sendProblem(reply, request, 401, 'unauthorized', 'Sign in first.');
    }
    if (!options.keyless && !hasPageKey(request, session)) {
      return sendProblem(reply, request, 401, 'unlock_required', 'Unlock the app on this device first.');
    }
    request.session = session;
  };
}
