import type { ContractError } from '../../protocol/contract-error.js';
import { WS_CLOSE } from '../../protocol/ws-frames.js';
import { PeriodicGroup } from '../events/periodic-group.js';
import type { UpgradeRequest } from '../ws/ws-peer.js';
import { SocketCallAuthRequest, UpgradeAuthRequest, type AuthHook } from './auth-request.js';
import { authenticate } from './authenticate.js';
import type { CallName } from './call-name.js';
import type { ResolvedLiveAuth } from './live-auth-options.js';
import { LivePrincipal, type LiveChecks, type LiveHolder } from './live-principal.js';
import type { Principal } from './principal.js';

/**
 * The open sockets of a router with an auth hook, by principal: re-checks
 * each one every `interval` (all on one timer, `PeriodicGroup`: a socket
 * costs a `Map` entry there and one in its principal's set), runs the hook
 * for calls over them, and withdraws them on demand (`router.disconnect`).
 * Per server process: sockets held by other processes are theirs to close.
 */
export class LiveAuthority implements LiveChecks {
  readonly callsRunHook: boolean;
  readonly #group: PeriodicGroup<LivePrincipal>;
  readonly #byPrincipal = new Map<string, Set<LivePrincipal>>();

  constructor(
    private readonly hook: AuthHook,
    private readonly options: ResolvedLiveAuth,
    private readonly base: string,
    private readonly fault: (error: unknown) => void,
  ) {
    this.callsRunHook = options.calls === 'hook';
    this.#group = new PeriodicGroup<LivePrincipal>(options.interval);
  }

  /** A socket authenticated as `principal` by its `upgrade`: kept current from now until it closes. */
  join(holder: LiveHolder, principal: Principal, upgrade: UpgradeRequest): LivePrincipal {
    const live = new LivePrincipal(this, holder, principal, new UpgradeAuthRequest(upgrade));
    let sockets = this.#byPrincipal.get(principal.id);
    if (sockets === undefined) this.#byPrincipal.set(principal.id, (sockets = new Set()));
    sockets.add(live);
    this.#group.add(live);
    return live;
  }

  check(live: LivePrincipal): Promise<Principal | ContractError> {
    const { reauthenticate } = this.options;
    const hook: AuthHook =
      reauthenticate === undefined
        ? this.hook
        : (request) => reauthenticate(live.principal, request);
    return authenticate(hook, live.request, this.fault);
  }

  checkCall(live: LivePrincipal, call: CallName): Promise<Principal | ContractError> {
    return authenticate(
      this.hook,
      new SocketCallAuthRequest(live.request, call, this.base),
      this.fault,
    );
  }

  verified(live: LivePrincipal): void {
    // Added again: due a whole interval from now.
    if (!live.ended) this.#group.add(live);
  }

  left(live: LivePrincipal): void {
    this.#group.delete(live);
    const id = live.principal.id;
    const sockets = this.#byPrincipal.get(id);
    if (sockets?.delete(live) === true && sockets.size === 0) this.#byPrincipal.delete(id);
  }

  /** Closes every socket of `principalId` with `error` (4401, reason `disconnected`); how many. */
  disconnect(principalId: string, error: ContractError): number {
    const sockets = [...(this.#byPrincipal.get(principalId) ?? [])];
    for (const live of sockets) live.withdraw(error, WS_CLOSE.unauthenticated, 'disconnected');
    return sockets.length;
  }

  /** Closes the socket of `client` with `error` (4401, reason `disconnected`); how many (0 or 1). Walks every socket: it is rare. */
  disconnectClient(client: string, error: ContractError): number {
    let count = 0;
    for (const sockets of [...this.#byPrincipal.values()])
      for (const live of [...sockets])
        if (live.holder.client === client) {
          live.withdraw(error, WS_CLOSE.unauthenticated, 'disconnected');
          count++;
        }
    return count;
  }

  /** Re-checks the sockets of `principalId` (every socket without it) now; resolves once each verdict is applied. */
  async reauthenticate(principalId?: string): Promise<void> {
    const sockets =
      principalId === undefined
        ? [...this.#byPrincipal.values()].flatMap((set) => [...set])
        : [...(this.#byPrincipal.get(principalId) ?? [])];
    await Promise.all(sockets.map((live) => live.recheck()));
  }
}
