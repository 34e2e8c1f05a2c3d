import { ContractError } from '../protocol/contract-error.js';
import type { HeadersOption } from './connect-options.js';

/** Gives the current access token; asked again after the server answered 401. */
export type TokenProvider = () => string | Promise<string>;

/**
 * The credentials a connection sends: its `headers` option and, with a
 * `token` provider, `authorization: Bearer <token>`. The token is fetched on
 * first use, kept, and fetched again after a 401 (once for all requests that
 * got that 401 with the same token), so a provider is not asked per request.
 */
export class Credentials {
  #token: string | undefined;
  #fetching: Promise<string> | undefined;
  readonly #headers: HeadersOption | undefined;
  readonly #provider: TokenProvider | undefined;

  constructor(headers: HeadersOption | undefined, token: TokenProvider | undefined) {
    this.#headers = headers;
    this.#provider = token;
  }

  /** Whether a 401 is worth one more try: something can give other credentials. */
  get renewable(): boolean {
    return this.#provider !== undefined || typeof this.#headers === 'function';
  }

  /** The headers for the next request (a promise only while a token is being fetched). */
  current(): Readonly<Record<string, string>> | Promise<Readonly<Record<string, string>>> {
    const extra = typeof this.#headers === 'function' ? this.#headers() : (this.#headers ?? {});
    if (this.#provider === undefined) return extra;
    const token = this.#token;
    if (token !== undefined) return { ...extra, authorization: `Bearer ${token}` };
    return this.#fetch().then((fresh) => ({ ...extra, authorization: `Bearer ${fresh}` }));
  }

  /** The server refused `used` (the headers a request carried): drop the token they held, if it is still current. */
  renew(used: Readonly<Record<string, string>>): void {
    if (this.#token !== undefined && used['authorization'] === `Bearer ${this.#token}`)
      this.#token = undefined;
  }

  #fetch(): Promise<string> {
    this.#fetching ??= (async () => {
      try {
        const token = await (this.#provider as TokenProvider)();
        if (typeof token !== 'string' || token === '')
          throw new TypeError('the token provider gave no token');
        return (this.#token = token);
      } catch (error) {
        throw new ContractError(
          'UNAUTHENTICATED',
          `No token: ${(error as Error | undefined)?.message ?? String(error)}`,
          { cause: error },
        );
      } finally {
        this.#fetching = undefined;
      }
    })();
    return this.#fetching;
  }
}
