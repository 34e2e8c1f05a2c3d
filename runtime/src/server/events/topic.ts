import type { CallbackInterfaceDescriptor } from '../../schema/schema-types.js';
import type { EventChannel } from './event-channel.js';
import { encodeEventArgs, eventMethods } from './event-method.js';
import { standInState, type StandInState } from './stand-in.js';

/** The set side of a `Topic`: membership, kept in the store. */
export interface TopicSet<T> {
  /** The topic's name: the same name in every process sharing the store is the same topic. */
  readonly name: string;
  /**
   * Makes a stand-in (a callback argument a handler received, of the topic's
   * interface) a member. Resolves true when it is one now; false when it was
   * released or its client ended (it never joins then). Throws a `TypeError`
   * for anything that is not such a stand-in of this router.
   */
  add(member: T): Promise<boolean>;
  /** Removes a member; resolves whether it was one. */
  delete(member: T): Promise<boolean>;
  /** The number of members, in every process. */
  size(): Promise<number>;
}

/** The callback methods of `T` that do not collide with the topic's own names (nor `then`: a topic is never thenable). */
export type TopicMethods<T> = {
  readonly [
    K in keyof T as K extends keyof TopicSet<T> | 'then'
      ? never
      : T[K] extends (...args: never[]) => void
        ? K
        : never
  ]: T[K];
};

/**
 * A named set of callbacks whose members live in the store, with the
 * callback interface's methods: calling one appends the event to every
 * member's queue, whichever process took the subscription (see
 * `Router.topic`).
 */
export type Topic<T extends object> = TopicSet<T> & TopicMethods<T>;

const TOPIC_HINT =
  'a Topic takes callback stand-ins this router made (callback arguments its handlers received); use a Broadcast for other objects.';

/**
 * The state of `member`, checked: a stand-in this channel made, of
 * `descriptor`'s interface. Throws a `TypeError` (`hint` when it is no such
 * stand-in) for anything else. Shared by topics and logs.
 */
export function checkedMember(
  channel: EventChannel,
  descriptor: CallbackInterfaceDescriptor,
  member: object,
  what: string,
  hint: string,
): StandInState {
  const state = standInState(member);
  if (state === undefined || state.sink !== channel) throw new TypeError(`contract-gen: ${hint}`);
  if (state.descriptor.name !== descriptor.name)
    throw new TypeError(
      `contract-gen: ${what} takes ${descriptor.name} callbacks, not ${state.descriptor.name}.`,
    );
  return state;
}

/**
 * Gives `target` the callback interface's methods (not the names it has, nor
 * `then`: it is never thenable): each encodes its arguments once and hands
 * `"method":"m","args":[...]` to `send`. Like a stand-in's, they return at
 * once and never throw (a value the wire cannot carry goes to `onError` and
 * nothing is sent). Shared by topics and logs.
 */
export function addEventMethods(
  target: Record<string, unknown>,
  channel: EventChannel,
  descriptor: CallbackInterfaceDescriptor,
  send: (body: string) => void,
): void {
  for (const method of eventMethods(descriptor).values()) {
    if (method.name in target || method.name === 'then') continue;
    const head = `"method":${method.tail}`;
    target[method.name] = (...args: unknown[]): void => {
      let json: string;
      try {
        json = encodeEventArgs(method, args);
      } catch (error) {
        return channel.fault(error, { service: descriptor.name, method: method.name });
      }
      send(head + json);
    };
  }
}

/** Topic names stay short: they are part of store keys and rows. */
const MAX_NAME = 1000;

/**
 * Makes the topic `name` of callback interface `descriptor` on `channel`.
 * Its methods encode the arguments once and hand one publish to the store;
 * like a stand-in's, they return at once and never throw (a value the wire
 * cannot carry goes to `onError` and nothing is sent).
 */
export function createTopic<T extends object>(
  channel: EventChannel,
  descriptor: CallbackInterfaceDescriptor,
  name: string,
): Topic<T> {
  if (typeof name !== 'string' || name === '' || name.length > MAX_NAME) {
    throw new TypeError(
      `contract-gen: a topic's name is a non-empty string of at most ${MAX_NAME} characters.`,
    );
  }
  const store = channel.options.store;
  const memberOf = (member: T) =>
    checkedMember(channel, descriptor, member, `topic ${JSON.stringify(name)}`, TOPIC_HINT);
  const topic: Record<string, unknown> = {
    name,
    add: async (member: T) => {
      const state = memberOf(member);
      return (
        state.released === undefined &&
        store.join(name, state.client, state.callback, descriptor.name)
      );
    },
    delete: async (member: T) => {
      const state = memberOf(member);
      return store.leave(name, state.client, state.callback);
    },
    size: () => store.topicSize(name),
  };
  addEventMethods(topic, channel, descriptor, (body) =>
    channel.publish(name, descriptor.name, body),
  );
  return Object.freeze(topic) as Topic<T>;
}
