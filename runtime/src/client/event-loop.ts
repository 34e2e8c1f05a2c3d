import { ContractError } from '../protocol/contract-error.js';
import { EVENT_ENDPOINTS } from '../protocol/messages.js';
import { outageDelay } from './backoff.js';
import { isClientGone } from './client-gone.js';
import type { ChannelContext } from './channel-context.js';
import type { EventsMode } from './connect-options.js';
import { dispatchEvents } from './dispatch-events.js';
import { parseAnswer } from './parse-answer.js';
import { readEventsAnswer } from './read-events-answer.js';
import { retryLoop, type RetryLoop } from './retry-loop.js';
import { say } from '../messages.js';

/** How long past its `wait` a poll may take before it counts as lost (a dead connection, a proxy that swallowed it), unless `timeout` is set. */
export const POLL_GRACE_MS = 10_000;

/**
 * The event channel over HTTP polling: one `GET _events` at a time, `after`
 * = the last seq delivered (which acknowledges everything up to it), then
 * dispatch, then at once again (long-poll mode, or poll mode after an answer
 * with events) or after `pollInterval` (poll mode, nothing new). A failed
 * poll (network, timeout, 5xx) is retried after an exponential backoff with
 * jitter, and since nothing was acknowledged, it is simply read again. The
 * loop runs while `active()` (the connection has callbacks and its events
 * do not go over a socket); `wake` starts it, and
 * `interrupt` ends a parked poll or a pause, so the loop checks at once
 * whether it still has work (after close, or the last release). Nothing is
 * lost then: what the poll would have brought stays unacknowledged.
 */
export function createEventLoop(
  c: ChannelContext,
  mode: EventsMode,
  active: () => boolean,
): RetryLoop {
  const { session, state, options } = c;
  const asked = options.wait ?? 20_000;
  let failures = 0;
  /** When the failures in a row began (`Date.now()`). */
  let outageSince = 0;
  /** The poll in flight, if any: `interrupt` aborts it. */
  let poll: AbortController | undefined;
  /**
   * Over a send that lets go of each request's signal (node:http), the
   * controller polls share until one aborts it: a busy client made one per
   * poll, and they showed in its profile.
   */
  let controller = new AbortController();
  /** Set by `interrupt` while a poll is in flight: its failure is not an outage. */
  let interrupted = false;

  /** One poll; returns how long to pause before the next (-1: one timer turn). */
  async function step(): Promise<number> {
    // A poll that timed out, failed or was interrupted aborted the controller: the next one needs a fresh one.
    if (controller.signal.aborted || !session.honorsAbort) controller = new AbortController();
    const own = (poll = controller);
    interrupted = false;
    let client: string | undefined;
    try {
      client = await session.open();
      if (client === undefined) throw new ContractError('NOT_IMPLEMENTED', say('no-event-channel'));
      // What a session store has not saved yet is not acknowledged (it would be lost if the process died now).
      const saving = c.settled?.();
      if (saving !== undefined) await saving;
      const after = session.ackSeq();
      const { wait: granted, ttl } = session.granted;
      // Long polls ask for the configured wait, capped by the server's grant; heartbeat polls for none. After a
      // failure a heartbeat comes first, answered at once: the state is online as soon as the server answers
      // again, not when a held poll's wait runs out.
      const held = mode === 'poll' ? 0 : Math.max(0, Math.floor(Math.min(asked, granted ?? asked)));
      const wait = failures > 0 ? 0 : held;
      const raw = await session.request(
        `${EVENT_ENDPOINTS.events}?after=${after}&wait=${wait}`,
        'GET',
        client,
        undefined,
        // The probe keeps a long poll's time limit: a slow answer is no reason to take the server for down again.
        held + (options.timeout ?? POLL_GRACE_MS),
        own,
      );
      const answer = readEventsAnswer(parseAnswer(raw));
      // Closed or expired meanwhile: these events belong to no one now.
      if (session.id !== client || !active()) return 0;
      state.online();
      failures = 0;
      // From the last seq delivered now, not the one polled with: a socket may have delivered some meanwhile.
      const before = session.lastSeen;
      const last = (session.lastSeen = dispatchEvents(answer, before, c.dispatch));
      if (last > before || last > after) return 0;
      // Nothing new: a heartbeat waits its interval (at most half the server's ttl, to keep the client
      // alive); a long poll that came back empty (its wait ran out, or a server that does not hold)
      // yields to timers once, so it can never spin.
      return mode === 'poll' ? Math.min(options.pollInterval ?? 500, (ttl ?? Infinity) / 2) : -1;
    } catch (error) {
      if (interrupted || session.closing.aborted) return 0;
      if (client !== undefined && isClientGone(error)) {
        // The server answered: it is reachable, though it no longer knows this client.
        state.online();
        failures = 0;
        c.expired(client, error);
        return 0;
      }
      state.offline(error);
      if (failures === 0) outageSince = Date.now();
      return outageDelay(failures++, outageSince, options.backoff);
    } finally {
      poll = undefined;
    }
  }

  const loop = retryLoop(active, step);
  return {
    wake: loop.wake,
    interrupt() {
      if (poll !== undefined) {
        interrupted = true;
        poll.abort(new ContractError('UNAVAILABLE', say('poll-interrupted')));
      }
      loop.interrupt();
    },
  };
}
