/** How a sender retries an endpoint that does not acknowledge (docs/webhooks.md). */
export interface WebhookRetryOptions {
  /** The first retry's delay, in ms. Default 1,000. */
  readonly firstMs?: number;
  /** The longest delay between two attempts, in ms. Default 3,600,000 (an hour). */
  readonly maxMs?: number;
  /**
   * How long after the first failed attempt of a batch the sender keeps
   * trying, in ms; then the endpoint is marked failing (`onFailing`) and
   * nothing more is sent until `resume`. Default 259,200,000 (three days).
   */
  readonly horizonMs?: number;
}

/** The retry options with their defaults. */
export type RetrySchedule = Required<WebhookRetryOptions>;

export function retrySchedule(options: WebhookRetryOptions = {}): RetrySchedule {
  return {
    firstMs: options.firstMs ?? 1000,
    maxMs: options.maxMs ?? 3_600_000,
    horizonMs: options.horizonMs ?? 259_200_000,
  };
}

/**
 * The delay before attempt `failures + 1`: doubling from `firstMs` up to
 * `maxMs`, each drawn between half and all of it (jitter, so endpoints
 * that failed together do not retry together).
 */
export function retryDelay(
  schedule: RetrySchedule,
  failures: number,
  random = Math.random,
): number {
  const full = Math.min(schedule.maxMs, schedule.firstMs * 2 ** Math.min(failures - 1, 40));
  return Math.round(full * (0.5 + random() * 0.5));
}
