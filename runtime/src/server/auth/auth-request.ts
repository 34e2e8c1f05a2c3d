import type { CallInput } from '../call-input.js';
import type { UpgradeRequest } from '../ws/ws-peer.js';
import type { Principal } from './principal.js';

/**
 * What the auth hook sees of a request: every HTTP request the router
 * answers (calls, `_open`, `_events`, `_release`, `_close`) and every
 * WebSocket upgrade. Its body is never part of it: the hook runs before the
 * body is read, so a refused caller costs no parsing.
 */
export interface AuthRequest {
  /** `http` for requests, `websocket` for an upgrade (once per socket: calls over it reuse its principal). */
  readonly transport: 'http' | 'websocket';
  /** The HTTP method (`GET` for an upgrade). */
  readonly method: string;
  /** The path without the query, e.g. `/api/Chat/post` or `/api/_events`. */
  readonly path: string;
  /** A header by lower-case name (`authorization`, `cookie`); several values joined with `, `. */
  header(name: string): string | undefined;
  /**
   * The request as a web `Request` without its body, built on first use: its
   * URL (with the query, for a token a browser put there because its
   * WebSocket cannot send headers) and all headers.
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

/** An HTTP request as the hook sees it. */
export class HttpAuthRequest implements AuthRequest {
  readonly transport = 'http';
  #request: Request | undefined;

  constructor(private readonly input: CallInput) {}

  get method(): string {
    return this.input.httpMethod;
  }

  get path(): string {
    return this.input.pathname;
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
