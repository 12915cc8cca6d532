// A local OpenID Provider for single sign-on tests: oidc-provider (a certified implementation) with
// one client and accounts the test controls. Not exported from testing/index.ts: oidc-provider is
// a dev dependency.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestIssuer {
  url: string;
  /** By subject; change them at will between sign-ins. */
  accounts: Map<string, TestAccount>;
  close(): Promise<void>;
}

/**
 * Starts the issuer on a random port. Its login page is not a form: the test names the account
 * to sign in as with `?login=<subject>` on the /interaction/ URL, and consent is granted at once.
 */
export async function startTestIssuer(client: { client_id: string; client_secret: string; redirect_uri: string }): Promise<TestIssuer> {
  const accounts = new Map<string, TestAccount>();
  // Made once the port, and so the issuer's URL, is known.
  let provider: Provider | undefined;
  let handle: ReturnType<Provider['callback']> | undefined;
  const interaction = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const p = provider!;
    const details = await p.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      const id = url.searchParams.get('login') ?? '';
      if (!accounts.has(id)) {
        res.statusCode = 400;
        res.end(`no test account ${JSON.stringify(id)}`);
        return;
      }
      await p.interactionFinished(req, res, { login: { accountId: id } }, { mergeWithLastSubmission: false });
      return;
    }
    const grant = new p.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    await p.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://issuer.invalid');
    if (!url.pathname.startsWith('/interaction/')) return handle!(req, res);
    interaction(req, res, url).catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  provider = new Provider(url, {
    clients: [{ client_id: client.client_id, client_secret: client.client_secret, redirect_uris: [client.redirect_uri], grant_types: ['authorization_code'], response_types: ['code'] }],
    jwks: { keys: [{ ...key, use: 'sig' }] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, i: { uid: string }) => `/interaction/${i.uid}` },
    findAccount: (_ctx: unknown, sub: string) => {
      const a = accounts.get(sub);
      return a ? { accountId: sub, claims: async () => ({ sub, ...a }) } : undefined;
    },
  });
  handle = provider.callback();
  return {
    url,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
