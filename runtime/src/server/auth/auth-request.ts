import type { CallInput } from '../call-input.js';
import type { UpgradeRequest } from '../ws/ws-peer.js';
import { callPath, type CallName } from './call-name.js';
import type { Principal } from './principal.js';

/**
 * What the auth hook sees of a request: every HTTP request the router
 * answers (calls, `_open`, `_events`, `_release`, `_close`), every WebSocket
 * upgrade, every call over a socket and every re-check of an open socket
 * (docs/security.md, "Live authority"). Its body is never part of it: the
 * hook runs before the body is read, so a refused caller costs no parsing.
 */
export interface AuthRequest {
  /** `http` for HTTP requests; `websocket` for an upgrade, a call over a socket and a re-check of one. */
  readonly transport: 'http' | 'websocket';
  /** The HTTP method (`POST` for a call over a socket, `GET` for an upgrade and a re-check). */
  readonly method: string;
  /**
   * The path without the query. For a call, the path of the method it
   * reaches, `{base}/{Service}/{method}` with the names decoded, however the
   * URL or frame spelt them (`/Ticker/%61dd` is `/Ticker/add`); otherwise as
   * sent (`/api/_events`, `/api/_ws`).
   */
  readonly path: string;
  /**
   * For a call, over HTTP or a socket, the service and method it reaches,
   * decoded as the router serves them; `undefined` for the protocol
   * endpoints, an upgrade, a re-check of an open socket, and a path that
   * names no method (answered 404 once the hook let it through).
   */
  readonly call?: CallName | undefined;
  /** A header by lower-case name (`authorization`, `cookie`); several values joined with `, `. Over a socket: the upgrade's. */
  header(name: string): string | undefined;
  /**
   * The request as a web `Request` without its body, built on first use: its
   * URL (with the query, for a token a browser put there because its
   * WebSocket cannot send headers) and all headers. Over a socket, calls
   * and re-checks included: the upgrade request.
   */
  readonly request: Request;
}

/**
 * The auth hook: turns a request into a principal, or refuses it by
 * throwing `ContractError('UNAUTHENTICATED', ...)` (401: no or a bad or
 * expired credential; clients ask their token provider again and retry) or
 * `ContractError('FORBIDDEN', ...)` (403). Anything else it throws is a
 * server fault: `onError` hears it, the caller gets a bare 500.
 */
export type AuthHook = (request: AuthRequest) => Principal | Promise<Principal>;

/** An HTTP request as the hook sees it; `call` when it names a method the router serves. */
export class HttpAuthRequest implements AuthRequest {
  readonly transport = 'http';
  #request: Request | undefined;

  constructor(
    private readonly input: CallInput,
    readonly call?: CallName,
    private readonly base = '',
  ) {}

  get method(): string {
    return this.input.httpMethod;
  }

  get path(): string {
    return this.call === undefined ? this.input.pathname : callPath(this.base, this.call);
  }

  header(name: string): string | undefined {
    return this.input.header(name);
  }

  get request(): Request {
    return (this.#request ??= this.input.toRequest());
  }
}

/** A WebSocket upgrade as the hook sees it. */
export class UpgradeAuthRequest implements AuthRequest {
  readonly transport = 'websocket';
  readonly method = 'GET';
  #request: Request | undefined;

  constructor(private readonly upgrade: UpgradeRequest) {}

  get path(): string {
    return new URL(this.upgrade.url).pathname;
  }

  header(name: string): string | undefined {
    return this.upgrade.header(name);
  }

  get request(): Request {
    return (this.#request ??= new Request(this.upgrade.url, { headers: this.upgrade.headers() }));
  }
}

/**
 * A call over a socket as the hook sees it: `call` and `path` name the
 * method; the headers and the `request` are the upgrade's (a socket has no
 * others), so a token in the upgrade URL's query is found as at the upgrade.
 */
export class SocketCallAuthRequest implements AuthRequest {
  readonly transport = 'websocket';
  readonly method = 'POST';

  constructor(
    private readonly upgrade: UpgradeAuthRequest,
    readonly call: CallName,
    private readonly base: string,
  ) {}

  get path(): string {
    return callPath(this.base, this.call);
  }

  header(name: string): string | undefined {
    return this.upgrade.header(name);
  }

  get request(): Request {
    return this.upgrade.request;
  }
}
