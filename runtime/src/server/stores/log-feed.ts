import type { ClientStore, StoreConfig, StoreListener } from './client-store.js';
import {
  entryRange,
  rangePayload,
  type LogFollow,
  type LogRange,
  type LogSlice,
  type LogStart,
  type LogStoreMethods,
} from './log-store.js';
import type { ReadResult } from './read-result.js';
import { forwardingStore } from './forwarding-store.js';
import { LogTails } from './log-tails.js';
import { expand, pull } from './log-ranges.js';

/** Events one range entry names at most (a read's `max` when smaller). */
export const LOG_RANGE = 1000;

type LogStore = ClientStore & LogStoreMethods;

/** Whether `store` holds logs. */
export function hasLogs(store: ClientStore): store is LogStore {
  return (
    store.logAppend !== undefined &&
    store.logRead !== undefined &&
    store.logFollow !== undefined &&
    store.logUnfollow !== undefined &&
    store.logFollows !== undefined &&
    store.logEnqueue !== undefined
  );
}

/**
 * Makes callback `callback` of `client` follow `log` from `start`; resolves
 * whether it does (only a registered callback of a live client follows).
 * `live`: from the next event; `start`: from the oldest kept; `{ offset,
 * epoch }`: after that event. An offset trimmed away, or an epoch that is not
 * the log's, becomes a gap in the follower's first range entry.
 */
export async function followLog(
  store: LogStore,
  log: string,
  client: string,
  callback: number,
  start: LogStart,
): Promise<boolean> {
  if (start === 'live' || start === 'start') {
    const { next, first, epoch } = await store.logRead(log, Number.MAX_SAFE_INTEGER, 0);
    return store.logFollow(log, client, callback, start === 'live' ? next : first, epoch);
  }
  return store.logFollow(log, client, callback, start.offset + 1, start.epoch);
}

/**
 * A store whose reads serve its clients' log follows: the store `withLogs`
 * wraps, with `read` and `start` taken over (every other call
 * goes straight to it; a store without logs is returned as it is).
 *
 * When the client's follows are not known here (its first read, or after
 * they changed), a read first reads the client's queue as the store keeps
 * it. When it answers fewer than `max` entries, each follow of the client
 * that has no range entry among them and whose log has events past its
 * position gets one (`logEnqueue`: the positions of up to `LOG_RANGE`
 * events, moved atomically with the follow), and the queue is read again.
 * When they are known (a follower woken by an append), each follow's next
 * range is enqueued first and the queue read once: one store call where the
 * store has `logEnqueueRead` (Redis). Range entries are then answered as the
 * log's events (`{"seq":7,"cb":3,"log":"prices","epoch":"k3x","offset":41,
 * "events":[...]}`, docs/protocol.md), read from the log: an event is stored
 * once, however many follow it. A range whose events were trimmed
 * meanwhile, or whose log changed epoch, answers the gap.
 *
 * What a read needs besides the queue is kept in this process, so that a
 * follower's read after an append costs the store one call (issue 25):
 * - the newest events of each log (`LogTails`): one read of the log per
 *   append notice here, whatever the number of followers; a position that
 *   is not at the tail, or any sign of a gap, reads the store;
 * - each client's follows, as the store last answered them and as this
 *   process's enqueues moved them. The store's `followsChanged` (a follow
 *   or an unfollow here; with Redis, any append notice from another process
 *   for the client, since notices keep the format earlier versions read), a
 *   release, an enqueue that found the follow moved (another process's
 *   reader) and `missed` make the next read ask the store again. An append
 *   made here asks nothing.
 *
 * The listener's `logAppended` wakes the clients of this process that follow
 * the log (learned from their reads: a reader finds its follows before it parks).
 * A range enqueued by a read wakes no reader (the read answers it).
 */
export function withLogs(store: ClientStore): ClientStore {
  if (!hasLogs(store)) return store;
  const tails = new LogTails(store);
  /** Per client, its follows as last known here (an empty list: it follows nothing). */
  const known = new Map<string, readonly LogFollow[]>();
  const knownFollows = (client: string) => known.get(client);
  /** Clients whose follows are being asked: `stale` once a follow notice came meanwhile. */
  const asking = new Map<string, { stale: boolean; reads: number }>();
  /** Clients whose read is enqueuing a range: the store's append notice for it wakes no one. */
  const enqueuing = new Map<string, number>();
  const followers = new Map<string, Set<string>>();
  const followed = new Map<string, readonly string[]>();
  const forget = (client: string) => {
    for (const log of followed.get(client) ?? []) {
      const clients = followers.get(log);
      clients?.delete(client);
      if (clients?.size === 0) followers.delete(log);
    }
    followed.delete(client);
  };
  const remember = (client: string, follows: readonly LogFollow[]) => {
    const logs = follows.map((follow) => follow.log);
    const before = followed.get(client);
    if (
      before !== undefined &&
      before.length === logs.length &&
      before.every((l, i) => l === logs[i])
    )
      return;
    forget(client);
    if (logs.length === 0) return;
    followed.set(client, logs);
    for (const log of logs) {
      let clients = followers.get(log);
      if (clients === undefined) followers.set(log, (clients = new Set()));
      clients.add(client);
    }
  };
  /** The client's follows changed (or may have): ask the store at its next read, and not keep an answer asked before. */
  const changed = (client: string) => {
    known.delete(client);
    const ask = asking.get(client);
    if (ask !== undefined) ask.stale = true;
  };
  const wrapper = forwardingStore(store);
  wrapper.start = (config: StoreConfig, listener: StoreListener) =>
    store.start(config, {
      appended: (client) => {
        if (!enqueuing.has(client)) listener.appended(client);
      },
      followsChanged: (client) => {
        changed(client);
        // Its reader reads again: a read before the follow found nothing to follow.
        listener.appended(client);
      },
      released: (client, callbacks) => {
        changed(client);
        listener.released(client, callbacks);
      },
      ended: (client, reason) => {
        forget(client);
        changed(client);
        listener.ended(client, reason);
      },
      ...(listener.disconnected === undefined
        ? {}
        : { disconnected: listener.disconnected.bind(listener) }),
      ...(listener.takenOver === undefined ? {} : { takenOver: listener.takenOver.bind(listener) }),
      missed: () => {
        tails.missed();
        for (const client of [...known.keys()]) changed(client);
        listener.missed?.();
      },
      logAppended: (log) => {
        // The tail first: the followers woken below read what the notice announced.
        tails.appended(log);
        for (const client of [...(followers.get(log) ?? [])]) listener.appended(client);
        listener.logAppended?.(log);
      },
    });
  const followsOf = async (client: string): Promise<readonly LogFollow[]> => {
    const cached = known.get(client);
    if (cached !== undefined) return cached;
    let ask = asking.get(client);
    if (ask === undefined) asking.set(client, (ask = { stale: false, reads: 0 }));
    ask.reads++;
    let follows: readonly LogFollow[];
    try {
      follows = await store.logFollows(client);
    } finally {
      if (--ask.reads === 0) asking.delete(client);
    }
    if (!ask.stale) known.set(client, follows);
    return follows;
  };
  const enqueue = async (client: string, follow: LogFollow, range: LogRange): Promise<void> => {
    enqueuing.set(client, (enqueuing.get(client) ?? 0) + 1);
    let moved: boolean;
    try {
      moved = await store.logEnqueue(
        client,
        follow.callback,
        follow.next,
        range.to + 1,
        range.epoch,
        rangePayload(follow.callback, range),
      );
    } catch (error) {
      changed(client);
      throw error;
    } finally {
      const n = enqueuing.get(client)! - 1;
      if (n === 0) enqueuing.delete(client);
      else enqueuing.set(client, n);
    }
    settle(client, follow, range, moved);
  };
  /** After an enqueue of `range` for `follow`: where it moved the follow (or, not moved, ask the store next time). */
  const settle = (client: string, follow: LogFollow, range: LogRange, moved: boolean) => {
    const follows = known.get(client);
    if (!moved || follows === undefined) return changed(client);
    // Where this enqueue moved it (a follow notice since then dropped the list: asked again).
    known.set(
      client,
      follows.map((f) =>
        f.callback === follow.callback && f.next === follow.next
          ? { ...f, next: range.to + 1, epoch: range.epoch }
          : f,
      ),
    );
  };
  /** Enqueues the next range of each of `follows` not in `queued`, if its log has one; whether it tried any. */
  const pullAll = async (
    client: string,
    follows: readonly LogFollow[],
    max: number,
    slices: Map<string, LogSlice>,
    queued?: ReadonlySet<number>,
  ): Promise<boolean> => {
    let pulled = false;
    for (const follow of follows) {
      if (queued?.has(follow.callback) === true) continue;
      const range = await pull(store, tails, follow, Math.min(max, LOG_RANGE), slices);
      if (range === undefined) continue;
      // Queued here or, when the follow moved meanwhile, by another reader: either way the queue changed.
      await enqueue(client, follow, range);
      pulled = true;
    }
    return pulled;
  };
  wrapper.read = async (client, after, max, from) => {
    const slices = new Map<string, LogSlice>();
    let known = knownFollows(client);
    // Follows known here (the common case: a follower woken by an append): their new ranges are
    // enqueued first, so one read of the queue answers them and whatever else is queued (in one
    // call, where the store has `logEnqueueRead`).
    if (known !== undefined && known.length > 0) {
      const ranges: [LogFollow, LogRange][] = [];
      for (const follow of known) {
        const range = await pull(store, tails, follow, Math.min(max, LOG_RANGE), slices);
        if (range !== undefined) ranges.push([follow, range]);
      }
      if (ranges.length > 0 && store.logEnqueueRead !== undefined) {
        const { result, moved } = await enqueueRead(client, after, max, from, ranges);
        if (result.status !== 'live') return result;
        ranges.forEach(([follow, range], i) => settle(client, follow, range, moved[i] === true));
        remember(client, known);
        // A follow moved by a reader elsewhere: its ranges are in the queue, or past what was read.
        if (moved.every(Boolean)) return expand(tails, result, slices);
      } else for (const [follow, range] of ranges) await enqueue(client, follow, range);
      // An enqueue that found its follow moved forgot the follows: they are asked below.
      known = knownFollows(client);
    }
    let result = await readQueue(store, client, after, max, from);
    if (result.status !== 'live') return result;
    const follows = known ?? (await followsOf(client));
    remember(client, follows);
    if (follows.length === 0) return result;
    if (known === undefined && result.count < max) {
      // Follows just asked: a follow with a range still queued (not sent) gets no other one.
      const queued = new Set<number>();
      for (const text of result.events) {
        const entry = entryRange(text);
        if (entry !== undefined) queued.add(entry.callback);
      }
      if (await pullAll(client, follows, max, slices, queued))
        result = await readQueue(store, client, after, max, from);
      if (result.status !== 'live') return result;
    }
    return expand(tails, result, slices);
  };
  const enqueueRead = async (
    client: string,
    after: number,
    max: number,
    from: number | undefined,
    ranges: readonly (readonly [LogFollow, LogRange])[],
  ) => {
    try {
      return await store.logEnqueueRead!(
        client,
        after,
        max,
        from,
        ranges.map(([follow, range]) => ({
          callback: follow.callback,
          expect: follow.next,
          next: range.to + 1,
          epoch: range.epoch,
          payload: rangePayload(follow.callback, range),
        })),
      );
    } catch (error) {
      changed(client);
      throw error;
    }
  };
  return wrapper;
}

function readQueue(
  store: ClientStore,
  client: string,
  after: number,
  max: number,
  from: number | undefined,
): Promise<ReadResult> {
  return from === undefined ? store.read(client, after, max) : store.read(client, after, max, from);
}
