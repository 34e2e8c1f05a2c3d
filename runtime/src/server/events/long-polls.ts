import type { ClientEndReason } from '../../protocol/messages.js';
import type { ClientStore } from '../stores/client-store.js';
import { ReadResult } from '../stores/read-result.js';
import { NO_EVENTS, ParkedPoll, type LiveClient, type PollExpiry } from './live-client.js';
import { PeriodicGroups } from './periodic-group.js';

/** The request a poll answers, as far as parking needs it: told to call back when the caller goes away. */
export interface PollRequest {
  onClose(listener: () => void): void;
}

/** Whether a read found nothing to answer (a live client, no event, no gap). */
function isEmpty(result: ReadResult): boolean {
  return result.status === 'live' && result.count === 0 && result.gap === undefined;
}

/**
 * Parked polls woken per turn of the event loop. A publish to 1,000 clients
 * wakes 1,000 polls at once; woken all in one go, every answer is read and
 * built before the first byte goes out, and the clients wait with nothing to
 * do (the first event of a million-event fan-out arrived 0.5-1 s after the
 * publish). Woken this many at a time, the first answers leave at once and
 * the clients decode them while the server builds the next ones (about 80 ms).
 */
const WAKE_BATCH = 32;

/** The next turn of the event loop, after I/O (`setImmediate` where there is one). */
const nextTurn: (run: () => void) => void =
  typeof setImmediate === 'function'
    ? (run) => void setImmediate(run)
    : (run) => void setTimeout(run, 0);

/**
 * Long polls: a poll that finds no event parks until the store reports an
 * append for its client (answered one microtask later, so a burst published
 * in one go leaves in one answer) or its wait runs out. One parked poll per
 * client: a newer one makes the older answer `{"events":[]}` at once.
 */
export class LongPolls implements PollExpiry {
  /** Parked polls by the wait they were parked for, each group on one timer (`PeriodicGroup`). */
  readonly #waits = new PeriodicGroups<ParkedPoll>();
  /** Clients whose parked poll an append will wake, in order; `#woken` of them are done. */
  #toWake: (LiveClient | undefined)[] = [];
  #woken = 0;

  constructor(
    private readonly store: ClientStore,
    private readonly maxBatch: number,
    private readonly now: () => number,
    /** Told when a poll parks after its first read (not when a stale wake parks it again): a shared store's claim. */
    private readonly onParked?: (live: LiveClient, poll: ParkedPoll) => void,
  ) {}

  /**
   * Answers at once if there is anything to answer, else parks for up to
   * `wait` ms. Not an async function: a parked poll is what an idle client
   * costs, so it holds one promise and its `ParkedPoll`, not suspended frames.
   * `request.onClose` is told to call back when the caller goes away.
   */
  poll(live: LiveClient, after: number, wait: number, request: PollRequest): Promise<ReadResult> {
    const deadline = this.now() + wait;
    return new Promise<ReadResult>((resolve, reject) =>
      this.#first(live, new ParkedPoll(live, after, deadline, this, resolve, reject), request),
    );
  }

  /** The first read; parks when it finds nothing. */
  #first(live: LiveClient, poll: ParkedPoll, request: PollRequest): void {
    const seen = live.appends;
    let reading: Promise<ReadResult>;
    try {
      reading = this.store.read(live.id, poll.after, this.maxBatch);
    } catch (error) {
      return poll.fail(error);
    }
    reading.then(
      (result) => {
        if (!isEmpty(result)) return poll.answer(result);
        // An append reported while the read was under way may not be in it: read again rather than park past it.
        if (live.appends !== seen) return this.#first(live, poll, request);
        this.#park(live, poll);
        this.onParked?.(live, poll);
        // The caller went away: free the slot; the events stay queued for the next poll.
        request.onClose(() => {
          if (live.parked === poll) live.parked = undefined;
          poll.answer(NO_EVENTS);
        });
      },
      (error: unknown) => poll.fail(error),
    );
  }

  /**
   * The store reported an append for `live`: wake its parked poll after the
   * current task's other appends (in a microtask), `WAKE_BATCH` polls per
   * turn when many are woken at once.
   */
  appended(live: LiveClient): void {
    live.appends++;
    if (live.parked === undefined || live.wakeQueued) return;
    live.wakeQueued = true;
    if (this.#toWake.push(live) === 1) queueMicrotask(this.#wakeSome);
  }

  /** Wakes up to `WAKE_BATCH` queued polls, and the rest in later turns. A field: no closure per wake. */
  readonly #wakeSome = (): void => {
    const queue = this.#toWake;
    const end = Math.min(queue.length, this.#woken + WAKE_BATCH);
    for (; this.#woken < end; this.#woken++) {
      const live = queue[this.#woken] as LiveClient;
      queue[this.#woken] = undefined;
      live.wakeQueued = false;
      if (live.parked !== undefined) this.#wake(live, live.parked);
    }
    if (this.#woken < queue.length) return nextTurn(this.#wakeSome);
    this.#toWake = [];
    this.#woken = 0;
  };

  /** The client ended: its parked poll answers with the reason (a 410). */
  end(live: LiveClient, reason: ClientEndReason): void {
    const poll = live.parked;
    live.parked = undefined;
    poll?.answer(ReadResult.ended(reason));
  }

  /** The parked poll, if any, answers `error` now (`router.disconnect`); whether there was one. */
  interrupt(live: LiveClient, error: unknown): boolean {
    const poll = live.parked;
    if (poll === undefined) return false;
    live.parked = undefined;
    poll.fail(error);
    return true;
  }

  /** The server stops: the parked poll answers `{"events":[]}`. */
  release(live: LiveClient): void {
    const poll = live.parked;
    live.parked = undefined;
    poll?.answer(NO_EVENTS);
  }

  #park(live: LiveClient, poll: ParkedPoll): void {
    live.parked?.answer(NO_EVENTS);
    live.parked = poll;
    // Most polls wait `maxWait`: one timer for all of them.
    const group = this.#waits.for(Math.max(0, poll.deadline - this.now()));
    poll.group = group;
    group.add(poll);
  }

  /** A parked poll's wait ran out (its group's tick). */
  expired(live: LiveClient, poll: ParkedPoll): void {
    this.#wake(live, poll, true);
  }

  #wake(live: LiveClient, poll: ParkedPoll, timedOut = false): void {
    if (live.parked !== poll) return;
    live.parked = undefined;
    poll.unpark();
    const seen = live.appends;
    this.store.read(live.id, poll.after, this.maxBatch).then(
      (result) => {
        if (poll.done) return;
        // A wake with nothing new (another process's stale notice): wait on, unless time is up or a newer poll came.
        if (
          isEmpty(result) &&
          !timedOut &&
          poll.deadline > this.now() &&
          live.parked === undefined
        ) {
          this.#park(live, poll);
          if (live.appends !== seen) this.appended(live);
        } else poll.answer(result);
      },
      (error: unknown) => poll.fail(error),
    );
  }
}
