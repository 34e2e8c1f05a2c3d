// The logs suite's clients: contract-gen's own client (`connect()`, long polling over node:http), one
// connection per subscriber, subscribed to the topic or following the log of bench/servers/log-fanout.mjs;
// a separate connection publishes. Counted by receiver.mjs, as the events suite counts. Driven over stdio.
import * as http from 'node:http';
import { connect } from '@contract-gen/runtime/client';
import * as s from '@contract-gen/runtime/schema';
import { serveCommands, wallNow } from '../lib/worker-process.mjs';
import { Group } from './receiver.mjs';

const FanEvents = s.callbackInterface('FanEvents', {
  tick: [s.string(), s.number()],
  done: [s.string(), s.number()],
});
const Fan = s.service('Fan', {
  subscribe: s.method([s.string(), s.callback(FanEvents)], s.number()),
  publish: s.method([s.string(), s.number()], s.number()),
  subscribers: s.method([s.string()], s.number()),
});

let group;
let mode;
let publisher;
const connections = [];

serveCommands(
  {
    async open({ url, clients, mode: m, concurrency = 50 }) {
      mode = m;
      group = new Group(clients);
      const options = {
        http,
        events: 'long-poll',
        onGap: (gap) => group.fail(`a gap: ${JSON.stringify(gap)}`),
        onEventError: (problem) =>
          group.fail(`an event error: ${problem.reason} ${problem.error ?? ''}`),
      };
      publisher = connect(url, { http });
      connections.push(publisher);
      let next = 0;
      const subscribeSome = async () => {
        while (next < clients) {
          const receiver = group.receivers[next++];
          const connection = connect(url, options);
          connections.push(connection);
          await connection.call(Fan, 'subscribe', [
            mode,
            {
              tick: (sym, n) => receiver.tick(sym, n),
              done: (sym, total) => receiver.done(sym, total),
            },
          ]);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, clients) }, subscribeSome));
      return {};
    },
    async subscribers() {
      return { subscribers: await publisher.call(Fan, 'subscribers', [mode]) };
    },
    async arm({ burst }) {
      group.arm(burst);
      return {};
    },
    async publish({ count }) {
      const sentAt = wallNow();
      const reached = await publisher.call(Fan, 'publish', [mode, count]);
      return { sentAt, reached };
    },
    async primed({ timeout }) {
      await group.primed(timeout);
      return {};
    },
    async finished({ timeout }) {
      return group.finished(timeout);
    },
  },
  { onExit: () => Promise.all(connections.map((c) => c.close())) },
);
