// A hand-written contract in the shape contract-gen generates (docs/internals.md),
// for the client's event-channel tests against the fake server.
import type { Connection } from '../../../runtime/src/client/index.js';
import * as s from '../../../runtime/src/schema/index.js';

export interface TickerEvents {
  tick(symbol: string, n: number, at: Date): void;
  done(symbol: string, total: number): void;
}

export const TickerEventsCallback = s.callbackInterface('TickerEvents', {
  tick: [s.string(), s.number(), s.date()],
  done: [s.string(), s.number()],
});

export const TickerService = s.service('Ticker', {
  subscribe: s.method([s.string(), s.callback(TickerEventsCallback)], s.number()),
  ping: s.method([], s.string()),
});

export interface Ticker {
  subscribe(symbol: string, events: TickerEvents): Promise<number>;
  ping(): Promise<string>;
}

export function tickerClient(conn: Connection): Ticker {
  return {
    subscribe: (symbol, events) => conn.call<number>(TickerService, 'subscribe', [symbol, events]),
    ping: () => conn.call<string>(TickerService, 'ping', []),
  };
}

/** A TickerEvents that records what it receives as `tick:SYM:n` / `done:SYM:total`. */
export function recorder(): TickerEvents & { readonly seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    tick: (symbol, n, at) => {
      if (!(at instanceof Date)) throw new Error('at is not a Date');
      seen.push(`tick:${symbol}:${n}`);
    },
    done: (symbol, total) => void seen.push(`done:${symbol}:${total}`),
  };
}

/** Resolves once `check` holds, polling every few ms; fails after `ms`. */
export async function until(check: () => boolean, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
