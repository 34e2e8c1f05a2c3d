import { normalOrigin } from './same-origin.js';

/**
 * Which web pages may talk to a router besides its own (docs/security.md,
 * Origins): the `origins` option of `createRouter` and `createServer`. One
 * list serves CORS for calls and the event endpoints and the check of
 * WebSocket upgrades, so a page either may use the whole protocol or none
 * of it.
 */
export interface OriginOptions {
  /**
   * Origins (`https://app.example.com`: scheme, host and port, no path) whose
   * pages may call this server besides its own; a function to decide per
   * origin (its argument is the `Origin` header as the browser sent it); or
   * `'*'` for every page of every site. Default: none, so a request with an
   * `Origin` header of another origin is refused with 403
   * `ORIGIN_NOT_ALLOWED`. Listing an origin trusts its pages with your
   * users' cookies on WebSocket whatever `credentials` says: a browser
   * sends cookies with every upgrade, and CORS does not apply to sockets.
   */
  readonly allow?: readonly string[] | '*' | ((origin: string) => boolean);
  /**
   * Let allowed pages send cookies (and HTTP auth) with their requests
   * (`fetch(..., { credentials: 'include' })`): answers to them carry
   * `Access-Control-Allow-Credentials: true`. Default `false`. Not with
   * `allow: '*'` (a `TypeError` at startup): list the origins.
   */
  readonly credentials?: boolean;
  /**
   * The server's own origin(s) as browsers see them, when a proxy in front
   * of it changes the scheme or the host (TLS ends at the proxy: pages are
   * on `https://api.example.com`, the server sees `http` and
   * `127.0.0.1:3000`). Replaces the comparison with the `Host` header the
   * request was sent to. Requests from these origins are same-origin: they
   * get no CORS headers.
   */
  readonly self?: readonly string[];
  /**
   * More request headers allowed pages may send (a preflight's
   * `Access-Control-Allow-Headers`), besides `content-type`,
   * `authorization` and `x-contract-client`: say, the headers your
   * `connect(url, { headers })` adds.
   */
  readonly headers?: readonly string[];
  /** Seconds a browser may keep a preflight answer (`Access-Control-Max-Age`). Default 600. */
  readonly maxAge?: number;
}

/** The `origins` option: the allowed origins alone (`['http://localhost:5173']`), `'*'`, or all of `OriginOptions`. */
export type OriginsOption = readonly string[] | '*' | OriginOptions;

/** `origins` checked and normalised, once at startup. */
export interface ResolvedOrigins {
  /** Allowed other origins, normalised (`https://a.example`); `'*'` for any. */
  readonly allow: ReadonlySet<string> | '*';
  /** The application's own decision, asked for origins not in `allow`. */
  readonly decide: ((origin: string) => boolean) | undefined;
  readonly credentials: boolean;
  /** The server's own origins, normalised; `undefined`: compare with the Host the request was sent to. */
  readonly self: ReadonlySet<string> | undefined;
  /** `Access-Control-Allow-Headers` of a preflight answer. */
  readonly allowHeaders: string;
  readonly maxAge: number;
}

/** Headers the contract-gen client sends that a browser does not let through without asking (`accept` it does). */
const PROTOCOL_HEADERS = ['content-type', 'authorization', 'x-contract-client'];

/**
 * `origins` with the defaults filled in. A `TypeError` at startup for an
 * entry that is not an origin (a path, a typo, `null`), and for
 * `credentials` with `'*'`: a wrong list must not leave pages refused, or
 * allowed, unnoticed.
 */
export function resolveOrigins(option: OriginsOption | undefined): ResolvedOrigins {
  const options: OriginOptions =
    option === undefined ? {} : option === '*' || isList(option) ? { allow: option } : option;
  const { allow, credentials = false, maxAge = 600 } = options;
  if (allow === '*' && credentials)
    throw new TypeError(
      "contract-gen: origins.credentials cannot go with allow: '*' (browsers refuse it, and it would let every site use your users' cookies): list the origins instead.",
    );
  if (!(Number.isSafeInteger(maxAge) && maxAge >= 0))
    throw new TypeError(
      `contract-gen: origins.maxAge must be a non-negative integer (seconds), not ${String(maxAge)}`,
    );
  return {
    allow: allow === '*' ? '*' : new Set(isList(allow) ? allow.map(originEntry) : []),
    decide: typeof allow === 'function' ? allow : undefined,
    credentials,
    self: options.self === undefined ? undefined : new Set(options.self.map(originEntry)),
    allowHeaders: [...PROTOCOL_HEADERS, ...(options.headers ?? []).map(headerEntry)].join(', '),
    maxAge,
  };
}

function isList(value: unknown): value is readonly string[] {
  return Array.isArray(value);
}

/** An origin as browsers serialise it, or a `TypeError` saying how to write it. */
function originEntry(entry: string): string {
  const origin = normalOrigin(entry);
  if (origin === undefined)
    throw new TypeError(
      `contract-gen: origins: ${JSON.stringify(entry)} is not an origin; write scheme, host and port only, e.g. 'https://app.example.com' or 'http://localhost:5173'.`,
    );
  return origin;
}

function headerEntry(name: string): string {
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
    throw new TypeError(
      `contract-gen: origins.headers: ${JSON.stringify(name)} is not a header name.`,
    );
  return name.toLowerCase();
}
