import { ContractError } from '../../protocol/contract-error.js';
import type { OpenBody } from '../../protocol/messages.js';
import type { CallbackInterfaceDescriptor, ServiceDescriptor } from '../../schema/schema-types.js';
import type { ServiceRegistration } from '../define-service.js';
import type { CallOutput } from '../call-input.js';
import type { ChannelCounts } from '../observe/event-metrics.js';
import type { FaultContext } from '../fault-context.js';
import type {
  ClientStatus,
  DisconnectTarget,
  EndReason,
  ReaderKind,
  StoreListener,
} from '../stores/client-store.js';
import { releaseNotice } from '../stores/client-store.js';
import type { ReadResult } from '../stores/read-result.js';
import type { LogRetention } from '../stores/log-store.js';
import { newClientId } from '../stores/client-id.js';
import type { ResolvedEventOptions } from './event-options.js';
import { drainingError, goneError } from './gone-error.js';
import { LiveClient } from './live-client.js';
import { LongPolls, type PollRequest } from './long-polls.js';
import { Presence } from './presence.js';
import { ReaderClaims } from './reader-claims.js';
import { drainFanOuts } from './pending-fan-out.js';
import { clientInstance, disposeInstances } from './client-instances.js';
import { References } from './references.js';
import {
  createStandIn,
  releaseStandIn,
  standInState,
  type EventSink,
  type ReleasedCallback,
  type ReleaseReason,
} from './stand-in.js';

/**
 * Something that follows one client's queue in this process (a WebSocket
 * session): told when events are appended and when the client ends.
 */
export interface QueueWatcher {
  /** Events were appended (called synchronously from the store's notice: batch before reading). */
  appended(): void;
  /** The client ended (closed, expired, overflowed). */
  ended(reason: EndReason): void;
  /** A newer watcher of the same client took over (the client reconnected). */
  replaced(): void;
  /** The server is stopping. */
  stopped(): void;
  /** The server drains: finish the calls in flight, then close so the client connects again (elsewhere). */
  drain(): void;
}

/** What the channel reports to the router's hooks. */
export interface ChannelHooks {
  readonly onRelease: ((released: ReleasedCallback) => void | Promise<void>) | undefined;
  readonly fault: (error: unknown, where: FaultContext) => void;
  /** Told when a client ended (any process's notice), so the auth guard frees its slot. */
  readonly ended?: ((client: string) => void) | undefined;
}

/**
 * The server's event channel: opens clients, turns callback arguments into
 * stand-ins, keeps per-client service instances, answers polls, releases.
 * Durable state lives in the store; this holds what cannot leave the
 * process (stand-ins, instances, parked polls) and reacts to the store's
 * notices, including those from other processes sharing the store.
 */
export class EventChannel implements EventSink, StoreListener {
  readonly #live = new Map<string, LiveClient>();
  /** Clients that ended recently, so a request racing with the end cannot revive them here. */
  readonly #ended = new Map<string, { readonly reason: EndReason; readonly at: number }>();
  readonly #polls: LongPolls;
  /** At most one watcher per client: the newest socket wins, like the newest parked poll. */
  readonly #watchers = new Map<string, QueueWatcher>();
  /** With a store several processes share: one parked poll and one socket per client across them. */
  readonly #claims: ReaderClaims | undefined;
  /** The auth guard's ear for other processes' disconnects (`hearDisconnects`). */
  #onDisconnect:
    ((target: DisconnectTarget, id: string, reason: string | undefined) => void) | undefined;
  /**
   * The last client `appended` looked up, and what it found: a broadcast
   * hands a member its whole run of events in a row, so the lookups are made
   * once per member, not once per event. Forgotten whenever either map changes.
   */
  #appendedTo:
    { client: string; watcher: QueueWatcher | undefined; live: LiveClient | undefined } | undefined;
  #sweeper: ReturnType<typeof setInterval> | undefined;
  /** Whether events were appended since the last `flush`: calls that published wait for the store. */
  #unflushed = false;
  /** The store flush in progress, if any: calls that flush meanwhile wait for it (see `flush`). */
  #flushing: Promise<void> | undefined;
  /** The presence hooks' bookkeeping, when the server has hooks. */
  readonly #presence: Presence | undefined;
  /** Set by `drain`: no new clients, long polls answered at once, sockets told to go. */
  #draining = false;

  constructor(
    readonly options: ResolvedEventOptions,
    private readonly hooks: ChannelHooks,
    /** Live callbacks one client may hold in this process (`limits.maxCallbacksPerClient`). */
    private readonly maxCallbacks = Infinity,
  ) {
    const { ttl, maxQueue, maxQueueBytes, overflow, now, store, maxBatchChars } = options;
    const onError = (error: unknown) =>
      hooks.fault(error, { service: '(events)', method: 'store' });
    this.#polls = new LongPolls(
      store,
      options.maxBatch,
      now,
      store.claimReader === undefined
        ? undefined
        : (live, poll) => this.#claims?.parked(live, poll),
    );
    this.#claims = ReaderClaims.for(store, this.#polls, onError);
    if (options.presence !== undefined)
      this.#presence = new Presence(options.presence, now, (error, hook, client) =>
        hooks.fault(error, { service: '(events)', method: `(${hook})`, client }),
      );
    // Not awaited, so a router is built synchronously: a store that connects holds its own calls until it
    // is ready (see ClientStore.start). A start that fails (a setup the store refuses) is reported, never
    // left as an unhandled rejection that would end the process; the store's calls then fail with it.
    void Promise.resolve(
      store.start({ ttl, maxQueue, maxQueueBytes, overflow, now, onError, maxBatchChars }, this),
    ).catch(onError);
  }

  /** `POST _open`: a new client, owned by the principal `owner` when the router has an auth hook. */
  async open(owner?: string): Promise<OpenBody> {
    if (this.#draining) throw drainingError();
    const client = newClientId();
    await this.options.store.open(client, owner);
    this.#startSweeper();
    return { client, ttl: this.options.ttl, wait: this.options.maxWait };
  }

  /** Refreshes a client named by a call's header; throws the 410 when it is not live. */
  async touch(client: string): Promise<void> {
    // A durable store may hold clients of an earlier run that never open or long-poll here: sweep them too.
    this.#startSweeper();
    const status = await this.options.store.touch(client);
    if (status !== 'live') throw goneError(status);
    this.#presence?.seen(client);
  }

  /** The stand-in for `{"$cb": id}` of `client`: the same one for the same (client, id) while it is live. */
  async standIn(
    client: string,
    descriptor: CallbackInterfaceDescriptor,
    id: number,
  ): Promise<object> {
    // Checked before the store records the id, so refused ids cost nothing there, and again after, for calls
    // that raced past the first check (their ids stay recorded in the store until the client ends: not in this process).
    this.#checkRoom(this.#live.get(client), id);
    const status = await this.options.store.register(client, id);
    if (status !== 'live') throw goneError(status);
    const live = this.#liveFor(client);
    const existing = live.standIns.get(id);
    if (existing === undefined) {
      this.#checkRoom(live, id);
      const standIn = createStandIn(this, client, id, descriptor);
      live.standIns.set(id, standIn);
      return standIn;
    }
    const known = standInState(existing)?.descriptor;
    if (known === descriptor) return existing;
    const message = `Callback ${id} of this client is a ${known?.name ?? 'callback'}, not a ${descriptor.name}: give each callback object its own id.`;
    throw new ContractError('BAD_ARGUMENT', message, { path: 'args' });
  }

  /** The service instances handed out as references (`room(id): Promise<Room>`), by token. */
  readonly references = new References();

  /** The logs made on this router (`Router.log`), by name, with their callback interface's name: the admin page lists them. */
  readonly logs = new Map<string, string>();

  /** Hands out `handlers` as an instance of `descriptor` owned by `client` (call after `touch`); its token. */
  issueReference(client: string, descriptor: ServiceDescriptor, handlers: object): string {
    return this.references.issue(this.#liveFor(client), descriptor, handlers);
  }

  /** The client's instance of a per-client service (made on first use); call after `touch`. */
  instance(client: string, registration: ServiceRegistration & { lifetime: 'per-client' }): object {
    return clientInstance(this.#liveFor(client), registration);
  }

  /**
   * `GET _events`: the store's answer, after parking when `wait > 0` and
   * nothing is there. Not an async function: a parked poll is the whole cost
   * of an idle client, and every suspended frame in its chain adds to it.
   */
  poll(client: string, after: number, wait: number, request: PollRequest): Promise<ReadResult> {
    const { store, maxBatch } = this.options;
    this.#startSweeper();
    const presence = this.#presence;
    // A draining server answers at once: the client's next poll goes to another process.
    if (wait === 0 || this.#draining || this.#ended.has(client)) {
      const read = store.read(client, after, maxBatch);
      return presence === undefined
        ? read
        : read.then((result) => seenBy(presence, client, result));
    }
    if (presence === undefined) return this.#park(client, after, wait, request);
    const holder = {};
    presence.hold(client, holder);
    request.onClose(() => presence.let(client, holder));
    return this.#park(client, after, wait, request).then(
      (result) => {
        presence.let(client, holder);
        if (result.status !== 'live') presence.ended(client);
        return result;
      },
      (error: unknown) => {
        presence.ended(client);
        throw error;
      },
    );
  }

  #park(client: string, after: number, wait: number, request: PollRequest): Promise<ReadResult> {
    const created = !this.#live.has(client);
    let live: LiveClient;
    try {
      live = this.#liveFor(client);
    } catch (error) {
      // `#liveFor` throws the 410 of a client that ended, a ContractError.
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    live.polls = true;
    const polled = this.#polls.poll(live, after, wait, request);
    if (!created) return polled;
    // A poll for an id that is not live must not leave a record behind.
    return polled.then((result) => {
      if (result.status !== 'live' && this.#live.get(client) === live) {
        this.#live.delete(client);
        this.#appendedTo = undefined;
      }
      return result;
    });
  }

  /** The clients with a long poll parked in this process. */
  parkedClients(): string[] {
    const clients: string[] = [];
    for (const [client, live] of this.#live) if (live.parked !== undefined) clients.push(client);
    return clients;
  }

  /** The clients with a socket, the others known here, and the parked polls: the metrics' gauges. */
  counts(): ChannelCounts {
    let parked = 0;
    let polling = 0;
    for (const [client, live] of this.#live) {
      if (live.parked !== undefined) parked++;
      if (!this.#watchers.has(client)) polling++;
    }
    return { sockets: this.#watchers.size, polling, parked };
  }

  /**
   * How `client` reads its events in this process: `websocket` while a socket
   * of it is open here, `long-poll` once it parked a poll here (and has no
   * socket), else `undefined` (it reads through another process sharing the
   * store, or only made calls). Per process: the store does not know.
   */
  transportOf(client: string): 'websocket' | 'long-poll' | undefined {
    if (this.#watchers.has(client)) return 'websocket';
    return this.#live.get(client)?.polls === true ? 'long-poll' : undefined;
  }

  /** Answers `client`'s parked long poll with `error` now (`router.disconnect`); whether one was parked. */
  interrupt(client: string, error: ContractError): boolean {
    const live = this.#live.get(client);
    return live !== undefined && this.#polls.interrupt(live, error);
  }

  /**
   * Ends `standIn` from the server's side: a release notice (`reason`) joins
   * its client's queue after every event queued for it, then the callback is
   * released as by `_release` (release hooks run; a topic drops it). The
   * contract-gen client reports the notice through `onReleased`.
   */
  async endCallback(standIn: object, reason: string): Promise<void> {
    const state = standInState(standIn);
    if (state === undefined || state.sink !== this)
      throw new TypeError('contract-gen: endCallback() takes a stand-in of this router.');
    if (state.released !== undefined) return;
    drainFanOuts();
    this.#unflushed = true;
    this.options.store.append(state.client, releaseNotice(state.callback, reason));
    await this.options.store.release(state.client, [state.callback]);
    // A store that tells no listener of its own releases (or one of another process): release it here too.
    this.released(state.client, [state.callback]);
  }

  /** `POST _release`. */
  release(client: string, ids: readonly number[]): Promise<ClientStatus> {
    this.#presence?.seen(client);
    return this.options.store.release(client, ids);
  }

  /** `POST _close`. */
  close(client: string): Promise<ClientStatus> {
    return this.options.store.close(client);
  }

  /**
   * Has `watcher` told of `client`'s appends and end from now on; a watcher
   * the client had before is told it was `replaced`. `unwatch` stops it.
   */
  watch(client: string, watcher: QueueWatcher): void {
    const older = this.#watchers.get(client);
    this.#watchers.set(client, watcher);
    this.#presence?.hold(client, watcher);
    this.#appendedTo = undefined;
    older?.replaced();
    this.#claims?.watched(client, watcher);
  }

  /** Stops `watcher` watching `client` (nothing if a newer watcher took over). No closure per watch: sockets are many. */
  unwatch(client: string, watcher: QueueWatcher): void {
    this.#presence?.let(client, watcher);
    if (this.#watchers.get(client) === watcher) this.#watchers.delete(client);
    this.#claims?.unwatched(client, watcher);
    this.#appendedTo = undefined;
  }

  /** Whether `drain` was called: no new clients here. */
  get draining(): boolean {
    return this.#draining;
  }

  /**
   * A graceful drain, first part: takes no new clients (`_open` answers 503
   * `DRAINING`, a new socket's hello gets a 1012 close), answers parked long polls now
   * and every later poll at once, and tells each socket to finish its calls
   * in flight and close with 1012. Resolves once every socket closed, or
   * after `timeout` ms.
   */
  async drain(timeout: number): Promise<void> {
    this.#draining = true;
    for (const live of this.#live.values()) this.#polls.release(live);
    for (const watcher of [...this.#watchers.values()]) watcher.drain();
    const deadline = Date.now() + timeout;
    while (this.#watchers.size > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
  }

  /**
   * A graceful drain, last part: the callbacks this process holds in memory
   * are released with a release notice (`server-restart`) in their clients'
   * queues, so the clients subscribe again on another process (a topic's
   * members stay: the store keeps them), and the store's writes are flushed.
   */
  async retire(): Promise<void> {
    drainFanOuts();
    const { store } = this.options;
    await store.retire?.('server-restart');
    await store.flush();
  }

  /** Stops timers and answers parked polls; releases nothing (a durable store keeps the clients). */
  async stop(): Promise<void> {
    this.#presence?.stop();
    clearInterval(this.#sweeper);
    this.#sweeper = undefined;
    for (const live of this.#live.values()) this.#polls.release(live);
    const watchers = [...this.#watchers.values()];
    this.#watchers.clear();
    this.#claims?.clear();
    this.#appendedTo = undefined;
    for (const watcher of watchers) watcher.stopped();
    await this.options.store.stop();
  }

  append(client: string, head: string, tail: string): void {
    this.#unflushed = true;
    const { store } = this.options;
    if (store.appendPieces !== undefined) store.appendPieces(client, head, tail);
    else store.append(client, head + tail);
  }

  /** Publishes to a topic's members (`Topic`): the store does the fan-out; calls that published wait for its flush. */
  publish(topic: string, iface: string, body: string): void {
    drainFanOuts();
    this.#unflushed = true;
    this.options.store.publish(topic, iface, body);
  }

  /** Appends to a log (`Log`): the store wakes its followers; calls that appended wait for its flush. */
  logAppend(log: string, body: string, retention: LogRetention): void {
    drainFanOuts();
    this.#unflushed = true;
    this.options.store.logAppend?.(log, body, retention);
  }

  /**
   * Records the answer of `client`'s call `call` in the store (when it can
   * remember calls), after the events appended so far: a resend of the call
   * gets it (`recordedCall`) instead of running again. The router flushes
   * after it, as after any append.
   */
  recordCall(client: string, call: string, answer: CallOutput): void {
    const { store } = this.options;
    if (store.recordCall === undefined) return;
    drainFanOuts();
    this.#unflushed = true;
    store.recordCall(client, call, `${answer.status} ${answer.body}`);
  }

  /**
   * Runs `run` (a call's handler) as call `call` of `client` for the store
   * (`ClientStore.withCall`): the events it makes synchronously, broadcast
   * fan-outs included, belong to the call.
   */
  inCall<T>(client: string, call: string, run: () => T): T {
    const { store } = this.options;
    if (store.withCall === undefined) return run();
    return store.withCall(client, call, () => {
      try {
        return run();
      } finally {
        drainFanOuts();
      }
    });
  }

  /** The answer recorded for `client`'s call `call`, if the store has one. */
  async recordedCall(client: string, call: string): Promise<CallOutput | undefined> {
    const text = await this.options.store.recordedCall?.(client, call);
    if (text === undefined) return undefined;
    const space = text.indexOf(' ');
    return { status: Number(text.slice(0, space)), body: text.slice(space + 1) };
  }

  /**
   * Resolves once every event appended so far is stored. The router awaits it
   * before answering a call that published, so "the call returned" means "its
   * events are in the store" (durable with a persistent store).
   */
  flush(): Promise<void> | undefined {
    drainFanOuts();
    // Another call's flush may have taken the appends of this one: wait for it too, or this call could
    // answer before its events are stored (and never hear that they were lost).
    if (!this.#unflushed) return this.#flushing;
    this.#unflushed = false;
    const flushing = this.options.store.flush();
    this.#flushing = flushing;
    const done = () => {
      if (this.#flushing === flushing) this.#flushing = undefined;
    };
    flushing.then(done, done);
    return flushing;
  }

  fault(error: unknown, where: FaultContext): void {
    this.hooks.fault(error, where);
  }

  appended(client: string): void {
    let to = this.#appendedTo;
    if (to?.client !== client)
      this.#appendedTo = to = {
        client,
        watcher: this.#watchers.get(client),
        live: this.#live.get(client),
      };
    to.watcher?.appended();
    if (to.live !== undefined) this.#polls.appended(to.live);
  }

  /** The store may have missed notices (its pub/sub connection came back): every local reader reads again. */
  missed(): void {
    for (const client of new Set([...this.#watchers.keys(), ...this.#live.keys()]))
      this.appended(client);
  }

  released(client: string, callbacks: readonly number[]): void {
    const live = this.#live.get(client);
    if (live === undefined) return;
    for (const id of callbacks) {
      const standIn = live.standIns.get(id);
      if (standIn === undefined) continue;
      live.standIns.delete(id);
      this.#release(standIn, 'released');
    }
  }

  /** Another process's `disconnect` (the store's notice): handed to whoever listens (the auth guard). */
  disconnected(target: DisconnectTarget, id: string, reason: string | undefined): void {
    this.#onDisconnect?.(target, id, reason);
  }

  /** Another process parked a poll of `client` or took its socket (the store's notice): the older one here gives way. */
  takenOver(client: string, reader: ReaderKind, claim: number): void {
    this.#claims?.takenOver(client, this.#live.get(client), reader, claim);
  }

  /** Who ends this process's connections when another process's `disconnect` is heard. */
  hearDisconnects(
    listener: (target: DisconnectTarget, id: string, reason: string | undefined) => void,
  ): void {
    this.#onDisconnect = listener;
  }

  ended(client: string, reason: EndReason): void {
    this.#ended.set(client, { reason, at: this.options.now() });
    this.#presence?.ended(client);
    this.hooks.ended?.(client);
    const watcher = this.#watchers.get(client);
    this.#watchers.delete(client);
    if (watcher !== undefined) this.#claims?.unwatched(client, watcher);
    this.#appendedTo = undefined;
    watcher?.ended(reason);
    const live = this.#live.get(client);
    if (live === undefined) return;
    this.#live.delete(client);
    this.#appendedTo = undefined;
    this.#polls.end(live, reason);
    for (const standIn of live.standIns.values()) this.#release(standIn, reason);
    live.standIns.clear();
    disposeInstances(live, this.hooks.fault);
  }

  /** Throws 429 `TOO_MANY_CALLBACKS` when `live` holds as many stand-ins as allowed and `id` would be a new one. */
  #checkRoom(live: LiveClient | undefined, id: number): void {
    if (live === undefined || live.standIns.size < this.maxCallbacks || live.standIns.has(id))
      return;
    const message = `This client holds ${this.maxCallbacks} live callbacks, as many as this server allows (limits.maxCallbacksPerClient): release some first.`;
    throw new ContractError('TOO_MANY_CALLBACKS', message, { path: 'args' });
  }

  #liveFor(client: string): LiveClient {
    const ended = this.#ended.get(client);
    if (ended !== undefined) throw goneError(ended.reason);
    let live = this.#live.get(client);
    if (live === undefined) {
      this.#live.set(client, (live = new LiveClient(client)));
      this.#appendedTo = undefined;
    }
    this.#startSweeper();
    return live;
  }

  #release(standIn: object, reason: ReleaseReason): void {
    const released = releaseStandIn(standIn, reason);
    const hook = this.hooks.onRelease;
    if (released === undefined || hook === undefined) return;
    const where = {
      service: released.interface,
      method: '(onRelease)',
      client: released.client,
      callback: released.callback,
    };
    try {
      const done = hook(released);
      if (done !== undefined)
        Promise.resolve(done).catch((error: unknown) => this.hooks.fault(error, where));
    } catch (error) {
      this.hooks.fault(error, where);
    }
  }

  #startSweeper(): void {
    if (this.#sweeper !== undefined) return;
    const { ttl, store, now } = this.options;
    // Expiry is checked ten times per ttl, at most once a second: a client ends at most 1 s after its ttl.
    const every = Math.min(1000, Math.max(10, Math.floor(ttl / 10)));
    this.#sweeper = setInterval(() => {
      const time = now();
      store
        .sweep(time)
        .catch((error: unknown) =>
          this.hooks.fault(error, { service: '(events)', method: 'sweep' }),
        );
      for (const [client, { at }] of this.#ended) {
        if (time - at < ttl) break;
        this.#ended.delete(client);
      }
    }, every);
    (this.#sweeper as { unref?: () => void }).unref?.();
  }
}

/** A poll's read: a live client's poll is a sign of its presence. */
function seenBy(presence: Presence, client: string, result: ReadResult): ReadResult {
  if (result.status === 'live') presence.seen(client, true);
  return result;
}
