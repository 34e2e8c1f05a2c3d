import type { CallbackInterfaceDescriptor } from '../../schema/schema-types.js';
import { followLog, hasLogs } from '../stores/log-feed.js';
import {
  MAX_LOG_NAME,
  type LogRetention,
  type LogStart,
  type LogState,
} from '../stores/log-store.js';
import type { EventChannel } from './event-channel.js';
import { addEventMethods, checkedMember } from './topic.js';

const LOG_HINT =
  'a Log takes callback stand-ins this router made (callback arguments its handlers received).';

/** The follower side of a `Log`: who reads it, from where. */
export interface LogSet<T> {
  /** The log's name: the same name in every process sharing the store is the same log. */
  readonly name: string;
  /**
   * Makes a stand-in (a callback argument a handler received, of the log's
   * interface) a follower from `start` (default `live`): `live` gets the
   * events appended from now on, `start` every event the log keeps, then the
   * new ones; `{ offset, epoch }` (a position the client saved) the events
   * after that one. Each event once, in order; an offset trimmed away or an
   * epoch that is not the log's becomes a gap the client is told of. Resolves
   * true when it follows now; false when it was released or its client
   * ended. Throws a `TypeError` for anything that is not such a stand-in of
   * this router, or a start that is not one of these.
   */
  follow(member: T, start?: LogStart): Promise<boolean>;
  /** Stops a follower; resolves whether it was one. */
  unfollow(member: T): Promise<boolean>;
  /** The log's epoch, its oldest kept offset and the next offset. */
  state(): Promise<LogState>;
}

/** The callback methods of `T` that do not collide with the log's own names (nor `then`). */
export type LogMethods<T> = {
  readonly [
    K in keyof T as K extends keyof LogSet<T> | 'then'
      ? never
      : T[K] extends (...args: never[]) => void
        ? K
        : never
  ]: T[K];
};

/**
 * A topic with history: calling one of the callback interface's methods
 * appends the event once to the log (kept in the store, trimmed by its
 * retention); each follower reads it from its own position (see
 * `Router.log`).
 */
export type Log<T extends object> = LogSet<T> & LogMethods<T>;

/** How long a log keeps its events (`Router.log`'s options); absent bounds do not apply. */
export type LogOptions = LogRetention;

/** Makes the log `name` of callback interface `descriptor` on `channel`. */
export function createLog<T extends object>(
  channel: EventChannel,
  descriptor: CallbackInterfaceDescriptor,
  name: string,
  options: LogOptions = {},
): Log<T> {
  if (typeof name !== 'string' || name === '' || name.length > MAX_LOG_NAME) {
    throw new TypeError(
      `contract-gen: a log's name is a non-empty string of at most ${MAX_LOG_NAME} characters.`,
    );
  }
  const retention = checkRetention(options);
  const store = channel.options.store;
  if (!hasLogs(store))
    throw new TypeError(
      "contract-gen: this router's event store holds no logs (memoryStore, sqliteStore and redisStore do).",
    );
  channel.logs.set(name, descriptor.name);
  const memberOf = (member: T) =>
    checkedMember(channel, descriptor, member, `log ${JSON.stringify(name)}`, LOG_HINT);
  const log: Record<string, unknown> = {
    name,
    follow: async (member: T, start: LogStart = 'live') => {
      const state = memberOf(member);
      checkStart(start);
      if (state.released !== undefined) return false;
      const follows = await followLog(store, name, state.client, state.callback, start);
      // Its poll may have parked before the follow was made: it reads again (other processes hear of it from the store).
      if (follows) channel.appended(state.client);
      return follows;
    },
    unfollow: async (member: T) => {
      const state = memberOf(member);
      return store.logUnfollow(state.client, state.callback);
    },
    state: async (): Promise<LogState> => {
      const { epoch, first, next } = await store.logRead(name, Number.MAX_SAFE_INTEGER, 0);
      return { epoch, first, next };
    },
  };
  addEventMethods(log, channel, descriptor, (body) => channel.logAppend(name, body, retention));
  return Object.freeze(log) as Log<T>;
}

function checkRetention(options: LogOptions): LogRetention {
  for (const key of ['maxEvents', 'maxAge', 'maxBytes'] as const) {
    const value = options[key];
    if (value !== undefined && !(Number.isSafeInteger(value) && value > 0))
      throw new TypeError(
        `contract-gen: a log's ${key} is a positive integer, not ${String(value)}.`,
      );
  }
  return Object.freeze({ ...options });
}

function checkStart(start: LogStart): void {
  if (start === 'live' || start === 'start') return;
  const { offset, epoch } = (start ?? {}) as { offset?: unknown; epoch?: unknown };
  if (!Number.isSafeInteger(offset) || (offset as number) < 0 || typeof epoch !== 'string')
    throw new TypeError(
      "contract-gen: a log follower starts at 'live', 'start' or { offset, epoch } (a non-negative integer and the epoch's name).",
    );
}
