// The logs suite's server: one stream of ticks to many subscribers, through a store-backed topic (today's
// fan-out: one copy of each event in every member's queue) or through a log (each event stored once, each
// follower holding a position), in the Redis store. `node log-fanout.mjs <redis url> <prefix>`; prints
// `{"port": n}` once it listens. Queue bounds are raised as in contract-gen-events.mjs, so a burst fits.
import { defineService } from '@contract-gen/runtime/server';
import { createServer } from '@contract-gen/runtime/server/node';
import { redisStore } from '@contract-gen/runtime/server/redis';
import * as s from '@contract-gen/runtime/schema';

const [url, prefix] = process.argv.slice(2);
const FanEvents = s.callbackInterface('FanEvents', {
  tick: [s.string(), s.number()],
  done: [s.string(), s.number()],
});
const Fan = s.service('Fan', {
  // mode 'topic' | 'log'; answers the subscriber count of that mode.
  subscribe: s.method([s.string(), s.callback(FanEvents)], s.number()),
  // tick(mode, n) for n = 1..count, then done(mode, count), to every subscriber of that mode.
  publish: s.method([s.string(), s.number()], s.number()),
  subscribers: s.method([s.string()], s.number()),
});

let topic;
let log;
let followers = 0;
const server = createServer({
  services: [
    defineService(Fan, {
      async subscribe(mode, events) {
        if (mode === 'topic') {
          await topic.add(events);
          return topic.size();
        }
        await log.follow(events, 'live');
        return ++followers;
      },
      publish(mode, count) {
        const to = mode === 'topic' ? topic : log;
        for (let n = 1; n <= count; n++) to.tick(mode, n);
        to.done(mode, count);
        return count;
      },
      subscribers: (mode) => (mode === 'topic' ? topic.size() : followers),
    }),
  ],
  events: {
    store: redisStore({ redis: url, prefix }),
    maxQueue: 1_000_000,
    maxQueueBytes: 2 ** 30,
  },
  onError: (error) => console.error(error),
});
topic = server.topic(FanEvents, 'fan');
log = server.log(FanEvents, 'fan', { maxEvents: 1_000_000 });
const listening = await server.listen(0, '127.0.0.1');
process.stdout.write(`${JSON.stringify({ port: listening.port })}\n`);

for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => process.exit(0));
const parent = process.ppid;
setInterval(() => process.ppid !== parent && process.exit(0), 1_000).unref();
