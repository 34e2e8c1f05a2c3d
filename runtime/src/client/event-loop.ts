import { ContractError } from '../protocol/contract-error.js';
import { EVENT_ENDPOINTS } from '../protocol/messages.js';
import { backoffDelay } from './backoff.js';
import { isClientGone } from './client-gone.js';
import type { ClientSession } from './client-session.js';
import type { BackoffOptions } from './connect-options.js';
import type { EventsMode } from './connect-options.js';
import { dispatchEvents, type DispatchContext } from './dispatch-events.js';
import { Nap } from './nap.js';
import { parseAnswer } from './parse-answer.js';
import { readEventsAnswer } from './read-events-answer.js';
import type { StateCell } from './state-cell.js';

/** How long past its `wait` a poll may take before it counts as lost (a dead connection, a proxy that swallowed it), unless `timeout` is set. */
export const POLL_GRACE_MS = 10_000;

/** A pause of one timer turn. */
const YIELD = -1;

/** What the loop needs from its connection. */
export interface EventLoopContext {
  readonly session: ClientSession;
  readonly state: StateCell;
  readonly dispatch: DispatchContext;
  readonly mode: EventsMode;
  readonly pollInterval: number;
  /** The wait asked for; the server's grant caps it. */
  readonly wait: number;
  readonly backoff: BackoffOptions | undefined;
  /** How long past its wait a poll may take; default `POLL_GRACE_MS`. */
  readonly grace: number | undefined;
  /** Whether there is work: the connection is open and has callbacks. */
  readonly active: () => boolean;
  /** The server answered 410 (or, with auth, 403 `FOREIGN_CLIENT`: `error`) for `client`. */
  readonly expired: (client: string, error: ContractError) => void;
}

/**
 * The event channel over HTTP polling: one `GET _events` at a time, `after`
 * = the last seq delivered (which acknowledges everything up to it), then
 * dispatch, then at once again (long-poll mode, or poll mode after an answer
 * with events) or after `pollInterval` (poll mode, nothing new). A failed
 * poll (network, timeout, 5xx) is retried after an exponential backoff with
 * jitter, and since nothing was acknowledged, it is simply read again. The
 * loop runs while the connection has callbacks; `wake` starts it.
 */
export class EventLoop {
  #running = false;
  #failures = 0;
  /** The poll in flight, if any: `interrupt` aborts it. */
  #poll: AbortController | undefined;
  /**
   * Over a send that lets go of each request's signal (node:http), the
   * controller polls share until one aborts it: a busy client made one per
   * poll, and they showed in its profile.
   */
  #controller = new AbortController();
  /** Set by `interrupt` while a poll is in flight: its failure is not an outage. */
  #interrupted = false;
  readonly #nap = new Nap();

  constructor(private readonly c: EventLoopContext) {}

  /** Starts the loop unless it runs or has nothing to do (called on every registration). */
  wake(): void {
    if (this.#running || !this.c.active()) return;
    this.#running = true;
    void this.#run();
  }

  /**
   * Ends a parked poll or a pause, so the loop checks at once whether it
   * still has work (after close, or the last release). Nothing is lost: what
   * the poll would have brought stays unacknowledged on the server.
   */
  interrupt(): void {
    if (this.#poll !== undefined) {
      this.#interrupted = true;
      this.#poll.abort(new ContractError('UNAVAILABLE', 'The poll was interrupted.'));
    }
    this.#nap.end();
  }

  async #run(): Promise<void> {
    while (this.c.active()) {
      const pause = await this.#step();
      if (pause !== 0 && this.c.active()) await this.#nap.sleep(pause === YIELD ? 0 : pause);
    }
    // No await between the last check and this line: a registration now finds the loop stopped and wakes it.
    this.#running = false;
  }

  /** One poll; returns how long to pause before the next. */
  async #step(): Promise<number> {
    const { session } = this.c;
    // A poll that timed out, failed or was interrupted aborted the controller: the next one needs a fresh one.
    if (this.#controller.signal.aborted || !session.honorsAbort)
      this.#controller = new AbortController();
    const controller = (this.#poll = this.#controller);
    this.#interrupted = false;
    let client: string | undefined;
    try {
      client = await session.open();
      if (client === undefined)
        throw new ContractError(
          'NOT_IMPLEMENTED',
          'The server has no event channel (POST _open answered 404).',
        );
      const after = session.lastSeen;
      const wait = this.#waitMs();
      const raw = await session.request(
        `${EVENT_ENDPOINTS.events}?after=${after}&wait=${wait}`,
        'GET',
        client,
        undefined,
        {
          timeout: wait + (this.c.grace ?? POLL_GRACE_MS),
          controller,
        },
      );
      const answer = readEventsAnswer(parseAnswer(raw));
      // Closed or expired meanwhile: these events belong to no one now.
      if (session.id !== client || !this.c.active()) return 0;
      this.c.state.online();
      this.#failures = 0;
      // From the last seq delivered now, not the one polled with: a socket may have delivered some meanwhile.
      const before = session.lastSeen;
      const last = (session.lastSeen = dispatchEvents(answer, before, this.c.dispatch));
      if (last > before || last > after) return 0;
      // Nothing new: a heartbeat waits its interval; a long poll that came back empty (its wait ran
      // out, or a server that does not hold) yields to timers once, so it can never spin.
      return this.c.mode === 'poll' ? this.#pollIntervalMs() : YIELD;
    } catch (error) {
      if (this.#interrupted || session.closing.aborted) return 0;
      if (client !== undefined && isClientGone(error)) {
        this.c.expired(client, error);
        return 0;
      }
      this.c.state.offline(error);
      return backoffDelay(this.#failures++, this.c.backoff);
    } finally {
      this.#poll = undefined;
    }
  }

  /** Long polls ask for the configured wait, capped by the server's grant; heartbeat polls for none. */
  #waitMs(): number {
    if (this.c.mode === 'poll') return 0;
    const granted = this.c.session.granted.wait;
    return Math.max(
      0,
      Math.floor(granted === undefined ? this.c.wait : Math.min(this.c.wait, granted)),
    );
  }

  /** A heartbeat must come often enough to keep the client alive: at most half the server's ttl apart. */
  #pollIntervalMs(): number {
    const ttl = this.c.session.granted.ttl;
    return ttl === undefined ? this.c.pollInterval : Math.min(this.c.pollInterval, ttl / 2);
  }
}
