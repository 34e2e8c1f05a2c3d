import type { ClientEndReason } from '../../protocol/messages.js';
import type { ClientStore, ReadResult } from './client-store.js';
import { NO_EVENTS, ParkedPoll, type LiveClient } from './live-client.js';

/** Whether a read found nothing to answer (a live client, no event, no gap). */
function isEmpty(result: ReadResult): boolean {
  return result.status === 'live' && result.events.length === 0 && result.gap === undefined;
}

/**
 * Long polls: a poll that finds no event parks until the store reports an
 * append for its client (answered one microtask later, so a burst published
 * in one go leaves in one answer) or its wait runs out. One parked poll per
 * client: a newer one makes the older answer `{"events":[]}` at once.
 */
export class LongPolls {
  constructor(
    private readonly store: ClientStore,
    private readonly maxBatch: number,
    private readonly now: () => number,
  ) {}

  /** Answers at once if there is anything to answer, else parks for up to `wait` ms. */
  async poll(live: LiveClient, after: number, wait: number, onClose: (listener: () => void) => void): Promise<ReadResult> {
    const deadline = this.now() + wait;
    let result: ReadResult;
    let seen: number;
    do {
      seen = live.appends;
      result = await this.store.read(live.id, after, this.maxBatch);
      // An append reported while the read was under way may not be in it: read again rather than park past it.
    } while (isEmpty(result) && live.appends !== seen);
    if (!isEmpty(result)) return result;
    return new Promise<ReadResult>((resolve, reject) => {
      const poll = new ParkedPoll(live.id, after, deadline, resolve, reject);
      this.#park(live, poll);
      // The caller went away: free the slot; the events stay queued for the next poll.
      onClose(() => {
        if (live.parked === poll) live.parked = undefined;
        poll.answer(NO_EVENTS);
      });
    });
  }

  /** The store reported an append for `live`: wake its parked poll after the current task's other appends. */
  appended(live: LiveClient): void {
    live.appends++;
    if (live.parked === undefined || live.wakeQueued) return;
    live.wakeQueued = true;
    queueMicrotask(() => {
      live.wakeQueued = false;
      if (live.parked !== undefined) this.#wake(live, live.parked);
    });
  }

  /** The client ended: its parked poll answers with the reason (a 410). */
  end(live: LiveClient, reason: ClientEndReason): void {
    const poll = live.parked;
    live.parked = undefined;
    poll?.answer({ status: reason });
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
    poll.timer = setTimeout(() => this.#wake(live, poll, true), Math.max(0, poll.deadline - this.now()));
  }

  #wake(live: LiveClient, poll: ParkedPoll, timedOut = false): void {
    if (live.parked !== poll) return;
    live.parked = undefined;
    clearTimeout(poll.timer);
    const seen = live.appends;
    this.store.read(live.id, poll.after, this.maxBatch).then(
      (result) => {
        if (poll.done) return;
        // A wake with nothing new (another process's stale notice): wait on, unless time is up or a newer poll came.
        if (isEmpty(result) && !timedOut && poll.deadline > this.now() && live.parked === undefined) {
          this.#park(live, poll);
          if (live.appends !== seen) this.appended(live);
        } else poll.answer(result);
      },
      (error: unknown) => poll.fail(error),
    );
  }
}
