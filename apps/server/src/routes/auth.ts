import {
  AddNumberRequest,
  CodeChallenge,
  CodeRequest,
  DeviceList,
  IdentityList,
  IdentityParams,
  OidcRedirect,
  OidcStartQuery,
  PasswordRequest,
  PasswordResetRequest,
  PasswordSignInRequest,
  PinRequest,
  Problem,
  ResendRequest,
  SecurityActivity,
  SessionState,
  SignedIn,
  SignInProviders,
  VerifyCodeRequest,
} from '@kabinet/contracts';
import { DomainError } from '@kabinet/core';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppInstance } from '../app';
import type { SignedIn as SignedInResult } from '../auth/auth-service';
import { LineParams } from '../plugins/line-access';
import {
  clearSessionCookie,
  clientOf,
  enrichedMsisdn,
  hasPageKey,
  requireSession,
  sessionToken,
  setSessionCookie,
} from '../plugins/session';

const problems = { 400: Problem, 401: Problem, 404: Problem, 409: Problem, 429: Problem };
const tags = ['sign-in'];

/**
 * Sign-in, device protection and the subscriber's own security settings. Rules live in AuthService;
 * these handlers move cookies and status codes. Every endpoint is rate limited per client address on
 * top of the per-number and per-code limits the service keeps in the database.
 */
export function authRoutes(app: AppInstance): void {
  const auth = app.deps.services.auth;
  const rateLimit = { max: app.deps.config.signIn.requestsPerMinute, timeWindow: 60_000 };
  const config = { rateLimit };
  const withKey = requireSession(app);
  const keyless = requireSession(app, { keyless: true });

  const signedIn = (reply: FastifyReply, result: SignedInResult) => {
    setSessionCookie(app, reply, result.token);
    return { state: 'signed_in' as const, session: result.view };
  };

  app.get(
    '/api/auth/session',
    {
      config,
      schema: {
        tags,
        summary: 'Whether this browser is signed in, and the page key when it may have it',
        description:
          'A device with a PIN answers `pin_required` until the page presents its key (after unlocking); ' +
          'reloading the app therefore asks for the PIN again.',
        response: { 200: SessionState, 429: Problem },
      },
    },
    async (request, reply) => {
      const session = await auth.resolve(sessionToken(request));
      if (!session) {
        if (sessionToken(request)) clearSessionCookie(app, reply);
        return { state: 'signed_out' as const };
      }
      if (session.pinSet && !hasPageKey(request, session)) {
        const login = await auth.view(session);
        return {
          state: 'pin_required' as const,
          msisdn: login.msisdn,
          pinTriesLeft: await auth.pinTriesLeft(session),
        };
      }
      return { state: 'signed_in' as const, session: await auth.view(session) };
    },
  );

  app.post(
    '/api/auth/code',
    {
      config,
      schema: {
        tags,
        summary: 'Send a one-time code by SMS',
        description:
          'The answer is the same whether or not the number is ours (no SMS goes to a number that is not). ' +
          'Codes are valid 5 minutes and allow 5 tries; numbers and client addresses get a few per hour.',
        body: CodeRequest,
        response: { 202: CodeChallenge, ...problems },
      },
    },
    async (request, reply) => {
      const answer = await auth.requestCode(
        { msisdn: request.body.msisdn, purpose: request.body.purpose ?? 'sign_in' },
        clientOf(request),
      );
      return reply.status(202).send(answer);
    },
  );

  app.post(
    '/api/auth/code/resend',
    {
      config,
      schema: {
        tags,
        summary: 'Send a new code for the same challenge',
        body: ResendRequest,
        response: { 202: CodeChallenge, ...problems },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await auth.resendCode(request.body.challengeId, clientOf(request))),
  );

  app.post(
    '/api/auth/code/verify',
    {
      config,
      schema: {
        tags,
        summary: 'Sign in with the code',
        body: VerifyCodeRequest,
        response: { 200: SignedIn, ...problems },
      },
    },
    async (request, reply) =>
      signedIn(
        reply,
        await auth.verifySignInCode(
          request.body.challengeId,
          request.body.code,
          clientOf(request),
          sessionToken(request),
        ),
      ),
  );

  app.post(
    '/api/auth/password/sign-in',
    {
      config,
      schema: {
        tags,
        summary: 'Sign in with number and password',
        body: PasswordSignInRequest,
        response: { 200: SignedIn, ...problems },
      },
    },
    async (request, reply) =>
      signedIn(
        reply,
        await auth.passwordSignIn(
          request.body.msisdn,
          request.body.password,
          clientOf(request),
          sessionToken(request),
        ),
      ),
  );

  app.post(
    '/api/auth/password/reset',
    {
      config,
      schema: {
        tags,
        summary: 'Set a new password with a code (purpose `password_reset`); signs out every other device',
        body: PasswordResetRequest,
        response: { 200: SignedIn, ...problems },
      },
    },
    async (request, reply) =>
      signedIn(
        reply,
        await auth.resetPassword(
          request.body.challengeId,
          request.body.code,
          request.body.password,
          clientOf(request),
          sessionToken(request),
        ),
      ),
  );

  app.post(
    '/api/auth/network-sign-in',
    {
      config,
      schema: {
        tags,
        summary: 'Sign in by header enrichment from the operator’s network',
        description: 'Only from the configured trusted proxies (MSISDN_HEADER_TRUSTED_CIDRS).',
        response: { 200: SignedIn, ...problems },
      },
    },
    async (request, reply) => {
      const msisdn = enrichedMsisdn(request, app);
      if (!msisdn)
        throw new DomainError(
          'not_recognised',
          'Your number could not be recognised from the network. Sign in with an SMS code.',
        );
      return signedIn(reply, await auth.networkSignIn(msisdn, clientOf(request), sessionToken(request)));
    },
  );

  app.post(
    '/api/auth/pin/unlock',
    {
      config,
      preHandler: keyless,
      schema: {
        tags,
        summary: 'Unlock this device with its PIN; the third wrong PIN signs the device out',
        body: PinRequest,
        response: { 200: SignedIn, ...problems },
      },
    },
    async (request, reply) => {
      try {
        return {
          state: 'signed_in' as const,
          session: await auth.unlock(request.session, request.body.pin, clientOf(request)),
        };
      } catch (error) {
        if (error instanceof DomainError && error.code === 'session_ended') clearSessionCookie(app, reply);
        throw error;
      }
    },
  );

  app.put(
    '/api/auth/pin',
    {
      config,
      preHandler: withKey,
      schema: {
        tags,
        summary: 'Set or change this device’s PIN (4-6 digits)',
        body: PinRequest,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await auth.setPin(request.session, request.body.pin, clientOf(request));
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/auth/pin',
    {
      config,
      preHandler: withKey,
      schema: { tags, summary: 'Remove this device’s PIN', response: { 204: Type.Null(), ...problems } },
    },
    async (request, reply) => {
      await auth.removePin(request.session, clientOf(request));
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/auth/password',
    {
      config,
      preHandler: withKey,
      schema: {
        tags,
        summary: 'Set or change the password',
        body: PasswordRequest,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await auth.setPassword(request.session, request.body.password, clientOf(request));
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/auth/password',
    {
      config,
      preHandler: withKey,
      schema: {
        tags,
        summary: 'Remove the password (sign in by code only)',
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await auth.removePassword(request.session, clientOf(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/sign-out',
    {
      config,
      preHandler: keyless,
      schema: { tags, summary: 'Sign out this device', response: { 204: Type.Null(), ...problems } },
    },
    async (request, reply) => {
      await auth.signOut(request.session, clientOf(request));
      clearSessionCookie(app, reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/devices',
    {
      config,
      preHandler: withKey,
      schema: { tags, summary: 'Signed-in devices', response: { 200: DeviceList, ...problems } },
    },
    async (request) => ({ devices: await auth.devices(request.session) }),
  );

  app.delete(
    '/api/auth/devices/:id',
    {
      config,
      preHandler: withKey,
      schema: {
        tags,
        summary: 'Sign out one device',
        params: Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{16}$' }) }),
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await auth.signOutDevice(request.session, request.params.id, clientOf(request));
      if (request.session.id.startsWith(request.params.id)) clearSessionCookie(app, reply);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/devices/sign-out-all',
    {
      config,
      preHandler: withKey,
      schema: {
        tags,
        summary: 'Sign out every device, this one too',
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await auth.signOutEverywhere(request.session, clientOf(request));
      clearSessionCookie(app, reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/activity',
    {
      config,
      preHandler: withKey,
      schema: {
        tags,
        summary: 'Recent sign-ins and security changes',
        response: { 200: SecurityActivity, ...problems },
      },
    },
    async (request) => ({ events: await auth.activity(request.session) }),
  );

  app.post(
    '/api/auth/numbers',
    {
      config,
      preHandler: withKey,
      schema: {
        tags,
        summary: 'Add a number to manage: a code goes to that number',
        body: AddNumberRequest,
        response: { 202: CodeChallenge, ...problems },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await auth.addNumber(request.session, request.body.msisdn, clientOf(request))),
  );

  app.post(
    '/api/auth/numbers/verify',
    {
      config,
      preHandler: withKey,
      schema: {
        tags,
        summary: 'Prove control of the number with its code',
        body: VerifyCodeRequest,
        response: { 200: SignedIn, ...problems },
      },
    },
    async (request) => ({
      state: 'signed_in' as const,
      session: await auth.verifyNumber(
        request.session,
        request.body.challengeId,
        request.body.code,
        clientOf(request),
      ),
    }),
  );

  app.delete(
    '/api/auth/numbers/:msisdn',
    {
      config,
      preHandler: withKey,
      schema: {
        tags,
        summary: 'Stop managing an added number',
        params: LineParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await auth.removeNumber(request.session, request.params.msisdn, clientOf(request));
      return reply.status(204).send(null);
    },
  );

  oidcRoutes(app, { config, withKey });
}

const OIDC_STATE_COOKIE = 'kabinet_oidc';
const OIDC_COOKIE_PATH = '/api/auth/oidc';

/**
 * External identity (OpenID Connect). Signing in starts with a plain navigation; linking starts with a
 * POST that needs the unlocked page's key, so a locked device cannot link an identity that would later
 * sign in without its PIN. The flow's state rides in a short-lived cookie too: a callback URL handed to
 * another browser finishes nothing.
 */
function oidcRoutes(
  app: AppInstance,
  { config, withKey }: { config: object; withKey: ReturnType<typeof requireSession> },
): void {
  const { oidc, auth } = app.deps.services;
  const rememberState = (reply: FastifyReply, state: string) =>
    reply.setCookie(OIDC_STATE_COOKIE, state, {
      httpOnly: true,
      secure: app.deps.config.signIn.secureCookies,
      // Lax: the provider's redirect back is a top-level GET navigation, which Lax cookies go with.
      sameSite: 'lax',
      path: OIDC_COOKIE_PATH,
      maxAge: 600,
    });
  const noProvider = () => new DomainError('not_found', 'No external identity provider is configured.');

  app.get(
    '/api/auth/providers',
    {
      config,
      schema: {
        tags,
        summary: 'Ways to sign in besides the number: the external identity provider, if any',
        response: { 200: SignInProviders, 429: Problem },
      },
    },
    async () => ({ oidc: oidc ? { name: oidc.providerName } : null }),
  );

  app.get(
    '/api/auth/oidc/start',
    {
      config,
      schema: {
        tags,
        summary: "Sign in with the operator's identity provider (redirects there)",
        querystring: OidcStartQuery,
        response: { 302: Type.Null(), ...problems },
      },
    },
    async (_request, reply) => {
      if (!oidc) throw noProvider();
      const { url, state } = await oidc.start('sign_in');
      rememberState(reply, state);
      return reply.redirect(url, 302);
    },
  );

  app.post(
    '/api/auth/oidc/link',
    {
      config,
      preHandler: withKey,
      schema: {
        tags,
        summary: "Start linking the identity provider's account to this sign-in; go to the answered URL",
        response: { 200: OidcRedirect, ...problems },
      },
    },
    async (request, reply) => {
      if (!oidc) throw noProvider();
      const { url, state } = await oidc.start('link', request.session);
      rememberState(reply, state);
      return { url };
    },
  );

  app.get(
    '/api/auth/oidc/callback',
    {
      config,
      schema: {
        tags,
        summary: 'Where the identity provider sends the browser back',
        description:
          'Redirects to the app: home after a sign-in, security settings after a link, and the sign-in ' +
          'or security screen with `error=oidc` when the provider did not confirm.',
        response: { 302: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      if (!oidc) throw noProvider();
      const session = await auth.resolve(sessionToken(request));
      reply.clearCookie(OIDC_STATE_COOKIE, { path: OIDC_COOKIE_PATH });
      const callbackUrl = new URL(request.url, app.deps.config.publicUrl);
      try {
        const outcome = await oidc.finish(
          callbackUrl,
          request.cookies[OIDC_STATE_COOKIE],
          session,
          clientOf(request),
          sessionToken(request),
        );
        if (outcome.kind === 'linked') return reply.redirect('/settings/security?linked=1', 302);
        setSessionCookie(app, reply, outcome.result.token);
        return reply.redirect('/', 302);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        request.log.warn({ code: error.code, reason: error.message }, 'OpenID Connect callback refused');
        return reply.redirect(session ? '/settings/security?error=oidc' : '/sign-in?error=oidc', 302);
      }
    },
  );

  app.get(
    '/api/auth/identities',
    {
      config,
      preHandler: withKey,
      schema: {
        tags,
        summary: 'External identities linked to this sign-in',
        response: { 200: IdentityList, ...problems },
      },
    },
    async (request) => ({
      identities: oidc ? await oidc.identities(request.session) : [],
      providerName: oidc?.providerName ?? null,
    }),
  );

  app.delete(
    '/api/auth/identities/:id',
    {
      config,
      preHandler: withKey,
      schema: {
        tags,
        summary: 'Unlink an external identity',
        params: IdentityParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      if (!oidc) throw noProvider();
      await oidc.unlink(request.session, request.params.id, clientOf(request));
      return reply.status(204).send(null);
    },
  );
}
