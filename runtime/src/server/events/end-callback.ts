import { EventChannel } from './event-channel.js';
import { standInState } from './stand-in.js';

/**
 * Ends a callback from the server's side: its client gets a release notice
 * with `reason` (default `ended`) after every event queued for it, and the
 * stand-in is released as if the client had released it (release hooks run,
 * broadcasts and topics drop it). The contract-gen client reports the notice
 * through `onReleased`. A `TypeError` for anything but a stand-in; nothing
 * for one released already.
 *
 * ```ts
 * await endCallback(events, 'feed-closed');
 * ```
 */
export function endCallback(standIn: object, reason = 'ended'): Promise<void> {
  const sink = standInState(standIn)?.sink;
  if (!(sink instanceof EventChannel))
    return Promise.reject(
      new TypeError(
        'contract-gen: endCallback() takes a callback stand-in (a callback argument a handler received).',
      ),
    );
  return sink.endCallback(standIn, reason);
}
