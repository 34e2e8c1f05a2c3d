import type { ConnectOptions, Connection } from '../../client/connection.js';
import { keepSession } from '../../client/session-keeper.js';
import type { SavedCallback } from '../../client/session-store.js';
import type { CallbackInterfaceDescriptor } from '../../schema/schema-types.js';
import { coreOf, type Router } from '../create-router.js';
import type { ClientStore } from '../stores/client-store.js';
import type { EventChannel } from './event-channel.js';
import { onReleased, standInState } from './stand-in.js';

/** What a relay's connection to the upstream server must be opened with (add your own: `http`, `headers`...). */
export type RelayConnectOptions = Required<
  Pick<ConnectOptions, 'session' | 'onReleased' | 'onGap'>
>;

/** Options of `createRelay`. */
export interface RelayOptions {
  /**
   * Names the upstream server in this server's store: the relay's client
   * there, its callbacks and its place in their queue are kept under it. One
   * relay per name per store.
   */
  readonly name: string;
  /** The callback interfaces this relay passes on. */
  readonly callbacks: readonly CallbackInterfaceDescriptor[];
  /** Opens the connection to the upstream server with `options` (and any of your own). */
  readonly connect: (options: RelayConnectOptions) => Connection;
}

/** A server's way to pass the callbacks its clients gave it on to another server (`createRelay`). */
export interface Relay {
  /** The connection to the upstream server: give it to the generated client (`feedClient(relay.connection)`). */
  readonly connection: Connection;
  /** Settles once the relay's client of an earlier run is taken over and its callbacks are bound again. */
  readonly ready: Promise<void>;
  /**
   * What to pass to the upstream server in place of `standIn` (a callback
   * argument this server received): its events reach `standIn`'s client
   * through this server's queue, exactly once, in order, across restarts
   * of this server with a durable store. The same stand-in gives the same
   * object.
   */
  pass<T extends object>(standIn: T): Promise<T>;
}

/** What a passed callback stands for: the topic its events go to, and the stand-in's client and id. */
interface Passed {
  readonly topic: string;
  readonly client: string;
  readonly callback: number;
  readonly iface: string;
}

/**
 * Callbacks across hops (docs/references.md). A server A whose handler got a
 * stand-in from its client C passes it to server B through the generated
 * client: `await feed.subscribe(await relay.pass(events))`. B's events come to
 * A's connection and go on into C's queue on A, through a topic of A's store
 * that C's callback is the only member of (a topic member is not released
 * when A restarts). Each forwarded event writes A's place in B's queue into
 * A's store (`ClientStore.mark`) in the same write as the event, and A
 * acknowledges to B only what its store holds; so when A is killed and
 * started again on its store, it resumes its client on B after the last
 * event it passed on: nothing lost, nothing twice.
 *
 * Releases travel both ways: C releases its callback → A releases the
 * forwarder on B (B's release hooks run); B ends its stand-in
 * (`endCallback`) or forgets A's client → C gets a release notice with B's
 * reason (`upstream-expired` for the latter).
 */
export function createRelay(router: Router, options: RelayOptions): Relay {
  const channel = coreOf(router)?.channel;
  if (channel === undefined)
    throw new TypeError(
      'contract-gen: createRelay() needs a router made by createRouter with its event channel on.',
    );
  const store = channel.options.store;
  if (store.mark === undefined || store.readMark === undefined)
    throw new TypeError(
      'contract-gen: createRelay() needs a store that keeps marks (memoryStore, sqliteStore): it keeps its place there.',
    );
  const marks = store as ClientStore & Required<Pick<ClientStore, 'mark' | 'readMark'>>;
  const descriptors = new Map(options.callbacks.map((d) => [d.name, d]));
  const sessionKey = `relay:${options.name}:session`;
  const seqKey = `relay:${options.name}:seq`;
  /** Forwarders by object and by topic. */
  const passed = new Map<object, Passed>();
  const byTopic = new Map<string, object>();
  /** What the saved session said each callback id stands for. */
  let savedTargets: Record<string, Passed> = {};

  const session = keepSession({
    async load() {
      const text = await marks.readMark(sessionKey);
      if (text === undefined || text === '') return undefined;
      const saved = JSON.parse(text) as { seq: number; targets?: Record<string, Passed> };
      savedTargets = saved.targets ?? {};
      // The seq written with the last event passed on may be ahead of the session's (saves run behind).
      const seq = Number((await marks.readMark(seqKey)) ?? 0);
      return { ...saved, seq: Math.max(saved.seq, Number.isSafeInteger(seq) ? seq : 0) } as never;
    },
    save(state) {
      if (state === undefined) marks.mark(sessionKey, '');
      else {
        const targets: Record<string, Passed> = {};
        for (const [forwarder, what] of passed) {
          const id = connection.callbackId(forwarder);
          if (id !== undefined) targets[id] = what;
        }
        marks.mark(sessionKey, JSON.stringify({ ...state, targets }));
      }
      // The acknowledgement to the upstream server waits for this: it never runs ahead of the store.
      return store.flush();
    },
  });

  const connection = options.connect({
    session,
    onReleased: ({ callback, reason }) => void end(callback, reason),
    onGap: (gap) => {
      if (gap.reason === 'expired')
        for (const forwarder of gap.callbacks) void end(forwarder, 'upstream-expired');
    },
  });

  /** The object the upstream server's events for `what` are dispatched to. */
  function forwarder(what: Passed): object {
    const descriptor = descriptors.get(what.iface) as CallbackInterfaceDescriptor;
    const topic = router.topic<Record<string, (...args: unknown[]) => void>>(
      descriptor,
      what.topic,
    );
    const target: Record<string, (...args: unknown[]) => void> = {};
    for (const method of Object.keys(descriptor.methods)) {
      const publish = topic[method] as (...args: unknown[]) => void;
      target[method] = (...args: unknown[]) => {
        publish(...args);
        // In the same store write as the event: after a crash, both or neither.
        marks.mark(seqKey, String(connection.lastSeq));
      };
    }
    Object.freeze(target);
    passed.set(target, what);
    byTopic.set(what.topic, target);
    return target;
  }

  /** Releases `forwarder` upstream when the stand-in it passes on is released here. */
  function watch(standIn: object, forwarder: object): void {
    onReleased(standIn, () => {
      const what = passed.get(forwarder);
      passed.delete(forwarder);
      if (what !== undefined) byTopic.delete(what.topic);
      void connection.release(forwarder).catch(() => undefined);
    });
  }

  /** The upstream side ended `forwarder`: its client here hears why, with a release notice. */
  async function end(forwarder: object, reason: string): Promise<void> {
    const what = passed.get(forwarder);
    if (what === undefined) return;
    try {
      const standIn = await standInOf(channel as EventChannel, what);
      await (channel as EventChannel).endCallback(standIn, reason);
    } catch (error) {
      // Its client ended meanwhile: nobody is left to tell.
      (channel as EventChannel).fault(error, {
        service: what.iface,
        method: '(relay end)',
        client: what.client,
      });
    }
  }

  function standInOf(on: EventChannel, what: Passed): Promise<object> {
    return on.standIn(
      what.client,
      descriptors.get(what.iface) as CallbackInterfaceDescriptor,
      what.callback,
    );
  }

  const bind = (descriptor: CallbackInterfaceDescriptor) => ({
    callback: descriptor,
    target: (saved: SavedCallback) => {
      const what = savedTargets[String(saved.id)];
      if (what === undefined || what.iface !== descriptor.name) return undefined;
      return byTopic.get(what.topic) ?? forwarder(what);
    },
  });
  const ready = connection.resume(...[...descriptors.values()].map(bind)).then(async () => {
    // The stand-ins of the callbacks taken over: their release here must reach the upstream server.
    for (const [target, what] of [...passed]) {
      try {
        watch(await standInOf(channel, what), target);
      } catch {
        passed.delete(target);
        byTopic.delete(what.topic);
        await connection.release(target).catch(() => undefined);
      }
    }
  });

  return {
    connection,
    ready,
    async pass<T extends object>(standIn: T): Promise<T> {
      const state = standInState(standIn);
      if (state === undefined || state.sink !== channel)
        throw new TypeError('contract-gen: relay.pass() takes a stand-in this server received.');
      const descriptor = descriptors.get(state.descriptor.name);
      if (descriptor !== state.descriptor)
        throw new TypeError(
          `contract-gen: this relay passes on ${[...descriptors.keys()].join(', ')}, not ${state.descriptor.name}.`,
        );
      await ready;
      const topic = `relay:${options.name}:${state.client}:${state.callback}`;
      const known = byTopic.get(topic);
      if (known !== undefined) return known as T;
      await router.topic(descriptor, topic).add(standIn);
      const target = forwarder({
        topic,
        client: state.client,
        callback: state.callback,
        iface: descriptor.name,
      });
      watch(standIn, target);
      return target as T;
    },
  };
}
