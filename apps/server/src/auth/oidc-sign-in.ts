import { DomainError } from '@kabinet/core';
import {
  type DB,
  findLoginByIdentity,
  insertOidcFlow,
  linkIdentity,
  listIdentities,
  takeOidcFlow,
  unlinkIdentity,
} from '@kabinet/db';
import type { Kysely } from 'kysely';
import * as client from 'openid-client';
import type { OidcConfig } from '../config';
import type { AuthService, ClientContext, CurrentSession, SignedIn } from './auth-service';

/** A flow the provider did not finish within this time is void (the provider's own login page included). */
const FLOW_TTL_MS = 10 * 60_000;

export type OidcIntent = 'sign_in' | 'link';

export type OidcOutcome = { kind: 'signed_in'; result: SignedIn } | { kind: 'linked' };

export interface OidcDeps {
  db: Kysely<DB>;
  auth: AuthService;
  config: OidcConfig;
  /** Where the provider sends the browser back: PUBLIC_URL + /api/auth/oidc/callback. */
  redirectUri: string;
  now?: () => Date;
}

/**
 * Linking an external OpenID Connect identity and signing in with it: authorization code flow with PKCE
 * (S256), state and nonce, all kept server-side in oidc_flows and taken once. The identity is the
 * provider's (issuer, subject) pair, never an e-mail address or a phone number the provider asserts.
 */
export class OidcSignIn {
  private discovered: Promise<client.Configuration> | undefined;
  private readonly now: () => Date;

  constructor(private readonly deps: OidcDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  get providerName(): string {
    return this.deps.config.providerName;
  }

  /**
   * The provider's authorization URL for a new flow. Linking is tied to the session that asked, so a
   * callback replayed into another browser links nothing.
   */
  async start(intent: OidcIntent, session?: CurrentSession): Promise<{ url: string; state: string }> {
    const configuration = await this.configuration();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    await insertOidcFlow(this.deps.db, {
      state,
      intent,
      sessionId: intent === 'link' ? (session?.id ?? null) : null,
      codeVerifier,
      nonce,
      createdAt: this.now().toISOString(),
    });
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.deps.redirectUri,
      scope: 'openid',
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state };
  }

  /**
   * Finishes a flow from the provider's callback. `browserState` is the state this browser started
   * with (its cookie): a callback carrying another browser's state is refused.
   */
  async finish(
    callbackUrl: URL,
    browserState: string | undefined,
    session: CurrentSession | undefined,
    client_: ClientContext,
    previousToken: string | undefined,
  ): Promise<OidcOutcome> {
    const state = callbackUrl.searchParams.get('state');
    if (!state || !browserState || state !== browserState) throw refused('The sign-in was not started here.');
    const notBefore = new Date(this.now().getTime() - FLOW_TTL_MS).toISOString();
    const flow = await takeOidcFlow(this.deps.db, state, notBefore);
    if (!flow) throw refused('The sign-in took too long or was already used. Start again.');

    let subject: string;
    let issuer: string;
    try {
      const tokens = await client.authorizationCodeGrant(await this.configuration(), callbackUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('no ID token');
      subject = claims.sub;
      issuer = claims.iss;
    } catch (error) {
      throw refused(`The identity provider did not confirm the sign-in (${(error as Error).message}).`);
    }

    if (flow.intent === 'link') {
      if (!session || session.id !== flow.sessionId) throw refused('Sign in again, then link the identity.');
      const owner = await linkIdentity(this.deps.db, {
        loginId: session.loginId,
        issuer,
        subject,
        at: this.now().toISOString(),
      });
      if (owner !== session.loginId)
        throw new DomainError('conflict', 'This identity is already linked to another number.');
      await this.deps.auth.log(session.loginId, 'identity_linked', session.label, client_);
      return { kind: 'linked' };
    }

    const login = await findLoginByIdentity(this.deps.db, issuer, subject);
    if (!login || login.status === 'terminated')
      throw refused('This identity is not linked to a number. Sign in with an SMS code and link it first.');
    return {
      kind: 'signed_in',
      result: await this.deps.auth.identitySignIn(login.id, client_, previousToken),
    };
  }

  async identities(session: CurrentSession) {
    const rows = await listIdentities(this.deps.db, session.loginId);
    return rows.map((row) => ({ id: row.id, provider: this.providerName, linkedAt: row.linked_at }));
  }

  async unlink(session: CurrentSession, id: number, client_: ClientContext): Promise<void> {
    if (!(await unlinkIdentity(this.deps.db, session.loginId, id)))
      throw new DomainError('not_found', 'This identity is not linked to your sign-in.');
    await this.deps.auth.log(session.loginId, 'identity_unlinked', session.label, client_);
  }

  /** Discovery once per process; a failure is retried on the next use instead of being cached. */
  private configuration(): Promise<client.Configuration> {
    if (!this.discovered) {
      const { issuer, clientId, clientSecret } = this.deps.config;
      const issuerUrl = new URL(issuer);
      this.discovered = client
        .discovery(issuerUrl, clientId, clientSecret, undefined, {
          // The configuration allows plain http only for a loopback provider outside production.
          execute: issuerUrl.protocol === 'http:' ? [client.allowInsecureRequests] : [],
          timeout: 10,
        })
        .catch((error: unknown) => {
          this.discovered = undefined;
          throw new DomainError(
            'unavailable',
            `The identity provider cannot be reached (${(error as Error).message}).`,
          );
        });
    }
    return this.discovered;
  }
}

function refused(detail: string): DomainError {
  return new DomainError('unauthorized', detail);
}
