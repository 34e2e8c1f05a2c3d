// The client conformance cases for the Ticker contract (conformance/contracts/ticker.ts).
// Written once, run everywhere: each case takes the base URL of a running
// conformance server and uses only the generated client and the client
// runtime, so Node, Chromium, Deno and Bun run these same cases with a
// runner of their own (ticker-suite.ts is the vitest one).
import {
  connect,
  ServiceError,
  type Connection,
  type ConnectOptions,
  type WebSocketConstructor,
  type WebSocketLike,
} from '@contract-gen/runtime/client';
import type { Sample, Ticker, TickerEvents } from '../../conformance/contracts/ticker.js';
import { tickerClient } from '../../conformance/generated/ticker.client.js';
import { check, checkEqual, checkRejects, sleep, waitFor } from './check.js';

/**
 * One named case: `run` resolves when it passes and throws an Error saying
 * what failed. `options` are given to every connection the case opens (the
 * transport to test: `{ transport: 'websocket', WebSocket }`, or
 * `{ transport: 'long-poll' }`); a case that picks an event mode of its own
 * keeps it unless the run asks for WebSocket.
 */
export interface ConformanceCase {
  readonly name: string;
  run(baseUrl: string, options?: ConnectOptions): Promise<void>;
}

/** What a case opens connections with. */
type Open = (options?: ConnectOptions) => { conn: Connection; ticker: Ticker };

/** A TickerEvents that records `tick n` / `done total` per call, checking the symbol and the Date. */
export interface Recorder extends TickerEvents {
  readonly seen: string[];
}

function recorder(symbol: string): Recorder {
  const seen: string[] = [];
  return {
    seen,
    tick(s, n, at) {
      seen.push(
        s === symbol && at instanceof Date && !Number.isNaN(at.getTime())
          ? `tick ${n}`
          : `bad tick ${s} ${String(at)}`,
      );
    },
    done(s, total) {
      seen.push(s === symbol ? `done ${total}` : `bad done ${s}`);
    },
  };
}

/** What one burst of `publish(symbol, count)` must deliver to each subscription. */
function burst(count: number): string[] {
  return [...Array.from({ length: count }, (_, i) => `tick ${i + 1}`), `done ${count}`];
}

/** A symbol of its own per run, so cases never see each other's subscriptions on a shared server. */
function uniqueSymbol(label: string): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Opens connections for a case (with the run's `base` options) and closes them all afterwards, pass or fail. */
async function withClients(
  baseUrl: string,
  base: ConnectOptions = {},
  body: (open: Open) => Promise<void>,
): Promise<void> {
  const opened: Connection[] = [];
  try {
    await body((options = {}) => {
      const merged: ConnectOptions = { ...base, ...options };
      const pinned = options.events !== undefined && base.transport !== 'websocket';
      const conn = connect(baseUrl, pinned ? { ...merged, transport: options.events } : merged);
      opened.push(conn);
      return { conn, ticker: tickerClient(conn) };
    });
  } finally {
    await Promise.all(opened.map((conn) => conn.close()));
  }
}

/** Waits until every recorder holds the whole burst, then a little longer, and checks nothing came twice or out of order. */
async function expectBursts(
  recorders: readonly Recorder[],
  count: number,
  label: string,
): Promise<void> {
  const expected = burst(count);
  await waitFor(
    () => recorders.every((r) => r.seen.length >= expected.length),
    `${label}: ${count + 1} events per subscription`,
    10_000,
    // Slow delivery on a busy machine is not a failure; delivery that stops is.
    () => recorders.reduce((sum, r) => sum + r.seen.length, 0),
  );
  await sleep(50); // a duplicate would arrive right behind
  recorders.forEach((r, i) => checkEqual(r.seen, expected, `${label}: subscription ${i + 1}`));
}

const leaf: Sample = {
  text: '',
  count: 0,
  big: 0n,
  at: new Date(0),
  bytes: new Uint8Array(),
  tags: [],
  kind: 'a',
  pair: ['', 0],
  attrs: {},
  nested: null,
};

/** A Sample with every encoding: a bigint beyond 2^53, dates, bytes (and empty bytes), a tuple, a record, a nested Sample and null. */
export const sample: Sample = {
  text: 'héllo ✓ "quoted" \n',
  count: -12.5,
  big: 2n ** 64n + 1n,
  at: new Date('2024-02-29T23:59:59.123Z'),
  bytes: new Uint8Array([0, 1, 127, 128, 254, 255]),
  tags: ['a', 'b', ''],
  kind: 'b',
  pair: ['p', 3],
  attrs: { on: true, off: false },
  nested: { ...leaf, big: -(2n ** 70n), text: 'inner' },
};

export const tickerCases: readonly ConformanceCase[] = [
  {
    name: 'echo round-trips a Sample with every wire encoding',
    run: (baseUrl, base) =>
      withClients(baseUrl, base, async (open) => {
        const { ticker } = open();
        checkEqual(await ticker.echo(sample), sample, 'echo(sample)');
        const { nested: _, ...flat } = sample;
        checkEqual(await ticker.echo(flat), flat, 'echo(sample without nested)');
        checkEqual(await ticker.echo(leaf), leaf, 'echo(sample with empty bytes and nested null)');
      }),
  },
  {
    name: 'add returns the sum, and fails with OVERFLOW (422) when it is not a safe integer',
    run: (baseUrl, base) =>
      withClients(baseUrl, base, async (open) => {
        const { ticker } = open();
        checkEqual(await ticker.add(2, 40), 42, 'add(2, 40)');
        checkEqual(await ticker.add(-1.5, 0.5), -1, 'add(-1.5, 0.5)');
        const error = await checkRejects(
          ticker.add(Number.MAX_SAFE_INTEGER, 1),
          { code: 'OVERFLOW', status: 422 },
          'add(MAX_SAFE_INTEGER, 1)',
        );
        check(error instanceof ServiceError, 'add(MAX_SAFE_INTEGER, 1): expected a ServiceError');
      }),
  },
  {
    name: 'a bad argument is refused with 400 BAD_ARGUMENT and its path',
    run: (baseUrl, base) =>
      withClients(baseUrl, base, async (open) => {
        const { ticker } = open();
        await checkRejects(
          ticker.add('two' as unknown as number, 1),
          { code: 'BAD_ARGUMENT', status: 400, path: 'args[0]' },
          'add("two", 1)',
        );
        const badTags = { ...sample, tags: ['ok', 7] as unknown as string[] };
        await checkRejects(
          ticker.echo(badTags),
          { code: 'BAD_ARGUMENT', status: 400, path: 'args[0].tags[1]' },
          'echo(tags with a number)',
        );
      }),
  },
  {
    name: 'subscribe returns the live count, and one client may subscribe several callbacks',
    run: (baseUrl, base) =>
      withClients(baseUrl, base, async (open) => {
        const symbol = uniqueSymbol('count');
        const first = open().ticker;
        checkEqual(await first.subscribe(symbol, recorder(symbol)), 1, 'first subscribe');
        checkEqual(
          await first.subscribe(symbol, recorder(symbol)),
          2,
          'second subscribe, same client',
        );
        checkEqual(
          await open().ticker.subscribe(symbol, recorder(symbol)),
          3,
          'subscribe from another client',
        );
        checkEqual(await first.subscribers(symbol), 3, 'subscribers');
      }),
  },
  {
    name: 'publish(symbol, 1000) delivers ticks 1..1000 and done to every subscription once, in order (long polling)',
    run: (baseUrl, base) => publishCase(baseUrl, { events: 'long-poll' }, base),
  },
  {
    name: 'publish(symbol, 1000) delivers ticks 1..1000 and done to every subscription once, in order (heartbeat polling)',
    run: (baseUrl, base) => publishCase(baseUrl, { events: 'poll', pollInterval: 50 }, base),
  },
  {
    name: 'release stops delivery at once and subscribers() drops',
    run: (baseUrl, base) =>
      withClients(baseUrl, base, async (open) => {
        const symbol = uniqueSymbol('release');
        const { conn, ticker } = open();
        const [kept, dropped] = [recorder(symbol), recorder(symbol)];
        await ticker.subscribe(symbol, kept);
        await ticker.subscribe(symbol, dropped);
        await conn.release(dropped);
        checkEqual(await ticker.subscribers(symbol), 1, 'subscribers after release');
        checkEqual(await ticker.publish(symbol, 10), 1, 'publish reach after release');
        await expectBursts([kept], 10, 'kept subscription');
        checkEqual(dropped.seen, [], 'released subscription');
      }),
  },
  {
    name: 'a client offline while 1,000 events are published receives all of them on return, once each, in order',
    run: (baseUrl, base) =>
      withClients(baseUrl, base, async (open) => {
        const symbol = uniqueSymbol('offline');
        const cut = cuttableNetwork(
          '/_events',
          base?.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket,
        );
        const socket = cut.WebSocket === undefined ? {} : { WebSocket: cut.WebSocket };
        const { conn, ticker } = open({
          fetch: cut.fetch,
          ...socket,
          backoff: { initial: 20, max: 200 },
        });
        const events = recorder(symbol);
        await ticker.subscribe(symbol, events);
        cut.cut(true);
        await waitFor(() => conn.state === 'offline', 'the cut client goes offline');
        checkEqual(await open().ticker.publish(symbol, 1_000), 1, 'publish reach while offline');
        await sleep(100);
        checkEqual(events.seen, [], 'events while offline');
        cut.cut(false);
        await expectBursts([events], 1_000, 'after return');
        checkEqual(conn.state, 'online', 'state after return');
      }),
  },
];

/**
 * A `fetch` whose requests to paths containing `part` fail as on a lost
 * network while cut, those in flight (a parked long poll) included; and a
 * WebSocket (when the run has one) whose sockets close when cut and fail to
 * connect while cut.
 */
function cuttableNetwork(
  part: string,
  Base: WebSocketConstructor | undefined,
): { fetch: typeof fetch; WebSocket?: WebSocketConstructor; cut(on: boolean): void } {
  let cut = false;
  const sockets = new Set<WebSocketLike>();
  const CutSocket = function (
    url: string,
    protocols?: string | string[],
    init?: { headers: Record<string, string> },
  ): WebSocketLike {
    const target = cut ? url.replace(/\/_ws$/, '/_cut') : url; // no such endpoint: the upgrade fails
    const socket =
      init === undefined
        ? new (Base as WebSocketConstructor)(target, protocols)
        : new (Base as WebSocketConstructor)(target, protocols, init);
    sockets.add(socket);
    return socket;
  } as unknown as WebSocketConstructor;
  const inFlight = new Set<(error: Error) => void>();
  const fetchCut: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.includes(part)) return globalThis.fetch(input, init);
    if (cut) return Promise.reject(new TypeError('network cut by the test'));
    return new Promise<Response>((resolve, reject) => {
      inFlight.add(reject);
      globalThis
        .fetch(input, init)
        .then(resolve, reject)
        .finally(() => inFlight.delete(reject));
    });
  };
  return {
    fetch: fetchCut,
    ...(Base === undefined ? {} : { WebSocket: CutSocket }),
    cut(on) {
      cut = on;
      if (!on) return;
      for (const reject of inFlight) reject(new TypeError('network cut by the test'));
      for (const socket of sockets) socket.close();
      sockets.clear();
    },
  };
}

async function publishCase(
  baseUrl: string,
  options: ConnectOptions,
  base: ConnectOptions | undefined,
): Promise<void> {
  await withClients(baseUrl, base, async (open) => {
    const symbol = uniqueSymbol('publish');
    const a = open(options);
    const b = open(options);
    checkEqual(
      a.conn.transport,
      base?.transport === 'websocket' ? 'websocket' : options.events,
      'transport',
    );
    const subscriptions = [recorder(symbol), recorder(symbol), recorder(symbol)];
    await a.ticker.subscribe(symbol, subscriptions[0] as Recorder);
    await a.ticker.subscribe(symbol, subscriptions[1] as Recorder);
    await b.ticker.subscribe(symbol, subscriptions[2] as Recorder);
    checkEqual(await open().ticker.publish(symbol, 1_000), 3, 'publish reach');
    await expectBursts(subscriptions, 1_000, 'publish');
  });
}
