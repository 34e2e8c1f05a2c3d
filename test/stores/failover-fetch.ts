// A client-side stand-in for a load balancer in front of several server processes: each request goes
// to the next process in turn (no stickiness), and a process that refuses connections (it stopped
// listening: drained, killed) is skipped, as a load balancer's health check would.
import { WebSocket } from 'ws';
import type { WebSocketConstructor } from '../../runtime/src/client/index.js';
import { CLUSTER } from './feed-client.js';

/** Whether `error` is a refused connection (the process is not listening). */
function refused(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return cause?.code === 'ECONNREFUSED';
}

/** A `fetch` for `CLUSTER` URLs that alternates between `bases` and skips those that refuse connections. */
export function failoverFetch(bases: readonly string[], used: string[] = []): typeof fetch {
  let turn = 0;
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    let last: unknown;
    for (let tried = 0; tried < bases.length; tried++) {
      const base = bases[turn++ % bases.length] as string;
      try {
        const response = await fetch(url.replace(CLUSTER, base), init);
        used.push(base);
        return response;
      } catch (error) {
        if (!refused(error)) throw error;
        last = error;
      }
    }
    throw last;
  };
}

/** A WebSocket constructor for `CLUSTER` URLs: each socket to the next of `bases` (`live()` says which still listen). */
export function failoverWebSocket(
  bases: readonly string[],
  live: () => readonly string[] = () => bases,
): WebSocketConstructor {
  let turn = 0;
  return function (
    url: string,
    protocols?: string | string[],
    init?: { headers: Record<string, string> },
  ) {
    const up = live();
    const base = (up.length === 0 ? bases : up)[turn++ % (up.length || bases.length)] as string;
    return new WebSocket(
      url.replace(CLUSTER.replace(/^http/, 'ws'), base.replace(/^http/, 'ws')),
      protocols,
      init,
    );
  } as unknown as WebSocketConstructor;
}
