import type { RouterOptions } from '../router-options.js';
import type { ClientStore } from '../stores/client-store.js';
import { EventMetrics, type ChannelCounts } from './event-metrics.js';
import { observedStore } from './observed-store.js';

/**
 * The store the event channel uses: `store` itself when metrics and tracing
 * are off (nothing is counted, nothing wraps it), else `store` observed
 * (see `observedStore`). `counts` gives the channel's gauges.
 */
export function observeChannelStore(
  options: RouterOptions,
  store: ClientStore,
  counts: () => ChannelCounts,
  now?: () => number,
): ClientStore {
  const { metrics, tracing } = options;
  if (metrics === undefined && tracing === undefined) return store;
  const observer =
    metrics === undefined
      ? undefined
      : new EventMetrics(
          metrics.meter,
          counts,
          store.queueStats === undefined ? undefined : () => (store.queueStats as () => never)(),
          now,
        );
  return observedStore(store, observer, tracing?.tracer);
}
