// The conformance service: conformance/contracts/ticker.ts implemented
// exactly as its comments say. Every client conformance suite runs against it.
import { Broadcast, ServiceError } from '@contract-gen/runtime/server';
import type { TickerEvents } from './contracts/ticker.js';
import type { TickerHandlers } from './generated/ticker.server.js';

/**
 * The largest burst `publish` sends. Not part of the contract: it keeps one
 * call from making the server loop for minutes (each subscription's queue is
 * bounded anyway).
 */
export const MAX_BURST = 1_000_000;

/**
 * A fresh Ticker: echo, add, and per-symbol subscriptions kept in
 * Broadcasts, which drop released subscriptions by themselves (so released
 * ones never count and never receive).
 */
export function createTickerService(): TickerHandlers {
  const symbols = new Map<string, Broadcast<TickerEvents>>();
  const subscriptionsOf = (symbol: string): Broadcast<TickerEvents> => {
    let subscriptions = symbols.get(symbol);
    if (subscriptions === undefined)
      symbols.set(symbol, (subscriptions = new Broadcast<TickerEvents>()));
    return subscriptions;
  };

  return {
    echo: (value) => value,

    add(a, b) {
      const sum = a + b;
      if (!Number.isSafeInteger(sum))
        throw new ServiceError('OVERFLOW', `${a} + ${b} is not a safe integer.`, { a, b });
      return sum;
    },

    subscribe(symbol, events) {
      return subscriptionsOf(symbol).add(events).size;
    },

    // Stand-in calls only queue events, so this returns without waiting for any client.
    publish(symbol, count) {
      if (count > MAX_BURST)
        throw new ServiceError('TOO_MANY', `publish sends at most ${MAX_BURST} ticks per call.`, {
          count,
        });
      const subscriptions = symbols.get(symbol);
      if (subscriptions === undefined || subscriptions.size === 0) return 0;
      for (let n = 1; n <= count; n++) subscriptions.tick(symbol, n, new Date());
      subscriptions.done(symbol, count);
      return subscriptions.size;
    },

    subscribers: (symbol) => symbols.get(symbol)?.size ?? 0,
  };
}
