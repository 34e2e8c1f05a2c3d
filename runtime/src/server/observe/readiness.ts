import { ContractError } from '../../protocol/contract-error.js';
import type { ClientStore } from '../stores/client-store.js';

/** Why `_ready` answers not ready: the app said so, the server drains, or the store did not answer. */
export type NotReadyReason = 'not-ready' | 'draining' | 'store';

/**
 * Whether the server should get new traffic, as `GET {base}/_ready` tells
 * a load balancer: not while the app has set it not ready
 * (`router.setReady(false)`), not while draining (`draining`, set by a
 * graceful shutdown), not while the store cannot be reached (its `ping`).
 */
export class Readiness {
  /** Set by the app (`router.setReady`). */
  ready = true;
  /** Set while the server drains before stopping: it finishes what it has and takes nothing new. */
  draining = false;

  constructor(
    private readonly store: ClientStore | undefined,
    private readonly storeTimeout: number,
  ) {}

  /** `undefined` when ready, else why not. */
  async check(): Promise<NotReadyReason | undefined> {
    if (this.draining) return 'draining';
    if (!this.ready) return 'not-ready';
    return (await this.#storeAnswers()) ? undefined : 'store';
  }

  async #storeAnswers(): Promise<boolean> {
    const ping = this.store?.ping?.();
    if (ping === undefined) return true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), this.storeTimeout);
    });
    try {
      return await Promise.race([ping.then(() => true), late]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}

const MESSAGES: Record<NotReadyReason, string> = {
  'not-ready': 'The server is not ready for traffic yet.',
  draining: 'The server is shutting down and takes no new traffic.',
  store: 'The server cannot reach its event store.',
};

/** The 503 `UNAVAILABLE` of a server that is not ready, `details.reason` saying why. */
export function notReadyError(reason: NotReadyReason): ContractError {
  return new ContractError('UNAVAILABLE', MESSAGES[reason], { details: { reason } });
}
