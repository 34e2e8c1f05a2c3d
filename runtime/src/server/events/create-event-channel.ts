import type { FaultContext } from '../fault-context.js';
import type { RouterLimits, RouterOptions } from '../router-options.js';
import { observeChannelStore } from '../observe/observe-channel.js';
import { EventChannel } from './event-channel.js';
import { resolveEventOptions } from './event-options.js';
import { withLogs } from '../stores/log-feed.js';

/**
 * The router's event channel, or undefined when it is off (`events: false`,
 * or the router was given its own `callbacks` resolver). Throws a `TypeError`
 * at startup for options that contradict each other.
 */
export function createEventChannel(
  options: RouterOptions,
  limits: RouterLimits,
  fault: (error: unknown, where: FaultContext) => void,
  ended?: (client: string) => void,
): EventChannel | undefined {
  const perClient = options.services
    .filter((s) => s.lifetime === 'per-client')
    .map((s) => s.descriptor.name);
  if (options.callbacks !== undefined && options.events !== undefined && options.events !== false) {
    throw new TypeError(
      'contract-gen: give either `callbacks` (your own resolver) or `events` (the built-in event channel), not both',
    );
  }
  const off = options.events === false || options.callbacks !== undefined;
  if (off && perClient.length > 0) {
    throw new TypeError(
      `contract-gen: per-client services (${perClient.join(', ')}) need the event channel; do not turn \`events\` off`,
    );
  }
  if (off) return undefined;
  const events = options.events ?? {};
  // One setting, two spellings: `limits.maxQueue` (with the other limits) or `events.maxQueue` (beside the overflow policy).
  const maxQueue = options.limits?.maxQueue;
  if (maxQueue !== undefined && events.maxQueue !== undefined && maxQueue !== events.maxQueue) {
    throw new TypeError(
      `contract-gen: limits.maxQueue (${maxQueue}) and events.maxQueue (${events.maxQueue}) disagree; give one of them`,
    );
  }
  const resolved = resolveEventOptions({
    ...events,
    maxQueue: maxQueue ?? events.maxQueue ?? limits.maxQueue,
  });
  // Logs wrap the store first: reads answer log range entries, and metrics and traces see what is answered.
  const store = observeChannelStore(
    options,
    withLogs(resolved.store),
    () => channel.counts(),
    resolved.now,
  );
  const channel: EventChannel = new EventChannel(
    { ...resolved, store },
    { onRelease: options.onRelease, fault, ended },
    limits.maxCallbacksPerClient,
  );
  return channel;
}
