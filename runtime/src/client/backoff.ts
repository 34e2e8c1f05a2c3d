import type { BackoffOptions } from './connect-options.js';

/** The delays used when `ConnectOptions.backoff` leaves a field out. */
export const defaultBackoff: Required<BackoffOptions> = Object.freeze({
  initial: 250,
  max: 10_000,
  factor: 2,
  jitter: 0.5,
});

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
