// A store that comes back behind its client (a power cut with SQLite synchronous=NORMAL lost its
// last commits): the client's `after` is beyond the store's last seq. The client must hear of it
// through onGap (never a silent gap) and go on receiving, over long polling and WebSocket alike —
// not be refused on every poll.
import { afterEach, describe, expect, it } from 'vitest';
import {
  memoryStore,
  type ClientStore,
  type StoreConfig,
  type StoreListener,
} from '@contract-gen/runtime/server';
import type { EventGap } from '@contract-gen/runtime/client';
import {
  burst,
  open,
  recorder,
  socketControl,
  startWsServer,
  until,
  type WsServer,
} from './ws-fixture.js';

/** A memory store that can "lose" everything: `lose()` swaps in a fresh one that knows the clients and callbacks, at seq 0. */
class LosingStore implements ClientStore {
  #inner: ClientStore = memoryStore();
  #config!: StoreConfig;
  #listener!: StoreListener;
  readonly #registered: [string, number][] = [];

  start(config: StoreConfig, listener: StoreListener): void | Promise<void> {
    this.#config = config;
    this.#listener = listener;
    return this.#inner.start(config, listener);
  }

  /** What a restart after a power cut finds: the clients and registrations, none of the events. Wakes their readers. */
  async lose(): Promise<void> {
    this.#inner = memoryStore();
    await this.#inner.start(this.#config, this.#listener);
    for (const [client, callback] of this.#registered) {
      await this.#inner.open(client);
      await this.#inner.register(client, callback);
    }
    for (const [client] of this.#registered) this.#listener.appended(client);
  }

  open = (client: string, owner?: string) => this.#inner.open(client, owner);
  touch = (client: string) => this.#inner.touch(client);
  register = (client: string, callback: number) => (
    this.#registered.push([client, callback]),
    this.#inner.register(client, callback)
  );
  append = (client: string, payload: string) => this.#inner.append(client, payload);
  read = (client: string, after: number, max: number) => this.#inner.read(client, after, max);
  release = (client: string, callbacks: readonly number[]) =>
    this.#inner.release(client, callbacks);
  close = (client: string) => this.#inner.close(client);
  join = (topic: string, client: string, callback: number, iface: string) =>
    this.#inner.join(topic, client, callback, iface);
  leave = (topic: string, client: string, callback: number) =>
    this.#inner.leave(topic, client, callback);
  topicSize = (topic: string) => this.#inner.topicSize(topic);
  publish = (topic: string, iface: string, body: string) => this.#inner.publish(topic, iface, body);
  sweep = (now: number) => this.#inner.sweep(now);
  flush = () => this.#inner.flush();
  stop = () => this.#inner.stop();
}

let server: WsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('a client ahead of its store', () => {
  for (const transport of ['long-poll', 'websocket'] as const) {
    it(`${transport}: hears of the lost events through onGap, once, and receives what follows`, async () => {
      const store = new LosingStore();
      server = await startWsServer({ store });
      const gaps: EventGap[] = [];
      const sockets = socketControl();
      const { conn, ticker } = open(server.url, {
        transport,
        WebSocket: sockets.WebSocket,
        onGap: (gap) => void gaps.push(gap),
      });
      const events = recorder();
      await ticker.subscribe('S', events);
      await ticker.publish('S', 3);
      await until(() => events.seen.length === 4, 'the first events');
      // Let the client acknowledge seq 4 (a socket acks 25 ms after a frame; a poll parks with after=4).
      await new Promise((resolve) => setTimeout(resolve, 100));
      await store.lose();
      await until(() => gaps.length === 1, 'the gap');
      expect(gaps).toEqual([{ reason: 'lost', from: 5, to: 5, count: 0, callbacks: [] }]);
      await ticker.publish('S', 2);
      await until(() => events.seen.length === 7, 'the events after the gap');
      expect(events.seen).toEqual([...burst(3), ...burst(2)]);
      expect(gaps).toHaveLength(1);
      if (transport === 'websocket') expect(sockets.made).toHaveLength(1); // the socket was never refused
      await conn.close();
    });
  }
});
