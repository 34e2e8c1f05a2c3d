import * as s from '../../../runtime/src/schema/index.js';
import {
  Broadcast,
  createRouter,
  defineService,
  type CallContext,
  type ReleasedCallback,
  type Router,
  type RouterOptions,
} from '../../../runtime/src/server/index.js';

/** The conformance contract's callback interface and a service around it, built from src. */
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
  publish: s.method([s.string(), s.number()], s.number()),
  subscribers: s.method([s.string()], s.number()),
  ping: s.method([], s.string()),
});

/** A ticker whose subscriptions are Broadcasts; `received` keeps every stand-in a handler got. */
export function createTicker() {
  const symbols = new Map<string, Broadcast<TickerEvents>>();
  const received: TickerEvents[] = [];
  const of = (symbol: string) =>
    symbols.get(symbol) ?? symbols.set(symbol, new Broadcast<TickerEvents>()).get(symbol)!;
  const handlers = {
    subscribe(symbol: string, events: TickerEvents, _ctx: CallContext): number {
      received.push(events);
      return of(symbol).add(events).size;
    },
    publish(symbol: string, count: number): number {
      const subscribers = of(symbol);
      const at = new Date(Date.UTC(2024, 4, 1));
      for (let n = 1; n <= count; n++) subscribers.tick(symbol, n, at);
      subscribers.done(symbol, count);
      return subscribers.size;
    },
    subscribers: (symbol: string) => of(symbol).size,
    ping: () => 'pong',
  };
  return { handlers, received, of };
}

export interface Harness {
  router: Router;
  ticker: ReturnType<typeof createTicker>;
  released: ReleasedCallback[];
  faults: unknown[];
  open(): Promise<string>;
  poll(client: string | undefined, query?: string): Promise<Answer>;
  call(method: string, body: string, client?: string, service?: string): Promise<Answer>;
  post(endpoint: string, body: string, client?: string): Promise<Answer>;
}

export interface Answer {
  status: number;
  headers: Headers;
  /** The parsed body; undefined when it is empty. */
  json: Body | undefined;
}

/** One event of a poll's answer. */
export interface WireEvent {
  seq: number;
  cb: number;
  method: string;
  args: unknown[];
}

/**
 * A body the router answers, as the tests read it: which fields are there
 * depends on the endpoint and the outcome (a call's `result`, a refusal's
 * `error`, `_open`'s `client`, `ttl` and `wait`, a poll's `events` and `gap`).
 */
export interface Body {
  result?: unknown;
  error?: { code: string; message: string; details?: unknown };
  client?: string;
  ttl?: number;
  wait?: number;
  events?: WireEvent[];
  gap?: { from: number; to: number; count: number; reason: string };
}

/** The events of a poll's answer; throws, showing the answer, when it has none (a refusal). */
export function eventsOf(answer: Answer): WireEvent[] {
  const events = answer.json?.events;
  if (events === undefined)
    throw new Error(
      `expected a poll answer with events, got ${answer.status} ${JSON.stringify(answer.json)}`,
    );
  return events;
}

/** A router with the event channel (options merged over the defaults) and helpers that speak the wire. */
export function harness(options: Partial<RouterOptions> = {}): Harness {
  const ticker = createTicker();
  const released: ReleasedCallback[] = [];
  const faults: unknown[] = [];
  const router = createRouter({
    services: [defineService(TickerService, ticker.handlers)],
    onRelease: (r) => void released.push(r),
    onError: (error) => void faults.push(error),
    ...options,
  });
  const send = async (path: string, init: RequestInit): Promise<Answer> => {
    const response = await router.fetch(new Request(`http://test${path}`, init));
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      json: text === '' ? undefined : (JSON.parse(text) as Body),
    };
  };
  const headers = (client?: string, json = false): Record<string, string> => ({
    ...(client === undefined ? {} : { 'x-contract-client': client }),
    ...(json ? { 'content-type': 'application/json' } : {}),
  });
  return {
    router,
    ticker,
    released,
    faults,
    async open() {
      const { client } =
        (await send('/_open', { method: 'POST', headers: headers(undefined, true) })).json ?? {};
      if (client === undefined) throw new Error('_open answered no client');
      return client;
    },
    poll: (client, query = '') =>
      send(`/_events${query === '' ? '' : `?${query}`}`, { headers: headers(client) }),
    call: (method, body, client, service = 'Ticker') =>
      send(`/${service}/${method}`, { method: 'POST', headers: headers(client, true), body }),
    post: (endpoint, body, client) =>
      send(`/${endpoint}`, { method: 'POST', headers: headers(client, true), body }),
  };
}

/** The `n` (or total) of each event, for compact assertions. */
export function summary(events: readonly WireEvent[]): string[] {
  return events.map((e) => `${e.seq}:${e.cb}:${e.method}:${String(e.args[1])}`);
}
