import type { ServiceRegistration } from '../define-service.js';
import type { ReadResult } from './client-store.js';
import { StandInTable } from './stand-in-table.js';

/** A long poll waiting for events. */
export class ParkedPoll {
  timer: ReturnType<typeof setTimeout> | undefined = undefined;
  #settle: ((result: ReadResult) => void) | undefined;
  #fail: (error: unknown) => void;

  constructor(
    readonly client: string,
    readonly after: number,
    /** When the wait runs out (the channel's clock). */
    readonly deadline: number,
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

  answer(result: ReadResult): void {
    clearTimeout(this.timer);
    const settle = this.#settle;
    this.#settle = undefined;
    settle?.(result);
  }

  fail(error: unknown): void {
    if (this.#settle === undefined) return;
    clearTimeout(this.timer);
    this.#settle = undefined;
    this.#fail(error);
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
  /** Counts appends the store reported, so a poll sees one that lands between its read and its parking. */
  appends = 0;
  wakeQueued = false;

  constructor(readonly id: string) {}
}

/** The answer of a poll that had to give way (a newer poll, a closed request, a stopping server). */
export const NO_EVENTS: ReadResult = Object.freeze({ status: 'live', events: Object.freeze([]) as readonly string[] });
