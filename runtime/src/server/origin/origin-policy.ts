import type { ContractError } from '../../protocol/contract-error.js';
import type { CallInput, CallOutput } from '../call-input.js';
import type { UpgradeRequest } from '../ws/ws-peer.js';
import { originRefusal, preflightOutput, refusedOutput, withCors } from './cors-outputs.js';
import { resolveOrigins, type OriginsOption, type ResolvedOrigins } from './origin-options.js';
import { isSameOrigin } from './same-origin.js';

/** What a page's origin may do here: it is the server's own, another one allowed, or neither. */
export type OriginVerdict = 'own' | 'allowed' | 'refused';

/**
 * The router's `origins` at work (issue 18): a request that names the page
 * it comes from (an `Origin` header, which browsers send with every
 * cross-origin request, every `POST` and every WebSocket upgrade) is served
 * when that page is of the server's own origin or an allowed one, and
 * refused with 403 `ORIGIN_NOT_ALLOWED` otherwise, before the auth hook
 * runs: a page of another site cannot use a visitor's cookies here.
 * Requests without an `Origin` (servers, command lines, Node clients) are
 * not its business.
 */
export class OriginPolicy {
  readonly #origins: ResolvedOrigins;

  constructor(
    option: OriginsOption | undefined,
    /** Told when the application's `allow` function throws (the origin is then refused). */
    private readonly fault: (error: unknown) => void,
  ) {
    this.#origins = resolveOrigins(option);
  }

  /**
   * Answers a request that carries `origin` (its `Origin` header): a
   * preflight at once, a refused origin with the 403, an allowed one by
   * `next` with the CORS headers added; the server's own pages by `next`
   * as they are.
   */
  handle(
    input: CallInput,
    origin: string,
    next: (input: CallInput) => Promise<CallOutput>,
  ): Promise<CallOutput> {
    const verdict = this.judge(origin, () => input.hostOrigin());
    if (
      input.httpMethod === 'OPTIONS' &&
      input.header('access-control-request-method') !== undefined
    )
      return Promise.resolve(
        verdict === 'refused' ? refusedOutput(origin) : preflightOutput(origin, this.#origins),
      );
    if (verdict === 'own') return next(input);
    if (verdict === 'refused') return Promise.resolve(refusedOutput(origin));
    const { credentials } = this.#origins;
    return next(input).then((output) => withCors(output, origin, credentials));
  }

  /** The 403 for a WebSocket upgrade from a page that may not use this server, else `undefined`. */
  checkUpgrade(upgrade: Pick<UpgradeRequest, 'url' | 'header'>): ContractError | undefined {
    const origin = upgrade.header('origin');
    if (origin === undefined) return undefined;
    return this.judge(origin, () => upgrade.url) === 'refused' ? originRefusal(origin) : undefined;
  }

  /** Whether a page of `origin` is the server's own (`target` gives where the request went), allowed, or refused. */
  judge(origin: string, target: () => string): OriginVerdict {
    const { self, allow, decide } = this.#origins;
    if (self === undefined ? isSameOrigin(origin, originOf(target())) : self.has(origin))
      return 'own';
    if (allow === '*' || allow.has(origin)) return 'allowed';
    if (decide === undefined) return 'refused';
    try {
      return decide(origin) === true ? 'allowed' : 'refused';
    } catch (error) {
      this.fault(error);
      return 'refused';
    }
  }
}

/** `scheme://host[:port]` of an absolute URL, without parsing it: the part before the path. */
function originOf(url: string): string {
  const scheme = url.indexOf('://');
  const path = url.indexOf('/', scheme === -1 ? 0 : scheme + 3);
  return path === -1 ? url : url.slice(0, path);
}
