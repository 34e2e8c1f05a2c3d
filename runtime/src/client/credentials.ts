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

/** What `bearerToken` makes: the `token` option's value, the token part of a connection's credentials. */
export interface BearerToken {
  /** The token: the one kept, or a fetch of a fresh one (a promise then). */
  current(): string | Promise<string>;
  /** The server refused `used` (the headers a request carried): drop the kept token if they held it. */
  renew(used: Readonly<Record<string, string>>): void;
}

/**
 * The `token` option of `connect`: `connect(url, { token: bearerToken(() =>
 * auth.accessToken()) })` sends `authorization: Bearer <token>` (HTTP
 * requests and the WebSocket upgrade). The token is asked of `provider` on
 * first use, kept, and asked again after the server answers 401 (an
 * expired token; once for all requests that got that 401 with the same
 * token); the refused request is then sent once more, so the client keeps
 * its id and its place in its queue. A provider that throws or gives no
 * token fails the request with `UNAUTHENTICATED`. An imported helper, not
 * a function option, so a page without tokens does not download it.
 */
export function bearerToken(provider: TokenProvider): BearerToken {
  let token: string | undefined;
  let fetching: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    try {
      const fresh = await provider();
      if (typeof fresh !== 'string' || fresh === '') throw new TypeError(say('token-empty'));
      return (token = fresh);
    } catch (error) {
      throw new ContractError('UNAUTHENTICATED', say('no-token', error), { cause: error });
    } finally {
      fetching = undefined;
    }
  }

  return {
    current: () => token ?? (fetching ??= fetchToken()),
    renew(used) {
      if (token !== undefined && used['authorization'] === `Bearer ${token}`) token = undefined;
    },
  };
}

/**
 * The credentials a connection sends: its `headers` option and, with a
 * `token` (`bearerToken`), `authorization: Bearer <token>`. Throws a
 * `TypeError` for a bare function as `token`, which this option once took.
 */
export function credentialsOf(
  headers: HeadersOption | undefined,
  token: BearerToken | undefined,
): Credentials {
  if (typeof token === 'function') throw new TypeError(say('token-helper'));
  return {
    renewable: token !== undefined || typeof headers === 'function',
    current() {
      const extra = typeof headers === 'function' ? headers() : (headers ?? {});
      if (token === undefined) return extra;
      const bearer = (value: string) => ({ ...extra, authorization: `Bearer ${value}` });
      const value = token.current();
      return typeof value === 'string' ? bearer(value) : value.then(bearer);
    },
    renew: (used) => token?.renew(used),
  };
}
