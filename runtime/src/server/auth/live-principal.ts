import { ContractError } from '../../protocol/contract-error.js';
import { WS_CLOSE } from '../../protocol/ws-frames.js';
import type { PeriodicMember } from '../events/periodic-group.js';
import type { UpgradeAuthRequest } from './auth-request.js';
import type { CallName } from './call-name.js';
import { foreignClient } from './client-owners.js';
import type { Principal } from './principal.js';

/** The socket a `LivePrincipal` speaks for (a `SocketSession`). */
export interface LiveHolder {
  /** The socket's client once it said hello, `''` before. */
  readonly client: string;
  /** Its principal may no longer use it: send `error` as an `error` frame, then close with `code` and `reason`. */
  withdraw(error: ContractError, code: number, reason: string): void;
}

/** What a `LivePrincipal` asks of its `LiveAuthority`. */
export interface LiveChecks {
  /** `calls` of the options: whether each call runs the hook. */
  readonly callsRunHook: boolean;
  /** The re-check (`reauthenticate`, or the hook on the upgrade); never rejects. */
  check(live: LivePrincipal): Promise<Principal | ContractError>;
  /** The hook for one call over the socket; never rejects. */
  checkCall(live: LivePrincipal, call: CallName): Promise<Principal | ContractError>;
  /** `live` passed a check just now: its next re-check is a whole interval away. */
  verified(live: LivePrincipal): void;
  /** The socket closed: forget it. */
  left(live: LivePrincipal): void;
}

const settled = Promise.resolve();

/** The close reasons (the `error` frame before the close says more). */
const REASONS: Readonly<Record<number, string>> = {
  [WS_CLOSE.unauthenticated]: 'credentials refused',
  [WS_CLOSE.forbidden]: 'access refused',
};

/**
 * The principal of one open socket, kept current: the authority re-checks
 * it every interval and on demand, and (by default) each call over the
 * socket runs the hook again. A check that returns the same `id` replaces
 * the principal (new groups count from the next call); a refusal (401, any
 * other 4xx) or another `id` (the socket's client is not that principal's)
 * withdraws the socket: an `error` frame, then close 4401 or 4403. A hook
 * that fails (5xx: its database is down) is no verdict: the socket keeps
 * its principal until the next check, and `onError` heard why.
 */
export class LivePrincipal implements PeriodicMember {
  #principal: Principal;
  #checking: Promise<void> | undefined = undefined;
  /** Asked again while a check was under way: its answer may predate the change that prompted the ask. */
  #again = false;
  #ended = false;

  constructor(
    private readonly checks: LiveChecks,
    readonly holder: LiveHolder,
    principal: Principal,
    /** The upgrade as the hook sees it, for re-checks and calls. */
    readonly request: UpgradeAuthRequest,
  ) {
    this.#principal = principal;
  }

  /** The principal as of the last check. */
  get principal(): Principal {
    return this.#principal;
  }

  /** Whether the socket is gone (closed, or withdrawn). */
  get ended(): boolean {
    return this.#ended;
  }

  /** The interval ran out (`PeriodicGroup`). */
  tick(): void {
    void this.recheck();
  }

  /**
   * Checks the principal now; resolves once the verdict is applied. Asked
   * while a check is under way, that check runs once more when done, and
   * both askers wait for it: a change made before asking is always seen.
   */
  recheck(): Promise<void> {
    if (this.#ended) return settled;
    if (this.#checking !== undefined) {
      this.#again = true;
      return this.#checking;
    }
    return (this.#checking = this.#loop());
  }

  /**
   * The principal a call of `call` runs as, or the refusal to answer it
   * with. A 401 (the socket's own credentials may be dead) or another `id`
   * re-checks the socket at once, which withdraws it if the re-check agrees.
   */
  forCall(call: CallName): Principal | Promise<Principal | ContractError> {
    if (!this.checks.callsRunHook) return this.#principal;
    return this.checks.checkCall(this, call).then((result) => {
      if (result instanceof ContractError) {
        if (result.status === 401) this.#recheckSoon();
        return result;
      }
      if (result.id !== this.#principal.id) {
        this.#recheckSoon();
        return foreignClient();
      }
      if (!this.#ended) {
        this.#principal = result;
        this.checks.verified(this);
      }
      return result;
    });
  }

  /** Closes the socket with `error` (a refused check; `router.disconnect`, whose close `reason` is `disconnected`). */
  withdraw(error: ContractError, code: number, reason = REASONS[code] ?? 'access refused'): void {
    if (this.#ended) return;
    this.end();
    this.holder.withdraw(error, code, reason);
  }

  /** The socket closed. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.checks.left(this);
  }

  /** A re-check in the next turn: the call's refusal is answered first, before the socket may close. */
  #recheckSoon(): void {
    setTimeout(() => void this.recheck(), 0);
  }

  async #loop(): Promise<void> {
    try {
      for (;;) {
        this.#again = false;
        this.#apply(await this.checks.check(this));
        if (!this.#again || this.#ended) break;
      }
    } finally {
      // Cleared in the same turn as the last verdict: an ask after it starts a check of its own.
      this.#checking = undefined;
    }
  }

  #apply(result: Principal | ContractError): void {
    if (this.#ended) return;
    if (result instanceof ContractError) {
      if (result.status >= 500) return;
      return this.withdraw(
        result,
        result.status === 401 ? WS_CLOSE.unauthenticated : WS_CLOSE.forbidden,
      );
    }
    if (result.id !== this.#principal.id) return this.withdraw(foreignClient(), WS_CLOSE.forbidden);
    this.#principal = result;
    this.checks.verified(this);
  }
}
