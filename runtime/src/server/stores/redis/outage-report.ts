/** While Redis stays unreachable, how often (ms) a summary of the failed reconnects is reported. */
export const OUTAGE_SUMMARY_EVERY = 60_000;

/**
 * Reports a Redis connection's trouble once per outage instead of once per
 * reconnect attempt: ioredis emits an 'error' for every failed attempt (every
 * few hundred ms while Redis is down), which would bury the log in identical
 * stack traces. The first error of an outage is reported as it is; the
 * repeats are counted and reported as one summary error at most every
 * `every` ms while the outage lasts; `recovered()` (the connection is ready
 * again) ends the outage, and the next error starts another.
 */
export class OutageReport {
  #first: { error: unknown; at: number } | undefined;
  #repeats = 0;
  #lastReport = 0;

  constructor(
    private readonly label: string,
    private readonly report: (error: unknown) => void,
    private readonly now: () => number = Date.now,
    private readonly every = OUTAGE_SUMMARY_EVERY,
  ) {}

  /** A connection error: reported if it starts an outage, else counted (and summarised when due). */
  failed(error: unknown): void {
    const now = this.now();
    if (this.#first === undefined) {
      this.#first = { error, at: now };
      this.#repeats = 0;
      this.#lastReport = now;
      this.report(error);
      return;
    }
    this.#repeats += 1;
    if (now - this.#lastReport < this.every) return;
    this.#lastReport = now;
    this.report(
      new Error(
        `contract-gen redis store: ${this.label} still unreachable after ${Math.round((now - this.#first.at) / 1000)} s: ${this.#repeats} more failed reconnects, the last: ${messageOf(error)}`,
        { cause: error },
      ),
    );
  }

  /** The connection is ready again: the outage is over. */
  recovered(): void {
    this.#first = undefined;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
