// A fake contract-gen server for the client's event channel: the wire
// protocol v1 (docs/protocol.md) in memory, with knobs to misbehave.
import type { WireEvent } from '../../../runtime/src/protocol/index.js';

/** One request as the fake saw it. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly client: string | null;
  readonly after?: number;
  readonly wait?: number;
  readonly body?: unknown;
  readonly at: number;
}

/** What the next matching request gets instead of its answer. */
export type Fault = 'network' | 'hang' | number;

interface FakeClient {
  readonly id: string;
  readonly queue: WireEvent[];
  nextSeq: number;
  readonly callbacks: Map<number, string>;
  parked?: { after: number; answer: (events: WireEvent[]) => void } | undefined;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const error = (status: number, code: string, details?: unknown) =>
  json(status, {
    error: { code, message: `fake: ${code}`, ...(details === undefined ? {} : { details }) },
  });

export class FakeEventsServer {
  readonly requests: SeenRequest[] = [];
  readonly clients = new Map<string, FakeClient>();
  /** Released callback ids, per `_release` request. */
  readonly released: number[][] = [];
  /** A gap notice for the next events answer. */
  gap: { from: number; to: number; count: number; reason: string } | undefined;
  /** Answer every poll with the whole queue from seq 1, as if each acknowledgement were lost. */
  ignoreAcks = false;
  private readonly faults: { path: string; fault: Fault }[] = [];
  private opened = 0;

  constructor(readonly granted: { ttl: number; wait: number } = { ttl: 60_000, wait: 30_000 }) {}

  /** A `fetch` for `connect(url, { fetch })`. */
  readonly fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> =>
    this.handle(new Request(input, init));

  /** A router for `connectInProcess`. */
  readonly router = { fetch: (request: Request) => this.handle(request) };

  /** The next `times` requests to `path` get `fault`. */
  fail(path: string, fault: Fault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push({ path, fault });
  }

  /** The single client (most tests have one). */
  only(): FakeClient {
    const [client, ...more] = this.clients.values();
    if (client === undefined || more.length > 0)
      throw new Error(`fake: ${this.clients.size} clients`);
    return client;
  }

  /** Queues an event for callback `cb` of `client` (default: the only client). */
  emit(cb: number, method: string, args: unknown[], client = this.only()): number {
    const event = { seq: client.nextSeq++, cb, method, args };
    client.queue.push(event);
    this.wakeParked(client);
    return event.seq;
  }

  /** Queues `count` ticks and a done for every subscription of `symbol`. */
  publish(symbol: string, count: number): void {
    for (const client of this.clients.values()) {
      for (const [cb, subscribed] of client.callbacks) {
        if (subscribed !== symbol) continue;
        for (let n = 1; n <= count; n++)
          client.queue.push({
            seq: client.nextSeq++,
            cb,
            method: 'tick',
            args: [symbol, n, new Date(n).toISOString()],
          });
        client.queue.push({ seq: client.nextSeq++, cb, method: 'done', args: [symbol, count] });
      }
      this.wakeParked(client);
    }
  }

  /** Forgets a client, as the server does after its ttl. */
  expire(id = this.only().id): void {
    this.clients.get(id)?.parked?.answer([]);
    this.clients.delete(id);
  }

  /** The `after` values of the event polls so far. */
  acks(): number[] {
    return this.requests.filter((r) => r.path === '/_events').map((r) => r.after as number);
  }

  private async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const text = request.method === 'POST' ? await request.text() : '';
    const seen: SeenRequest = {
      method: request.method,
      path: url.pathname,
      client: request.headers.get('x-contract-client'),
      at: Date.now(),
      ...(url.searchParams.has('after')
        ? {
            after: Number(url.searchParams.get('after')),
            wait: Number(url.searchParams.get('wait')),
          }
        : {}),
      ...(text === '' ? {} : { body: JSON.parse(text) }),
    };
    this.requests.push(seen);
    const fault = this.takeFault(seen.path);
    if (fault === 'network') throw new TypeError('fetch failed');
    if (fault === 'hang') return new Promise(() => undefined);
    if (typeof fault === 'number') return new Response('<html>proxy</html>', { status: fault });
    return this.route(seen);
  }

  private takeFault(path: string): Fault | undefined {
    const index = this.faults.findIndex((f) => f.path === path);
    return index === -1 ? undefined : this.faults.splice(index, 1)[0]?.fault;
  }

  private route(seen: SeenRequest): Response | Promise<Response> {
    if (seen.path === '/_open') return this.open();
    const client = this.clients.get(seen.client ?? '');
    if (client === undefined) return error(410, 'UNKNOWN_CLIENT', { reason: 'expired' });
    switch (seen.path) {
      case '/_events':
        return this.events(client, seen.after ?? 0, seen.wait ?? 0);
      case '/_release':
        this.released.push(seen.body as number[]);
        for (const id of seen.body as number[]) client.callbacks.delete(id);
        return json(200, { result: null });
      case '/_close':
        this.clients.delete(client.id);
        return json(200, { result: null });
      case '/Ticker/subscribe': {
        const [symbol, ref] = seen.body as [string, { $cb: number }];
        client.callbacks.set(ref.$cb, symbol);
        return json(200, {
          result: [...this.clients.values()]
            .flatMap((c) => [...c.callbacks.values()])
            .filter((s) => s === symbol).length,
        });
      }
      case '/Ticker/ping':
        return json(200, { result: 'pong' });
      default:
        return error(404, 'NOT_FOUND');
    }
  }

  private open(): Response {
    const id = `client-${++this.opened}`;
    this.clients.set(id, { id, queue: [], nextSeq: 1, callbacks: new Map() });
    return json(200, { client: id, ...this.granted });
  }

  private events(client: FakeClient, after: number, wait: number): Response | Promise<Response> {
    const from = this.ignoreAcks ? 0 : after;
    while (client.queue.length > 0 && (client.queue[0] as WireEvent).seq <= from)
      client.queue.shift();
    const ready = client.queue.filter((e) => e.seq > from).slice(0, 1000);
    if (ready.length > 0 || wait === 0 || this.gap !== undefined) return this.answer(ready);
    client.parked?.answer([]);
    return new Promise((resolve) => {
      const timer = setTimeout(() => parked.answer([]), Math.min(wait, this.granted.wait));
      const parked = {
        after,
        answer: (events: WireEvent[]) => {
          clearTimeout(timer);
          if (client.parked === parked) client.parked = undefined;
          resolve(this.answer(events));
        },
      };
      client.parked = parked;
    });
  }

  private answer(events: WireEvent[]): Response {
    const gap = this.gap;
    this.gap = undefined;
    return json(200, gap === undefined ? { events } : { events, gap });
  }

  private wakeParked(client: FakeClient): void {
    const parked = client.parked;
    if (parked !== undefined)
      parked.answer(client.queue.filter((e) => e.seq > parked.after).slice(0, 1000));
  }
}
