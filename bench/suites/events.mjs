// Events over HTTP long polling: contract-gen's event channel and client
// beside socket.io 4.8 over its polling transport, and beside a bare
// long-poll loop (the floor), in the same run:
//
// 1. events/s delivered to one long-polling client (one large burst);
// 2. events/s delivered in all when one stream fans out to 1,000 clients;
// 3. latency from publishing one event to the application callback, p50 and
//    p99, with the client's poll parked.
//
// Every server runs in its own process, every client side in its own
// process(es), all on 127.0.0.1; the suite only coordinates them over stdio
// (bench/lib/worker-process.mjs). See bench/README.md for what each side
// does and how it is configured.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../lib/paths.mjs';
import { result, round4 } from '../lib/result.mjs';
import { alternate } from '../lib/rounds.mjs';
import { startServerProcess } from '../lib/server-process.mjs';
import { median } from '../lib/stats.mjs';
import { startWorker } from '../lib/worker-process.mjs';

export const name = 'events';

const OURS = 'contract-gen';
const SOCKET_IO = 'socket.io 4.8 polling';
const BARE = 'bare long-poll loop';
// The same loop over fetch instead of node:http: not a result, a progress line that shows what the HTTP client costs.
const BARE_FETCH = 'bare long-poll loop over fetch';

const sides = {
  [OURS]: { server: 'contract-gen-events.mjs', client: 'contract-gen-events.mjs' },
  [SOCKET_IO]: { server: 'socketio-events.mjs', client: 'socketio-events.mjs' },
  [BARE]: { server: 'bare-longpoll.mjs', client: 'bare-longpoll.mjs' },
  [BARE_FETCH]: { server: 'bare-longpoll.mjs', client: 'bare-longpoll.mjs', clientArgs: ['fetch'] },
};

/** The latency goal of issue 4, in ms: p99 at most this. */
const LATENCY_P99_MS = 5;

export async function run({ quick = false, rounds: roundsOverride, log = console.log } = {}) {
  for (const file of [
    'runtime/dist/client/index.js',
    'runtime/dist/server/index.js',
    'build/apps/conformance/generated/ticker.client.js',
  ]) {
    if (!existsSync(join(repoRoot, file)))
      throw new Error(
        `${file} is missing: run 'npm run build && npm run build:apps' (npm run bench does)`,
      );
  }
  // Quick is a smoke check (the whole --quick run stays under 2 minutes): one round, no warm-up,
  // smaller bursts, and 200 fan-out clients (subscribing 1,000 per side is most of this suite's time).
  const settings = {
    rounds: roundsOverride ?? (quick ? 1 : 5),
    warmup: quick ? 0 : 1,
    // One client: the burst after the primer.
    burst: quick ? 20_000 : 200_000,
    // Latency: samples per round, one publish at a time, at least this far apart.
    samples: quick ? 200 : 1_000,
    gapMs: 1,
    // Fan-out: clients in all, over this many client processes, and the burst each receives.
    fanClients: quick ? 200 : 1_000,
    fanProcesses: 2,
    fanBurst: quick ? 200 : 1_000,
  };
  return [
    ...(await oneClient(settings, log)),
    ...(await latency(settings, log)),
    ...(await fanOut(settings, log)),
  ];
}

/** Events/s to one client: every side, one server process and one client process each. */
async function oneClient(s, log) {
  const running = await startAll(Object.keys(sides), 1, 1, 'one');
  try {
    // Per side and round, two figures: counted from the publish call (the primer's arrival; the
    // alternate() value) and from the burst's first event (delivery of a queued burst).
    const delivery = Object.fromEntries(Object.keys(sides).map((who) => [who, []]));
    const fromPublish = await alternate(
      Object.fromEntries(
        Object.keys(sides).map((who) => [
          who,
          async () => {
            const r = await running[who].clients[0].send(
              { cmd: 'throughput', burst: s.burst, timeout: 60_000 },
              { timeout: 90_000 },
            );
            delivery[who].push((r.events * 1000) / r.ms);
            return (r.events * 1000) / r.sinceTrigger;
          },
        ]),
      ),
      {
        rounds: s.rounds,
        warmup: s.warmup,
        onSample: (who, v) =>
          log(
            `one client, ${who}: ${rate(v)} events/s from the publish call, ${rate(delivery[who].at(-1))}/s from the first event`,
          ),
      },
    );
    // delivery[] holds the warm-up round too.
    const deliveryMedian = (who) => median(delivery[who].slice(s.warmup));
    log(
      `one client, medians: ${Object.keys(sides)
        .map(
          (who) =>
            `${who} ${rate(fromPublish[who].median)}/s from the publish call, ${rate(deliveryMedian(who))}/s from the first event`,
        )
        .join('; ')}`,
    );
    return [
      result({
        name: 'events/s to one long-polling client',
        unit: 'events/s',
        value: fromPublish[OURS].median,
        peer: SOCKET_IO,
        peerValue: fromPublish[SOCKET_IO].median,
        better: 'higher',
        goal: 2.5,
      }),
      result({
        name: 'events/s to one long-polling client, delivery of a queued burst',
        unit: 'events/s',
        value: deliveryMedian(OURS),
        peer: 'a bare long-poll loop (node:http)',
        peerValue: deliveryMedian(BARE),
        better: 'higher',
        // Issue 4: at least 400k events/s, where a bare loop does about 850k/s.
        goal: 0.47,
      }),
    ];
  } finally {
    await stopAll(running);
  }
}

/** Publish → callback latency, p50 and p99: contract-gen and socket.io, on fresh processes (no heap left by the bursts). */
async function latency(s, log) {
  const who = [OURS, SOCKET_IO];
  const running = await startAll(who, 1, 1, 'latency');
  try {
    const rounds = Object.fromEntries(who.map((w) => [w, []]));
    await alternate(
      Object.fromEntries(
        who.map((w) => [
          w,
          async () => {
            const r = await running[w].clients[0].send(
              { cmd: 'latency', samples: s.samples, gapMs: s.gapMs, timeout: 10_000 },
              { timeout: 120_000 },
            );
            rounds[w].push(r);
            return r.p99;
          },
        ]),
      ),
      {
        rounds: s.rounds,
        warmup: s.warmup,
        onSample: (w) => {
          const { p50, p99, max } = rounds[w].at(-1);
          log(
            `latency, ${w}: p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms, max ${max.toFixed(1)} ms (${s.samples} events)`,
          );
        },
      },
    );
    // rounds[] holds the warm-up round too.
    const measured = (w, key) => round4(median(rounds[w].slice(s.warmup).map((r) => r[key])));
    return [
      result({
        name: 'long-poll latency p99 (publish to callback)',
        unit: 'ms',
        value: measured(OURS, 'p99'),
        peer: SOCKET_IO,
        peerValue: measured(SOCKET_IO, 'p99'),
        better: 'lower',
        // Issue 4's goal is absolute, p99 <= 5 ms: as a ratio to this run's peer figure.
        goal: round4(LATENCY_P99_MS / measured(SOCKET_IO, 'p99')),
      }),
      result({
        name: 'long-poll latency p50 (publish to callback)',
        unit: 'ms',
        value: measured(OURS, 'p50'),
        peer: SOCKET_IO,
        peerValue: measured(SOCKET_IO, 'p50'),
        better: 'lower',
        goal: 1,
      }),
    ];
  } finally {
    await stopAll(running);
  }
}

/** One stream to `fanClients` clients: contract-gen and socket.io, and the bare loop (progress lines only: the floor). */
async function fanOut(s, log) {
  const who = [OURS, SOCKET_IO, BARE];
  const started = Date.now();
  const running = await startAll(who, s.fanProcesses, s.fanClients / s.fanProcesses, 'fan');
  log(
    `fan-out: ${s.fanClients} clients of each side subscribed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  try {
    const detail = {};
    const stats = await alternate(
      Object.fromEntries(
        who.map((w) => [
          w,
          async () => {
            detail[w] = await fanOutRound(running[w].clients, s.fanBurst);
            return detail[w].fromPublish;
          },
        ]),
      ),
      {
        rounds: s.rounds,
        warmup: s.warmup,
        onSample: (w, v) =>
          log(
            `fan-out to ${s.fanClients}, ${w}: ${rate(v)} events/s from the publish call, ${rate(detail[w].fromFirst)}/s from the first event`,
          ),
      },
    );
    log(`fan-out, medians: ${who.map((w) => `${w} ${rate(stats[w].median)}/s`).join('; ')}`);
    const clients = s.fanClients.toLocaleString('en-US');
    return [
      result({
        name: `fan-out to ${clients} long-polling clients`,
        unit: 'events/s',
        value: stats[OURS].median,
        peer: `${SOCKET_IO}, ${clients} clients`,
        peerValue: stats[SOCKET_IO].median,
        better: 'higher',
        goal: 2.5,
      }),
    ];
  } finally {
    await stopAll(running);
  }
}

/**
 * One fan-out measurement: every client process arms its receivers, a primer
 * reaches every client (so every poll is parked again and nothing is in
 * flight), then the first client process publishes the burst. Events/s = all
 * events of the burst received by all clients / (the last one's arrival − the
 * moment the publish was sent), wall clock, comparable across processes on
 * one machine; also counted from the first event's arrival, for the progress
 * line.
 */
async function fanOutRound(clients, burst) {
  await Promise.all(clients.map((c) => c.send({ cmd: 'arm', burst })));
  await clients[0].send({ cmd: 'publish', count: 0 });
  await Promise.all(
    clients.map((c) => c.send({ cmd: 'primed', timeout: 30_000 }, { timeout: 40_000 })),
  );
  const sent = clients[0].send({ cmd: 'publish', count: burst }, { timeout: 90_000 });
  const done = await Promise.all(
    clients.map((c) => c.send({ cmd: 'finished', timeout: 60_000 }, { timeout: 90_000 })),
  );
  const { sentAt } = await sent;
  const events = done.reduce((sum, d) => sum + d.events, 0);
  const firstAt = Math.min(...done.map((d) => d.firstAt));
  const lastAt = Math.max(...done.map((d) => d.lastAt));
  return {
    fromPublish: (events * 1000) / (lastAt - sentAt),
    fromFirst: (events * 1000) / (lastAt - firstAt),
  };
}

/**
 * Starts each side's server, then `processes` client processes each opening
 * `perProcess` subscriptions to one symbol, and checks the server counts them all.
 */
async function startAll(names, processes, perProcess, label) {
  const running = {};
  const symbol = `${label}-${process.pid}`;
  try {
    for (const who of names) {
      const side = sides[who];
      const server = await startServerProcess(join(repoRoot, 'bench', 'servers', side.server), {
        cwd: repoRoot,
      });
      running[who] = { server, clients: [] };
      for (let p = 0; p < processes; p++) {
        running[who].clients.push(
          await startWorker(join(repoRoot, 'bench', 'clients', side.client), {
            cwd: repoRoot,
            args: side.clientArgs ?? [],
            label: `${who} client ${p + 1}`,
          }),
        );
      }
      await Promise.all(
        running[who].clients.map((c) =>
          c.send(
            { cmd: 'open', url: server.url, clients: perProcess, symbol },
            { timeout: 120_000 },
          ),
        ),
      );
      const { subscribers } = await running[who].clients[0].send({ cmd: 'subscribers' });
      if (subscribers !== processes * perProcess) {
        throw new Error(
          `${who}: the server counts ${subscribers} subscriptions after ${processes * perProcess} clients subscribed`,
        );
      }
    }
    return running;
  } catch (error) {
    await stopAll(running);
    throw error;
  }
}

async function stopAll(running) {
  // A server that died on its own never reports its exit to stop(): give up waiting after 5 s.
  const bounded = (promise) =>
    Promise.race([promise, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
  await Promise.all(
    Object.values(running).flatMap(({ server, clients }) => [
      ...clients.map((c) => c.stop()),
      bounded(server.stop()),
    ]),
  );
}

function rate(v) {
  return Math.round(v).toLocaleString('en-US');
}
