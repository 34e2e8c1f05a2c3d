import { ContractError } from '../protocol/contract-error.js';
import type { HeadersOption } from './connect-options.js';
import { say } from '../messages.js';

/** Gives the current access token; asked again after the server answered 401. */
export type TokenProvider = () => string | Promise<string>;

/** The headers and token a connection's requests carry: see `credentialsOf`. */
export interface Credentials {
  /** Whether a 401 is worth one more try: something can give other credentials. */
  readonly renewable: boolean;
  /** The headers for the next request (a promise only while a token is being fetched). */
  current(): Readonly<Record<string, string>> | Promise<Readonly<Record<string, string>>>;
  /** The server refused `used` (the headers a request carried): drop the token they held, if it is still current. */
  renew(used: Readonly<Record<string, string>>): void;
}

/**
 * The credentials a connection sends: its `headers` option and, with a
 * `token` provider, `authorization: Bearer <token>`. The token is fetched on
 * first use, kept, and fetched again after a 401 (once for all requests that
 * got that 401 with the same token), so a provider is not asked per request.
 */
export function credentialsOf(
  headers: HeadersOption | undefined,
  provider: TokenProvider | undefined,
): Credentials {
  let token: string | undefined;
  let fetching: Promise<string> | undefined;
  const bearer = (extra: Readonly<Record<string, string>>, value: string) => ({
    ...extra,
    authorization: `Bearer ${value}`,
  });

  async function fetchToken(): Promise<string> {
    try {
      const fresh = await (provider as TokenProvider)();
      if (typeof fresh !== 'string' || fresh === '') throw new TypeError(say('token-empty'));
      return (token = fresh);
    } catch (error) {
      throw new ContractError('UNAUTHENTICATED', say('no-token', error), { cause: error });
    } finally {
      fetching = undefined;
    }
  }

  return {
    renewable: provider !== undefined || typeof headers === 'function',
    current() {
      const extra = typeof headers === 'function' ? headers() : (headers ?? {});
      if (provider === undefined) return extra;
      if (token !== undefined) return bearer(extra, token);
      return (fetching ??= fetchToken()).then((fresh) => bearer(extra, fresh));
    },
    renew(used) {
      if (token !== undefined && used['authorization'] === `Bearer ${token}`) token = undefined;
    },
  };
}
