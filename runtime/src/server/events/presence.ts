/** The client a presence hook is about. */
export interface PresenceClient {
  /** The client id (`ctx.client` in its calls). */
  readonly client: string;
}

/**
 * Presence hooks (`events.presence`): told when a client's transport has
 * been gone for `grace` ms, and when it comes back. Separate from expiry: a
 * client that is away keeps its queue and its callbacks until its `ttl`
 * ends it (then the release hooks run, as ever).
 */
export interface PresenceOptions {
  /**
   * Milliseconds a client may be without a transport (no open socket, no
   * parked long poll, no request) before `onDisconnect`. Default 5,000: a
   * page reload or a moment's network loss is not a disconnect, and a
   * heartbeat-polling client (`pollInterval` up to a few seconds) stays
   * present. Checked four times per grace, at most every 250 ms.
   */
  readonly grace?: number;
  /** The client has been without a transport for `grace` ms. */
  readonly onDisconnect?: (who: PresenceClient) => void | Promise<void>;
  /** A client that was disconnected (`onDisconnect` ran) is back: a request, a socket or a poll. */
  readonly onReconnect?: (who: PresenceClient) => void | Promise<void>;
}

/** The default `grace`. */
export const PRESENCE_GRACE_MS = 5_000;

/**
 * Which clients have a transport in this process: an open socket or a
 * parked long poll holds a client present; a request (a heartbeat poll, a
 * call) counts as presence at that moment. When the last holder lets go,
 * the grace starts; a tick finds the clients whose grace ran out.
 * Per process: a client served by several processes (Redis) is present in
 * each that serves it, and away in one it left.
 */
export class Presence {
  readonly #holders = new Map<string, Set<object>>();
  /** Clients without a holder, by the time the last one let go (insertion order is time order). */
  readonly #since = new Map<string, number>();
  readonly #away = new Set<string>();
  readonly #grace: number;
  #timer: ReturnType<typeof setInterval> | undefined;
  /** Set by `stop`: the server is stopping, no hook runs any more. */
  #stopped = false;

  constructor(
    private readonly options: PresenceOptions,
    private readonly now: () => number,
    private readonly fault: (error: unknown, hook: string, client: string) => void,
  ) {
    const grace = options.grace ?? PRESENCE_GRACE_MS;
    if (!Number.isSafeInteger(grace) || grace <= 0)
      throw new TypeError(
        `contract-gen: events.presence.grace must be a positive integer (ms), not ${String(grace)}`,
      );
    this.#grace = grace;
  }

  /**
   * A request of `client` arrived: `poll` for a poll (a transport: the client
   * is followed from then on), else a call or release, which only refreshes
   * a client already followed (a client that never listens for events has no
   * presence).
   */
  seen(client: string, poll = false): void {
    if (!poll && !this.#since.has(client) && !this.#away.has(client)) return;
    this.#back(client);
    if (this.#holders.has(client)) return;
    this.#since.delete(client);
    this.#since.set(client, this.now());
    this.#start();
  }

  /** `holder` (a socket, a parked poll) keeps `client` present until `let` is called with it. */
  hold(client: string, holder: object): void {
    this.#back(client);
    this.#since.delete(client);
    const holders = this.#holders.get(client);
    if (holders === undefined) this.#holders.set(client, new Set([holder]));
    else holders.add(holder);
  }

  /** `holder` no longer keeps `client` present (idempotent). */
  let(client: string, holder: object): void {
    const holders = this.#holders.get(client);
    if (holders === undefined || !holders.delete(holder) || holders.size > 0) return;
    this.#holders.delete(client);
    this.#since.set(client, this.now());
    this.#start();
  }

  /** The client ended: no hooks for it any more. */
  ended(client: string): void {
    this.#holders.delete(client);
    this.#since.delete(client);
    this.#away.delete(client);
  }

  /** The server stops: no more hooks. */
  stop(): void {
    this.#stopped = true;
    this.#pause();
  }

  #pause(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #back(client: string): void {
    if (!this.#away.delete(client)) return;
    this.#run('onReconnect', client);
  }

  #start(): void {
    if (this.#timer !== undefined || this.#stopped) return;
    const every = Math.max(10, Math.min(250, Math.floor(this.#grace / 4)));
    this.#timer = setInterval(() => this.#tick(), every);
    (this.#timer as { unref?: () => void }).unref?.();
  }

  #tick(): void {
    const time = this.now();
    for (const [client, since] of this.#since) {
      if (time - since < this.#grace) break;
      this.#since.delete(client);
      this.#away.add(client);
      this.#run('onDisconnect', client);
    }
    if (this.#since.size === 0) this.#pause();
  }

  #run(hook: 'onDisconnect' | 'onReconnect', client: string): void {
    const run = this.options[hook];
    if (run === undefined || this.#stopped) return;
    try {
      const done = run({ client });
      if (done !== undefined)
        Promise.resolve(done).catch((error: unknown) => this.fault(error, hook, client));
    } catch (error) {
      this.fault(error, hook, client);
    }
  }
}
