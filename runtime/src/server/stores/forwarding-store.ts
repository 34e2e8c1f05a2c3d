import type { ClientStore } from './client-store.js';

/**
 * A plain object that forwards to `store`: each of its methods (own or
 * inherited, optional ones included) bound to it, and each other property
 * (such as `webhooks`) as it is. Wrappers (log feeds, metrics, tracing)
 * start from it and replace what they change, so a member they do not know
 * of still reaches the store.
 */
export function forwardingStore(store: ClientStore): ClientStore {
  const out: Record<string, unknown> = {};
  for (
    let proto: object | null = store;
    proto !== null && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === 'constructor' || key in out) continue;
      const value = (store as unknown as Record<string, unknown>)[key];
      if (typeof value === 'function')
        out[key] = (value as (...args: unknown[]) => unknown).bind(store);
      else if (value !== undefined) out[key] = value;
    }
  }
  return out as unknown as ClientStore;
}
