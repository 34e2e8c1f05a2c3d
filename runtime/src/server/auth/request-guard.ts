import type { ContractError } from '../../protocol/contract-error.js';
import type { OpenBody } from '../../protocol/messages.js';
import { checkAccess } from '../access/check-access.js';
import type { AccessPolicy } from '../access/compile-access.js';
import type { CallInput } from '../call-input.js';
import type { EventChannel } from '../events/event-channel.js';
import type { UpgradeRequest } from '../ws/ws-peer.js';
import { HttpAuthRequest, UpgradeAuthRequest, type AuthHook } from './auth-request.js';
import { authenticate } from './authenticate.js';
import type { CallName } from './call-name.js';
import { ClientOwners } from './client-owners.js';
import type { DisconnectTarget } from '../stores/client-store.js';
import {
  disconnectClient,
  disconnectPrincipal,
  MAX_REASON,
  type DisconnectScope,
} from './disconnect.js';
import type { ResolvedLiveAuth } from './live-auth-options.js';
import { LiveAuthority } from './live-authority.js';
import type { Principal } from './principal.js';
import { PrincipalClients } from './principal-clients.js';

/** What the event endpoints ask on behalf of one authenticated caller. */
export interface ClientGate {
  /** `POST _open` for the caller: a client it owns, or a thrown 429 `TOO_MANY_CLIENTS`. */
  open(): Promise<OpenBody>;
  /** `undefined` when the caller owns `client`, else the 403 `FOREIGN_CLIENT` to answer. */
  own(client: string): Promise<ContractError | undefined>;
}

/**
 * Everything a router with an auth hook checks before a request reaches its
 * endpoint or handler: who the caller is (the hook), whether the access
 * rules let it call the method, whether a client id it names is its own,
 * and how many clients it may open; and, through `live`, who the caller of
 * each open socket still is.
 */
export class RequestGuard {
  /** The open sockets' principals, kept current (docs/security.md, "Live authority"). */
  readonly live: LiveAuthority;
  readonly #owners: ClientOwners | undefined;
  readonly #clients: PrincipalClients;

  constructor(
    private readonly hook: AuthHook,
    private readonly policy: AccessPolicy | undefined,
    private readonly channel: EventChannel | undefined,
    maxClientsPerPrincipal: number,
    private readonly fault: (error: unknown) => void,
    liveAuth: ResolvedLiveAuth,
    private readonly base: string,
  ) {
    const lookup = channel?.options.store.owner?.bind(channel.options.store);
    this.#owners = lookup === undefined ? undefined : new ClientOwners(lookup);
    this.#clients = new PrincipalClients(maxClientsPerPrincipal);
    this.live = new LiveAuthority(hook, liveAuth, base, fault);
    channel?.hearDisconnects((target, id, reason) => this.#heard(target, id, reason));
  }

  /** The caller of an HTTP request (`call`: the method it names, if any), or the refusal to answer. */
  authenticate(input: CallInput, call: CallName | undefined): Promise<Principal | ContractError> {
    return authenticate(this.hook, new HttpAuthRequest(input, call, this.base), this.fault);
  }

  /** The caller of a WebSocket upgrade, or the refusal to answer. */
  authenticateUpgrade(upgrade: UpgradeRequest): Promise<Principal | ContractError> {
    return authenticate(this.hook, new UpgradeAuthRequest(upgrade), this.fault);
  }

  /** `undefined` when the access rules let `principal` call `service.method`, else the 403. */
  permit(principal: Principal, service: string, method: string): ContractError | undefined {
    return this.policy === undefined
      ? undefined
      : checkAccess(this.policy, principal, service, method);
  }

  /** `undefined` when `principal` owns `client`, else the 403 `FOREIGN_CLIENT`. */
  async own(principal: Principal, client: string): Promise<ContractError | undefined> {
    return this.#owners?.check(principal, client);
  }

  /** A new client owned by `principal`; throws the 429 when it has as many as it may. */
  async open(principal: Principal): Promise<OpenBody> {
    const channel = this.channel as EventChannel;
    const refusal = this.#clients.reserve(principal.id);
    if (refusal !== undefined) throw refusal;
    let body: OpenBody;
    try {
      body = await channel.open(principal.id);
    } catch (error) {
      this.#clients.cancel(principal.id);
      throw error;
    }
    this.#clients.opened(body.client, principal.id);
    this.#owners?.opened(body.client, principal.id);
    return body;
  }

  /** The endpoints' view of this guard for one caller. */
  gate(principal: Principal): ClientGate {
    return { open: () => this.open(principal), own: (client) => this.own(principal, client) };
  }

  /**
   * Closes `principalId`'s sockets and answers its parked polls, in this
   * process, now; how many. With a store several processes share (Redis),
   * then tells the others, which do the same; resolves once told.
   */
  async disconnect(principalId: string, reason: string | undefined): Promise<number> {
    const count = await disconnectPrincipal(this.#scope(), principalId, reason);
    await this.#announce('principal', principalId, reason);
    return count;
  }

  /** Closes `client`'s socket and answers its parked poll, in this process, now; how many. Tells the other processes too (a failure goes to onError). */
  disconnectClient(client: string, reason: string | undefined): number {
    const count = disconnectClient(this.#scope(), client, reason);
    this.#announce('client', client, reason).catch(this.fault);
    return count;
  }

  /** Another process's disconnect, heard through the store: the same here, without telling anyone. */
  #heard(target: DisconnectTarget, id: string, reason: string | undefined): void {
    try {
      if (target === 'client') disconnectClient(this.#scope(), id, reason);
      else disconnectPrincipal(this.#scope(), id, reason).catch(this.fault);
    } catch (error) {
      this.fault(error);
    }
  }

  async #announce(target: DisconnectTarget, id: string, reason: string | undefined): Promise<void> {
    const store = this.channel?.options.store;
    await store?.announceDisconnect?.(target, id, reason?.slice(0, MAX_REASON));
  }

  #scope(): DisconnectScope {
    return { live: this.live, channel: this.channel, owners: this.#owners };
  }

  /** A client ended (the channel's notice): its slot and cached owner go. */
  ended(client: string): void {
    this.#clients.ended(client);
    this.#owners?.ended(client);
  }
}
