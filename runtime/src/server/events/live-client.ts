import type { ServiceRegistration } from '../define-service.js';
import { ReadResult } from '../stores/read-result.js';
import type { PeriodicGroup, PeriodicMember } from './periodic-group.js';
import { StandInTable } from './stand-in-table.js';

/** Told when a parked poll's wait runs out (`LongPolls`). */
export interface PollExpiry {
  expired(live: LiveClient, poll: ParkedPoll): void;
}

function ignore(): void {}

/**
 * A long poll waiting for events. While parked it waits in a
 * `PeriodicGroup` of the polls with the same wait (one timer for all of
 * them, not a timer and a closure per poll: a parked poll is most of what
 * an idle client costs).
 */
export class ParkedPoll implements PeriodicMember {
  /** The group it waits in, while parked. */
  group: PeriodicGroup<ParkedPoll> | undefined = undefined;
  #settle: ((result: ReadResult) => void) | undefined;
  #fail: (error: unknown) => void;

  constructor(
    readonly live: LiveClient,
    readonly after: number,
    /** When the wait runs out (the channel's clock). */
    readonly deadline: number,
    private readonly expiry: PollExpiry,
    resolve: (result: ReadResult) => void,
    reject: (error: unknown) => void,
  ) {
    this.#settle = resolve;
    this.#fail = reject;
  }

  /** Whether it has been answered (or its request went away). */
  get done(): boolean {
    return this.#settle === undefined;
  }

  /** Leaves its group: it no longer waits for its deadline. */
  unpark(): void {
    this.group?.delete(this);
    this.group = undefined;
  }

  /** The group's tick: the wait ran out. */
  tick(): void {
    this.unpark();
    this.expiry.expired(this.live, this);
  }

  /**
   * Answers once. Both settling functions are let go: the request's `close`
   * listener holds this poll until the answer is written out, and through
   * them it held the settled promise and so the read (for a 1,000-event read,
   * its pieces), which young-generation collections then copied and promoted.
   */
  answer(result: ReadResult): void {
    this.unpark();
    const settle = this.#settle;
    this.#settle = undefined;
    this.#fail = ignore;
    settle?.(result);
  }

  fail(error: unknown): void {
    if (this.#settle === undefined) return;
    this.unpark();
    const fail = this.#fail;
    this.#settle = undefined;
    this.#fail = ignore;
    fail(error);
  }
}

/**
 * What this process holds for one live client: the stand-ins it made, the
 * per-client service instances, the parked poll. Everything durable is in
 * the store; this is what cannot leave the process.
 */
export class LiveClient {
  readonly standIns = new StandInTable();
  instances: Map<ServiceRegistration, object> | undefined = undefined;
  parked: ParkedPoll | undefined = undefined;
  /** Whether it long-polled in this process (the admin page's transport column). */
  polls = false;
  /** Counts appends the store reported, so a poll sees one that lands between its read and its parking. */
  appends = 0;
  wakeQueued = false;

  constructor(readonly id: string) {}
}

/** The answer of a poll that had to give way (a newer poll, a closed request, a stopping server). */
export const NO_EVENTS: ReadResult = ReadResult.live([]);
