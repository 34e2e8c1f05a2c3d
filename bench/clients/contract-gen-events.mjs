// The project's client side of the events benchmark: contract-gen's own
// client (`connect()` from the built package, long-poll mode, over node:http
// as its docs recommend on Node — `connect(url, { http })`, the way `ws` is
// passed for WebSocket — its defaults otherwise) and the generated Ticker
// client, one connection per subscription, so each subscription is a full
// client with its own long poll. A separate connection without callbacks
// publishes. With the argument `fetch`, it uses Node's global fetch instead
// (the client's default where nothing is passed). Driven by the suite over
// stdio (see bench/lib/worker-process.mjs).
import * as http from 'node:http';
import { connect as connectWith } from '@contract-gen/runtime/client';
import { tickerClient } from '../../build/apps/conformance/generated/ticker.client.js';
import { serveCommands, wallNow } from '../lib/worker-process.mjs';
import { Group, measureLatency, quantile } from './receiver.mjs';

const overFetch = process.argv[2] === 'fetch';
const connect = (url, options = {}) => connectWith(url, overFetch ? options : { ...options, http });

let group;
let symbol;
let publisher;
const connections = [];

function receiverCallbacks(receiver) {
  return {
    tick: (s, n, at) => receiver.tick(s, n, at),
    done: (s, total) => receiver.done(s, total),
  };
}

serveCommands(
  {
    async open({ url, clients, symbol: s, concurrency = 50 }) {
      symbol = s;
      group = new Group(clients);
      const options = {
        events: 'long-poll',
        onGap: (gap) => group.fail(`a gap: ${JSON.stringify(gap)}`),
        onEventError: (problem) =>
          group.fail(`an event error: ${problem.reason} ${problem.error ?? ''}`),
      };
      const publisherConnection = connect(url);
      connections.push(publisherConnection);
      publisher = tickerClient(publisherConnection);
      let next = 0;
      const subscribeSome = async () => {
        while (next < clients) {
          const receiver = group.receivers[next++];
          const connection = connect(url, options);
          connections.push(connection);
          await tickerClient(connection).subscribe(symbol, receiverCallbacks(receiver));
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, clients) }, subscribeSome));
      return {};
    },

    async subscribers() {
      return { subscribers: await publisher.subscribers(symbol) };
    },

    async arm({ burst }) {
      group.arm(burst);
      return {};
    },

    async publish({ count }) {
      const sentAt = wallNow();
      const reached = await publisher.publish(symbol, count);
      return { sentAt, reached };
    },

    async primed({ timeout }) {
      await group.primed(timeout);
      return {};
    },

    async finished({ timeout }) {
      return group.finished(timeout);
    },

    // One subscription: the primer's arrival starts the clock and triggers the burst.
    async throughput({ burst, timeout }) {
      group.arm(burst);
      const receiver = group.receivers[0];
      receiver.onPrimed = () =>
        void publisher.publish(symbol, burst).catch((error) => group.fail(String(error)));
      await publisher.publish(symbol, 0);
      await group.finished(timeout);
      return {
        events: receiver.count,
        ms: receiver.lastAt - receiver.firstAt,
        sinceTrigger: receiver.lastAt - receiver.primedAt,
      };
    },

    async latency({ samples, gapMs, timeout }) {
      const times = await measureLatency(group.receivers[0], () => publisher.publish(symbol, 1), {
        samples,
        gapMs,
        timeout,
      });
      return {
        p50: quantile(times, 0.5),
        p99: quantile(times, 0.99),
        max: times[times.length - 1],
      };
    },
  },
  { onExit: () => Promise.all(connections.map((c) => c.close())) },
);
