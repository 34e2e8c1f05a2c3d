import { ContractError } from '../../protocol/contract-error.js';
import type { CallInput, CallOutput } from '../call-input.js';
import { errorOutput } from '../outputs.js';
import { notReadyError, type Readiness } from './readiness.js';

/** `{base}/_health` and `{base}/_ready`, the probe paths (docs/protocol.md, docs/operations.md). */
export const PROBE_PATHS = { health: '/_health', ready: '/_ready' } as const;

const HEALTHY: CallOutput = { status: 200, body: '{"result":"ok"}', noStore: true };
const READY: CallOutput = { status: 200, body: '{"result":"ready"}', noStore: true };

/**
 * Answers the probes, before origins and the auth hook (a load balancer
 * sends neither an origin nor credentials): `_health` is 200 while the
 * process answers at all; `_ready` is 200 when `readiness` says so, else
 * 503 `UNAVAILABLE` with `details.reason`.
 */
export class Probes {
  readonly #health: string;
  readonly #ready: string;

  constructor(
    base: string,
    private readonly readiness: Readiness,
  ) {
    this.#health = base + PROBE_PATHS.health;
    this.#ready = base + PROBE_PATHS.ready;
  }

  /** Whether `pathname` is a probe's (cheap: most requests differ in length or the character after the base). */
  owns(pathname: string): boolean {
    return pathname === this.#health || pathname === this.#ready;
  }

  answer(input: CallInput): Promise<CallOutput> {
    if (input.httpMethod !== 'GET' && input.httpMethod !== 'HEAD') {
      const message = `${input.pathname} takes GET requests, not ${input.httpMethod}.`;
      return Promise.resolve(
        errorOutput(new ContractError('METHOD_NOT_ALLOWED', message), { allow: 'GET, HEAD' }),
      );
    }
    if (input.pathname === this.#health) return Promise.resolve(HEALTHY);
    return this.readiness
      .check()
      .then((reason) =>
        reason === undefined ? READY : { ...errorOutput(notReadyError(reason)), noStore: true },
      );
  }
}
