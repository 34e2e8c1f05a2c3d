import type { BackoffOptions } from './connect-options.js';

/** The delays used when `ConnectOptions.backoff` leaves a field out. */
export const defaultBackoff: Required<BackoffOptions> = Object.freeze({
  initial: 250,
  max: 10_000,
  factor: 2,
  jitter: 0.5,
  quick: 30_000,
});

/** The longest pause between retries in the first `BackoffOptions.quick` ms of an outage. */
export const QUICK_RETRY_MS = 1_000;

/**
 * The delay before retry `attempt` (0 for the first retry): exponential,
 * capped, with "equal jitter" (a random part of at most `jitter` of the
 * delay), so a server that comes back is not hit by every client at once
 * (the thundering herd) yet no retry comes sooner than half the curve.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const { initial, max, factor, jitter } = { ...defaultBackoff, ...options };
  const base = Math.min(max, initial * factor ** Math.min(attempt, 64));
  return base * (1 - jitter * Math.random());
}

/**
 * The pause before retry `attempt` of an outage that began at `since`
 * (`Date.now()` ms): `backoffDelay`, but at most `QUICK_RETRY_MS` while the
 * outage is younger than `options.quick`. A restarting server is usually
 * back within seconds, and the client should notice within a second; a long
 * outage still backs off to `max`.
 */
export function outageDelay(attempt: number, since: number, options: BackoffOptions = {}): number {
  const delay = backoffDelay(attempt, options);
  const quick = options.quick ?? defaultBackoff.quick;
  return Date.now() - since < quick ? Math.min(delay, QUICK_RETRY_MS) : delay;
}
