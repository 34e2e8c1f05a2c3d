// A socket of a draining server (issue 19): the call in flight on it is answered, then the socket
// closes with 1012; a call the client sent after the drain began is not run there, and the client
// sends it again (over HTTP, to the other process sharing the Redis store). The app sees no error.
import { afterAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { connect, type WebSocketConstructor } from '../../runtime/src/client/index.js';
import * as s from '../../runtime/src/schema/index.js';
import { defineService } from '../../runtime/src/server/index.js';
import { createServer, type ListeningServer } from '../../runtime/src/server/node/index.js';
import { redisStore } from '../../runtime/src/server/stores/redis/index.js';
import { CLUSTER } from './feed-client.js';
import { failoverFetch } from './failover-fetch.js';
import { describeWithRedis, redisPrefix, redisTarget } from './redis-target.js';

const Slow = s.service('Slow', {
  /** Answers `label@server` after `ms`. */
  wait: s.method([s.number(), s.string()], s.string()),
});
const Events = s.callbackInterface('Events', { item: [s.number()] });
const Feed = s.service('Feed', { subscribe: s.method([s.callback(Events)], s.number()) });

const running: ListeningServer[] = [];
/** Every `wait` call as it starts, `label@server`. */
const started: string[] = [];
afterAll(async () => {
  for (const server of running) await server.close().catch(() => undefined);
});

async function start(name: string, prefix: string): Promise<ListeningServer> {
  const server = await createServer({
    services: [
      defineService(Slow, {
        wait: (ms: number, label: string) => {
          started.push(`${label}@${name}`);
          return new Promise<string>((resolve) =>
            setTimeout(() => resolve(`${label}@${name}`), ms),
          );
        },
      }),
      defineService(Feed, { subscribe: () => 1 }),
    ],
    events: { store: redisStore({ redis: redisTarget.url, prefix }) },
  }).listen(0);
  running.push(server);
  return server;
}

describeWithRedis('draining a WebSocket', () => {
  it('answers the call in flight, closes with 1012, and the call sent after runs on the other process', async () => {
    const prefix = redisPrefix('drain-socket');
    const a = await start('a', prefix);
    const b = await start('b', prefix);
    // Every socket goes to a, every HTTP request to b: a call's answer says which way it went.
    const closes: number[] = [];
    let welcomed = false;
    const Socket = function (url: string, protocols?: string | string[], init?: object) {
      const socket = new WebSocket(
        url.replace('ws://cluster.invalid', a.url.replace(/^http/, 'ws')),
        protocols,
        init,
      );
      socket.on('message', () => void (welcomed = true));
      socket.on('close', (code) => void closes.push(code));
      return socket;
    } as unknown as WebSocketConstructor;
    const conn = connect(CLUSTER, {
      transport: 'websocket',
      WebSocket: Socket,
      fetch: failoverFetch([b.url]),
      backoff: { initial: 25, max: 100, jitter: 0 },
    });
    const feedEvents = { item: () => undefined };
    await conn.call(Feed, 'subscribe', [feedEvents]);
    // Calls go over the socket once it is open: wait until one does.
    const overSocket = async () =>
      welcomed && (await conn.call<string>(Slow, 'wait', [0, 'probe'])).endsWith('@a');
    for (const end = Date.now() + 15_000; !(await overSocket());) {
      expect(Date.now()).toBeLessThan(end);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }

    const first = conn.call<string>(Slow, 'wait', [1_500, 'first']);
    for (const end = Date.now() + 15_000; !started.includes('first@a');) {
      expect(Date.now()).toBeLessThan(end);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const draining = a.close({ drain: true, timeout: 10_000 });
    // The socket is still open (its call runs): this frame reaches a draining session, which does not run it.
    const second = conn.call<string>(Slow, 'wait', [0, 'second']);
    // So does a release frame: it is sent again over HTTP, and resolves.
    const released = conn.release(feedEvents);

    expect(await first).toBe('first@a');
    expect(await second).toBe('second@b');
    await expect(released).resolves.toBeUndefined();
    await draining;
    expect(closes[0]).toBe(1012);
    // The second call ran once, on b only.
    expect(started.filter((call) => call.startsWith('second'))).toEqual(['second@b']);
    await conn.close();
  });
});
