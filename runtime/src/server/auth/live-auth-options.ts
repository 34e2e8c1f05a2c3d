import type { AuthRequest } from './auth-request.js';
import type { Principal } from './principal.js';

/**
 * A re-check of an open socket's principal cheaper than the auth hook (a
 * revocation list, a session cache): given the socket's current principal
 * and its upgrade request, it returns the principal to use from now on (the
 * same `id`; new `groups` and fields are taken), or throws like the hook:
 * `ContractError('UNAUTHENTICATED', ...)` or `ContractError('FORBIDDEN', ...)`
 * close the socket (4401, 4403).
 */
export type Reauthenticate = (
  principal: Principal,
  request: AuthRequest,
) => Principal | Promise<Principal>;

/**
 * Live authority over open sockets (`createRouter({ liveAuth })`; docs/security.md,
 * "Live authority"). A socket is authenticated on its upgrade; these say how
 * its principal is checked again while it stays open. Needs `auth`.
 */
export interface LiveAuthOptions {
  /**
   * Ms between re-checks of each open socket's principal: a socket is
   * checked again this long after its last check (its upgrade, a call's
   * hook run, a re-check), at most 250 ms later, so re-checks spread over
   * the interval with the sockets' start times. A socket whose principal is
   * refused closes within about this long. Default 30,000.
   */
  readonly interval?: number;
  /** The periodic and on-demand re-check; default: the auth hook again, on the socket's upgrade request. */
  readonly reauthenticate?: Reauthenticate;
  /**
   * What runs for each call over a socket. `hook` (the default): the auth
   * hook, given the call's decoded names (`request.call`), exactly as for an
   * HTTP call; its principal is the call's and, from then on, the socket's.
   * `principal`: no hook; the socket's principal from its last check. The
   * access rules apply to every call either way; rules your hook makes by
   * `request.call` or `request.path` apply to socket calls only under `hook`.
   */
  readonly calls?: 'hook' | 'principal';
}

/** The options with the defaults applied. */
export interface ResolvedLiveAuth {
  readonly interval: number;
  readonly reauthenticate: Reauthenticate | undefined;
  readonly calls: 'hook' | 'principal';
}

/** The defaults of `LiveAuthOptions`. */
export const defaultLiveAuth = Object.freeze({ interval: 30_000, calls: 'hook' } as const);

const keys = new Set(['interval', 'reauthenticate', 'calls']);

/** Applies the defaults; a `TypeError` at startup for an option that cannot work or a misspelt one. */
export function resolveLiveAuth(options: LiveAuthOptions | undefined): ResolvedLiveAuth {
  if (options === undefined) return { ...defaultLiveAuth, reauthenticate: undefined };
  if (typeof options !== 'object' || options === null)
    throw new TypeError('contract-gen: liveAuth must be an object, e.g. { interval: 30_000 }');
  const unknown = Object.keys(options).find((key) => !keys.has(key));
  if (unknown !== undefined)
    throw new TypeError(
      `contract-gen: liveAuth has an unknown key '${unknown}' (it may have ${[...keys].join(', ')})`,
    );
  const {
    interval = defaultLiveAuth.interval,
    reauthenticate,
    calls = defaultLiveAuth.calls,
  } = options;
  if (!(Number.isSafeInteger(interval) && interval > 0))
    throw new TypeError(
      `contract-gen: liveAuth.interval must be a positive integer (ms), not ${String(interval)}`,
    );
  if (reauthenticate !== undefined && typeof reauthenticate !== 'function')
    throw new TypeError(
      'contract-gen: liveAuth.reauthenticate must be a function (principal, request) => principal',
    );
  if (calls !== 'hook' && calls !== 'principal')
    throw new TypeError(
      `contract-gen: liveAuth.calls must be 'hook' or 'principal', not ${JSON.stringify(calls)}`,
    );
  return { interval, reauthenticate, calls };
}
