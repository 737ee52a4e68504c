import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider (panva's oidc-provider) on loopback for the tests. Its login step is
 * automated: whoever is in `nextAccount` signs in when the interaction page is reached, and consent is
 * granted by the operator in advance (first-party client), as an operator's own IdP would.
 */
export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The provider-side account the next login interaction signs in. */
  nextAccount: string;
  close(): Promise<void>;
}

export async function startTestOidcProvider(redirectUri: string): Promise<TestOidcProvider> {
  const server: Server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'kabinet';
  const clientSecret = 'test-client-secret-0123456789abcdef';
  const state: TestOidcProvider = {
    issuer,
    clientId,
    clientSecret,
    nextAccount: 'idp-user-1',
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    ttl: {
      Session: 3600,
      Interaction: 600,
      Grant: 3600,
      AuthorizationCode: 60,
      AccessToken: 600,
      IdToken: 600,
    },
    cookies: { keys: ['test-oidc-cookie-key-0123456789'] },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope('openid');
      await grant.save();
      return grant;
    },
  });
  const handle = provider.callback();
  server.on('request', (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      void (async () => {
        await provider.interactionDetails(req, res);
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: state.nextAccount } },
          { mergeWithLastSubmission: false },
        );
      })().catch((error: Error) => {
        res.statusCode = 500;
        res.end(error.message);
      });
      return;
    }
    handle(req, res);
  });
  return state;
}

/**
 * A browser at the provider: follows its redirects with its cookies until the provider sends the
 * browser back to `until` (our callback), and answers that URL.
 */
export function providerBrowser() {
  const jar = new Map<string, string>();
  return async (start: string, until: string): Promise<URL> => {
    let url = start;
    for (let hop = 0; hop < 10; hop += 1) {
      if (url.startsWith(until)) return new URL(url);
      const response = await fetch(url, {
        redirect: 'manual',
        headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const at = pair!.indexOf('=');
        jar.set(pair!.slice(0, at), pair!.slice(at + 1));
      }
      const location = response.headers.get('location');
      if (!location)
        throw new Error(`the provider stopped at ${url} with ${response.status}: ${await response.text()}`);
      url = new URL(location, url).href;
    }
    throw new Error('too many redirects at the provider');
  };
}
