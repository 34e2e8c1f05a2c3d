import { say } from '../messages.js';

/**
 * Why `transport: 'auto'` moved the events to long polling, reported through
 * `onFallback`:
 * - `upgrade-failed`: the WebSocket upgrade failed twice in a row while HTTP
 *   works. Most often a proxy in front drops the `Upgrade` and `Connection`
 *   headers (the server then answers a plain `GET _ws` with `426
 *   UPGRADE_REQUIRED`), or a firewall blocks sockets;
 * - `short-lived`: sockets closed within 10 s of opening three times in a
 *   row (a proxy with a very short idle timeout, a flaky network).
 * Nothing is lost either way: long polling resumes after the last seq, and
 * WebSocket is tried again after `socketRetry` ms.
 */
export interface TransportFallback {
  readonly reason: 'upgrade-failed' | 'short-lived';
  /** A sentence for a log: what likely went wrong and where to look (in the browser build, its message id, `reason`: docs/errors.md words it). */
  readonly hint: string;
}

/** The report for `reason`. */
export function transportFallback(reason: TransportFallback['reason']): TransportFallback {
  return { reason, hint: say(reason) };
}

/** The default `onFallback`: one warning per connection, since nothing is lost but the app should know. */
export function warnFallbackOnce(): (fallback: TransportFallback) => void {
  let warned = false;
  return (fallback) => {
    if (warned) return;
    warned = true;
    console.warn(say('fell-back', fallback.reason, fallback.hint));
  };
}
