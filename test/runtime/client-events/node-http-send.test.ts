// The client over node:http (`connect(url, { http })`) against a real server
// on loopback: calls, long-polled events in order, the end of a parked poll
// at close, failures as UNAVAILABLE, and the option's misuses as TypeErrors.
import * as http from 'node:http';
import * as https from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, ContractError, type Connection } from '../../../runtime/src/client/index.js';
import { Broadcast, defineService } from '../../../runtime/src/server/index.js';
import { createServer, type ListeningServer } from '../../../runtime/src/server/node/index.js';
import {
  recorder,
  tickerClient,
  TickerService,
  until,
  type TickerEvents,
} from './ticker-fixture.js';

const opened: Connection[] = [];
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(
  events: { maxWait?: number } = {},
): Promise<{ server: ListeningServer; publish(count: number): void }> {
  const subscribers = new Broadcast<TickerEvents>();
  const server = await createServer({
    events,
    services: [
      defineService(TickerService, {
        subscribe: (_symbol: string, e: TickerEvents) => subscribers.add(e).size,
        ping: () => 'pong',
      }),
    ],
  }).listen(0);
  servers.push(server);
  const publish = (count: number) => {
    for (let n = 1; n <= count; n++) subscribers.tick('S', n, new Date(n));
    subscribers.done('S', count);
  };
  return { server, publish };
}

describe('connect(url, { http })', () => {
  it('calls and long-polls over node:http: every event once, in order, dates as Dates', async () => {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- node:http's module namespace: its functions take no `this`
    const { server, publish } = await serve();
    const conn = connect(server.url, { http, events: 'long-poll' });
    opened.push(conn);
    const ticker = tickerClient(conn);
    expect(await ticker.ping()).toBe('pong');
    const events = recorder();
    expect(await ticker.subscribe('S', events)).toBe(1);
    await until(() => conn.state === 'online');
    publish(6000); // more than one answer's worth (maxBatchChars, 256 Ki characters: about 3,000 ticks)
    await until(() => events.seen.includes('done:S:6000'));
    expect(events.seen).toEqual([
      ...Array.from({ length: 6000 }, (_, i) => `tick:S:${i + 1}`),
      'done:S:6000',
    ]);
  });

  it('times a poll out past its wait and grace: the hung request is ended, the client goes offline, then polls again and delivers', async () => {
    // A server whose first poll never answers.
    let polls = 0;
    let hungClosed = false;
    const fake = http.createServer((req, res) => {
      const answer = (body: unknown) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.url === '/_open') return answer({ client: 'c1', ttl: 60_000, wait: 30 });
      if (req.url?.startsWith('/Ticker/subscribe'))
        return req.resume().on('end', () => answer({ result: 1 }));
      if (req.url?.startsWith('/_events')) {
        if (++polls === 1) return void req.on('close', () => (hungClosed = true));
        if (polls === 2)
          return answer({ events: [{ seq: 1, cb: 1, method: 'done', args: ['S', 0] }] });
        return void setTimeout(() => answer({ events: [] }), 30);
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    servers.push({ close: () => new Promise<void>((resolve) => fake.close(() => resolve())) });
    const port = (fake.address() as import('node:net').AddressInfo).port;
    const conn = connect(`http://127.0.0.1:${port}`, {
      http,
      events: 'long-poll',
      wait: 30,
      timeout: 50,
      backoff: { initial: 10, jitter: 0 },
    });
    opened.push(conn);
    const states: string[] = [];
    conn.onState((state) => states.push(state));
    const events = recorder();
    await tickerClient(conn).subscribe('S', events);
    await until(() => events.seen.includes('done:S:0'));
    // The hung request's socket and the next poll's are two connections: their events may come in either order.
    await until(() => hungClosed, 10_000);
    expect(states.slice(0, 3)).toEqual(['online', 'offline', 'online']);
    fake.closeAllConnections();
  });

  it('polls many times over one controller without piling listeners on its signal', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => void warnings.push(warning);
    process.on('warning', onWarning);
    try {
      // eslint-disable-next-line @typescript-eslint/unbound-method -- node:http's module namespace: its functions take no `this`
      const { server, publish } = await serve();
      const conn = connect(server.url, { http, events: 'long-poll' });
      opened.push(conn);
      const events = recorder();
      await tickerClient(conn).subscribe('S', events);
      // Each publish ends a parked poll and the next poll parks: 15 polls, more than the 10 listeners Node warns at.
      for (let round = 1; round <= 15; round++) {
        publish(0);
        await until(() => events.seen.length === round);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('ends a parked poll at close without waiting for its wait', async () => {
    // The poll is held up to 120 s, past the test's timeout (60 s): close must not wait for it.
    const { server } = await serve({ maxWait: 120_000 });
    const conn = connect(server.url, { http, events: 'long-poll', wait: 120_000 });
    await tickerClient(conn).subscribe('S', recorder());
    await new Promise((resolve) => setTimeout(resolve, 50)); // the poll is parked
    await conn.close();
  });

  it('fails a call to a server that is not there with UNAVAILABLE', async () => {
    const { server } = await serve();
    const url = server.url;
    await server.close();
    servers.length = 0;
    const conn = connect(url, { http, transport: 'long-poll' });
    opened.push(conn);
    const error = await tickerClient(conn)
      .ping()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('fails a call whose answer is cut short with UNAVAILABLE', async () => {
    const cut = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      response.write('{"result":');
      setTimeout(() => response.destroy(), 10);
    });
    await new Promise<void>((resolve) => cut.listen(0, '127.0.0.1', resolve));
    servers.push({ close: () => new Promise((resolve) => cut.close(() => resolve())) });
    const { port } = cut.address() as { port: number };
    const conn = connect(`http://127.0.0.1:${port}`, { http, transport: 'long-poll' });
    opened.push(conn);
    await expect(tickerClient(conn).ping()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('refuses the module of the other scheme, and fetch with http', () => {
    expect(() => connect('https://example.com', { http })).toThrow(
      /the http option is the http module, but https:\/\/example.com is https: pass node:https/,
    );
    expect(() => connect('http://example.com', { http: https })).toThrow(/pass node:http\./);
    expect(() => connect('http://example.com', { http, fetch })).toThrow(/either fetch or http/);
  });
});
