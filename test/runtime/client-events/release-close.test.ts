import { afterEach, describe, expect, it } from 'vitest';
import {
  connect,
  connectInProcess,
  type Connection,
  type EventError,
} from '../../../runtime/src/client/index.js';
import { FakeEventsServer } from './fake-events-server.js';
import { recorder, tickerClient, until } from './ticker-fixture.js';

let conn: Connection | undefined;
afterEach(() => conn?.close());

function setup() {
  const server = new FakeEventsServer();
  const problems: EventError[] = [];
  conn = connect('http://fake', { fetch: server.fetch, onEventError: (p) => problems.push(p) });
  return { server, conn, ticker: tickerClient(conn), problems };
}

const eventPolls = (server: FakeEventsServer) =>
  server.requests.filter((r) => r.path === '/_events').length;

describe('release', () => {
  it('stops delivery at once, tells the server, and drops events already in flight', async () => {
    const { server, conn, ticker, problems } = setup();
    const [a, b] = [recorder(), recorder()];
    await ticker.subscribe('A', a);
    await ticker.subscribe('B', b);
    const releasing = conn.release(a);
    server.emit(1, 'done', ['A', 1]); // queued before the server heard of the release
    server.emit(2, 'done', ['B', 1]);
    await releasing;
    await until(() => b.seen.length === 1);
    expect(a.seen).toEqual([]);
    expect(server.released).toEqual([[1]]);
    expect(problems.map((p) => [p.reason, p.event.cb])).toEqual([['released-callback', 1]]);
    await conn.release(a); // not registered any more: nothing to do
    expect(server.released).toHaveLength(1);
  });

  it('sends the releases of one turn in one request', async () => {
    const { server, conn, ticker } = setup();
    const subs = [recorder(), recorder(), recorder()];
    for (const sub of subs) await ticker.subscribe('A', sub);
    await Promise.all(subs.map((sub) => conn.release(sub)));
    expect(server.released).toEqual([[1, 2, 3]]);
  });

  it('stops polling when the last callback is released, and starts again with the next', async () => {
    const { server, conn, ticker } = setup();
    const events = recorder();
    await ticker.subscribe('A', events);
    await until(() => server.only().parked !== undefined);
    await conn.release(events);
    const polls = eventPolls(server);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(eventPolls(server)).toBe(polls);
    await ticker.subscribe('A', events);
    server.publish('A', 1);
    await until(() => events.seen.length === 2);
    // Passed again after its release, the object got a new id: a released id is never reused.
    expect(
      server.requests
        .filter((r) => r.path === '/Ticker/subscribe')
        .map((r) => (r.body as unknown[])[1]),
    ).toEqual([{ $cb: 1 }, { $cb: 2 }]);
  });

  it('releases through a handle, and through Symbol.dispose where the runtime has it', async () => {
    const { server, conn, ticker } = setup();
    const [a, b] = [recorder(), recorder()];
    const handle = conn.callback(a);
    expect(handle.target).toBe(a);
    await ticker.subscribe('A', a);
    await ticker.subscribe('B', b);
    await handle.release();
    const dispose = (Symbol as { dispose?: symbol }).dispose;
    if (dispose !== undefined) {
      (conn.callback(b) as unknown as Record<symbol, () => void>)[dispose]?.();
      await until(() => server.released.length === 2);
    }
    expect(server.released.flat()).toEqual(dispose === undefined ? [1] : [1, 2]);
  });
});

describe('close', () => {
  it('stops the loop, rejects pending calls, tells the server and ends in closed', async () => {
    const { server, conn, ticker } = setup();
    const states: string[] = [];
    conn.onState((s) => states.push(s));
    await ticker.subscribe('A', recorder());
    await until(() => server.only().parked !== undefined);
    server.fail('/Ticker/ping', 'hang');
    const pending = ticker.ping().catch((e: unknown) => e);
    await until(() => server.requests.some((r) => r.path === '/Ticker/ping'));
    await conn.close();
    expect(await pending).toMatchObject({
      code: 'UNAVAILABLE',
      message: 'The connection was closed.',
    });
    expect(conn.state).toBe('closed');
    expect(states).toEqual(['online', 'closed']);
    expect(server.requests.at(-1)).toMatchObject({ path: '/_close', client: 'client-1' });
    expect(server.clients.size).toBe(0);
    const polls = eventPolls(server);
    await expect(ticker.ping()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(eventPolls(server)).toBe(polls);
    await conn.close(); // twice is fine
  });

  it('ends fifty pending calls at once, without a listener-leak warning', async () => {
    const { server, conn, ticker } = setup();
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => void warnings.push(warning);
    process.on('warning', onWarning);
    await ticker.ping();
    server.fail('/Ticker/ping', 'hang', 50);
    const pending = Array.from({ length: 50 }, () => ticker.ping().catch((e: unknown) => e));
    await until(() => server.requests.length === 52);
    await conn.close();
    expect(new Set((await Promise.all(pending)).map((e) => (e as Error).message))).toEqual(
      new Set(['The connection was closed.']),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    process.off('warning', onWarning);
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('sends nothing when no client was ever opened, and never rejects', async () => {
    const { server, conn } = setup();
    await conn.close();
    expect(server.requests).toEqual([]);
    const broken = connect('http://fake', { fetch: server.fetch });
    await tickerClient(broken).ping();
    server.fail('/_close', 'network');
    await expect(broken.close()).resolves.toBeUndefined();
  });
});

describe('handler failures and bad events', () => {
  it('reports them and goes on delivering', async () => {
    const { server, ticker, problems } = setup();
    const seen: string[] = [];
    const events = {
      tick: (_s: string, n: number) => {
        seen.push(`tick ${n}`);
        if (n === 2) throw new Error('boom');
      },
      done: (_s: string, total: number) => {
        seen.push(`done ${total}`);
        return Promise.reject(new Error('async boom'));
      },
    };
    await ticker.subscribe('A', events);
    const at = new Date(0).toISOString();
    server.emit(1, 'tick', ['A', 1, at]);
    server.emit(1, 'tick', ['A', 2, at]);
    server.emit(1, 'tick', ['A', 'three', at]);
    server.emit(1, 'toString', []);
    server.emit(99, 'tick', ['A', 4, at]);
    server.emit(1, 'done', ['A', 4]);
    server.emit(1, 'tick', ['A', 5, at]);
    await until(() => problems.length === 5 && seen.length === 4);
    expect(seen).toEqual(['tick 1', 'tick 2', 'done 4', 'tick 5']);
    expect(problems.map((p) => [p.reason, p.event.seq])).toEqual([
      ['handler-threw', 2],
      ['bad-arguments', 3],
      ['unknown-method', 4],
      ['unknown-callback', 5],
      ['handler-threw', 6],
    ]);
    expect(problems[1]?.error).toMatchObject({ code: 'BAD_ARGUMENT', path: 'args[1]' });
    expect(problems[4]?.error).toMatchObject({ message: 'async boom' });
  });

  it('refuses a callback argument that does not implement the interface, before sending', async () => {
    const { server, ticker } = setup();
    await expect(ticker.subscribe('A', { tick: () => undefined } as never)).rejects.toMatchObject({
      code: 'BAD_ARGUMENT',
      path: 'args[1]',
    });
    await expect(ticker.subscribe('A', null as never)).rejects.toMatchObject({
      code: 'BAD_ARGUMENT',
      path: 'args[1]',
    });
    expect(server.requests).toEqual([]);
  });
});

describe('connectInProcess', () => {
  it('runs the same event loop over router.fetch', async () => {
    const server = new FakeEventsServer();
    conn = connectInProcess(server.router, { events: 'poll', pollInterval: 5 });
    const events = recorder();
    await tickerClient(conn).subscribe('A', events);
    server.publish('A', 1_200);
    await until(() => events.seen.length === 1_201);
    expect(events.seen.at(-1)).toBe('done:A:1200');
  });
});
