// The test's side of fixtures/store-server.mjs: a real `connect()` client subscribed to the feed,
// a publisher that sends a burst in chunks, and a fetch and a WebSocket that alternate between servers.
import { WebSocket } from 'ws';
import {
  connect,
  type Connection,
  type ConnectOptions,
  type EventError,
  type EventGap,
  type WebSocketConstructor,
} from '../../runtime/src/client/index.js';
import { FeedService, RoomService } from './feed.js';

/** A subscribed client and what it received. */
export interface FeedClient {
  readonly conn: Connection;
  /** The callback object passed to `subscribe` and `join`. */
  readonly events: object;
  /** Every `n` of `item(n)`, in the order delivered. */
  readonly received: number[];
  readonly gaps: EventGap[];
  readonly errors: EventError[];
  /** Subscribes (again); answers the port of the process that holds the subscription. */
  subscribe(): Promise<number>;
  /** Joins the store-backed topic (the `Room` service); answers the port of the process the call landed on. */
  join(): Promise<number>;
  /** Releases the callback (it leaves every subscription and topic). */
  release(): Promise<void>;
}

/** A client of `base` that keeps polling through outages (short backoff, so the tests stay quick). */
export function feedClient(base: string, options: Partial<ConnectOptions> = {}): FeedClient {
  const received: number[] = [];
  const gaps: EventGap[] = [];
  const errors: EventError[] = [];
  const conn = connect(base, {
    backoff: { initial: 25, max: 250, jitter: 0 },
    onGap: (gap) => void gaps.push(gap),
    onEventError: (error) => void errors.push(error),
    ...options,
  });
  const events = { item: (n: number) => void received.push(n) };
  return {
    conn,
    events,
    received,
    gaps,
    errors,
    subscribe: () => conn.call<number>(FeedService, 'subscribe', [events]),
    join: () => conn.call<number>(RoomService, 'join', [events]),
    release: () => conn.release(events),
  };
}

/** How far a burst got: `returned` is the last n whose publish call answered, `sent` the last n asked for. */
export interface Burst {
  returned: number;
  sent: number;
}

/**
 * Publishes item(1) .. item(total) in calls of `chunk` events to `url`, one
 * call after another, until all are sent or a call fails (the server died).
 * `afterChunk` runs after each call that answered.
 */
export async function publishBurst(
  url: string,
  total: number,
  chunk: number,
  afterChunk: (burst: Burst) => void = () => {},
  service = 'Feed',
): Promise<Burst> {
  const burst: Burst = { returned: 0, sent: 0 };
  for (let from = 1; from <= total; from += chunk) {
    const count = Math.min(chunk, total - from + 1);
    burst.sent = from + count - 1;
    if ((await publish(url, from, count, service)) !== burst.sent) break;
    burst.returned = burst.sent;
    afterChunk(burst);
  }
  return burst;
}

/** One publish call; its answer (the last n), or undefined when it failed. */
export async function publish(
  url: string,
  from: number,
  count: number,
  service = 'Feed',
): Promise<number | undefined> {
  try {
    const response = await fetch(`${url}/${service}/publish`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([from, count]),
    });
    const body = (await response.json()) as { result?: number };
    return response.ok ? body.result : undefined;
  } catch {
    return undefined;
  }
}

/** One request the alternating fetch sent: to which server, what, when (performance.now() as it left), and how many events its answer carried. */
export interface Routed {
  readonly base: string;
  readonly path: string;
  readonly sent: number;
  readonly events: number;
}

/** The address a client of `alternatingFetch` is given; each request goes to the next base instead. */
export const CLUSTER = 'http://cluster.invalid';

/** Holds requests while shut, as a slow network would: the client keeps polling, its polls just do not get through. */
export class Gate {
  #shut: { promise: Promise<void>; open: () => void } | undefined;

  shut(): void {
    let open!: () => void;
    this.#shut ??= { promise: new Promise<void>((resolve) => (open = resolve)), open };
  }

  open(): void {
    this.#shut?.open();
    this.#shut = undefined;
  }

  /** Resolves when the gate is open. */
  async pass(): Promise<void> {
    while (this.#shut !== undefined) await this.#shut.promise;
  }
}

/**
 * A `fetch` that sends each request to the next of `bases` in turn, with no
 * stickiness at all (a round-robin load balancer). Logs every answer. Polls
 * (`_events`) wait at `gate` first, if given.
 */
export function alternatingFetch(
  bases: readonly string[],
  log: Routed[],
  gate?: Gate,
): typeof fetch {
  let turn = 0;
  return async (input, init) => {
    if (
      gate !== undefined &&
      String(input instanceof Request ? input.url : input).includes('/_events')
    )
      await gate.pass();
    const base = bases[turn++ % bases.length] as string;
    const url = (
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    ).replace(CLUSTER, base);
    const path = new URL(url).pathname;
    const sent = performance.now();
    const response = await fetch(url, init);
    let events = 0;
    if (path.endsWith('/_events') && response.ok)
      events = ((await response.clone().json()) as { events: unknown[] }).events.length;
    log.push({ base, path, sent, events });
    return response;
  };
}

/** Whether `received` is exactly 1, 2, 3, ... (each n once, in order). */
export function isInOrderOnce(received: readonly number[]): boolean {
  return received.every((n, i) => n === i + 1);
}

/** A socket the client made, and the server it went to. */
export interface MadeSocket {
  readonly base: string;
  readonly socket: WebSocket;
}

/** A WebSocket constructor (the `ws` package) that sends each new socket to the next of `bases`. */
export function alternatingWebSocket(
  bases: readonly string[],
  made: MadeSocket[],
): WebSocketConstructor {
  let turn = 0;
  return function (
    url: string,
    protocols?: string | string[],
    init?: { headers: Record<string, string> },
  ) {
    const base = bases[turn++ % bases.length] as string;
    const socket = new WebSocket(
      url.replace(CLUSTER.replace(/^http/, 'ws'), base.replace(/^http/, 'ws')),
      protocols,
      init,
    );
    made.push({ base, socket });
    return socket;
  } as unknown as WebSocketConstructor;
}

/** A publisher started by `publishSteadily`: how far it got, and how to stop it. */
export interface SteadyPublisher {
  /** The first n not yet published: item(1) .. item(next - 1) were, each call answered. */
  readonly next: number;
  /** Calls that failed and were sent again (they may have stored their events: repeats come only from them). */
  readonly failed: number;
  /** Ends after the call under way; resolves when the loop is done. */
  stop(): Promise<void>;
}

/**
 * Publishes item(1), item(2), ... to the Room topic through `fetch` (`CLUSTER` URLs), `chunk` events a
 * call, one call after another until stopped, as an application that sends a failed call again would:
 * after a failure it waits `pause` ms and sends the same call; after a success, `interval` ms.
 */
export function publishSteadily(
  fetch: typeof globalThis.fetch,
  chunk: number,
  { pause = 50, interval = 0 }: { pause?: number; interval?: number } = {},
): SteadyPublisher {
  let next = 1;
  let failed = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const response = await fetch(`${CLUSTER}/Room/publish`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([next, chunk]),
      }).catch(() => undefined);
      const answer = (await response?.json().catch(() => undefined)) as
        { result?: number } | undefined;
      const ok = response?.ok === true && answer?.result === next + chunk - 1;
      if (ok) next += chunk;
      else failed++;
      const wait = ok ? interval : pause;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })();
  return {
    get next() {
      return next;
    },
    get failed() {
      return failed;
    },
    stop() {
      stopped = true;
      return loop;
    },
  };
}
