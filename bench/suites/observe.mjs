// What metrics cost: the fan-out of the events suite (one burst to 1,000
// long-polling clients over two client processes) on contract-gen's events
// server with metrics off and with metrics on (an OpenTelemetry
// MeterProvider and the Prometheus exporter, bench/servers/contract-gen-events.mjs
// `metrics`). Goal: metrics on deliver at least 0.95x the events/s of off.
// The two servers alternate round after round.
//
// Wall-clock events/s on a shared machine swing by more than the 5 % at
// stake, so a second figure measures the work itself: events per second of
// the server process's own CPU time (user + system, from /proc/<pid>/stat)
// over the same rounds. A progress line also shows the memory store's part
// alone (queue a burst member by member, read, acknowledge; this process's
// CPU time), the only path metrics touch per event.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../lib/paths.mjs';
import { result } from '../lib/result.mjs';
import { alternate } from '../lib/rounds.mjs';
import { startServerProcess } from '../lib/server-process.mjs';
import { median } from '../lib/stats.mjs';
import { startWorker } from '../lib/worker-process.mjs';

export const name = 'observe';

const OFF = 'metrics off';
const ON = 'metrics on';

export async function run({ quick = false, rounds: roundsOverride, log = console.log } = {}) {
  for (const file of ['runtime/dist/server/index.js', 'build/apps/conformance/ticker-service.js'])
    if (!existsSync(join(repoRoot, file)))
      throw new Error(`${file} is missing: run 'npm run build && npm run build:apps'`);
  const rounds = roundsOverride ?? (quick ? 1 : 5);
  const clients = quick ? 200 : 1_000;
  const processes = 2;
  const burst = quick ? 200 : 1_000;
  const running = {};
  try {
    for (const [who, args] of [
      [OFF, []],
      [ON, ['metrics']],
    ])
      running[who] = await start(who, args, processes, clients / processes);
    log(`fan-out: ${clients} clients subscribed to each server`);
    const perCpu = { [OFF]: [], [ON]: [] };
    const measure = async (who) => {
      const before = serverCpuSeconds(running[who].server.pid);
      const round = await fanOutRound(running[who].clients, burst);
      perCpu[who].push(round.events / (serverCpuSeconds(running[who].server.pid) - before));
      return round.rate;
    };
    const stats = await alternate(
      { [OFF]: () => measure(OFF), [ON]: () => measure(ON) },
      {
        rounds,
        warmup: quick ? 0 : 1,
        onSample: (who, value) =>
          log(
            `fan-out to ${clients}, ${who}: ${rate(value)} events/s, ${rate(perCpu[who].at(-1))} per server CPU second`,
          ),
      },
    );
    // Without the warm-up round's figures, as alternate() drops its samples.
    const kept = (who) => perCpu[who].slice(-rounds);
    await storePath({ quick, log });
    const fanned = `fan-out to ${clients.toLocaleString('en-US')} clients with metrics on`;
    return [
      result({
        name: `${fanned}, server CPU`,
        unit: 'events/CPU s',
        value: median(kept(ON)),
        peer: 'the same with metrics off',
        peerValue: median(kept(OFF)),
        better: 'higher',
        goal: 0.95,
      }),
      result({
        name: fanned,
        unit: 'events/s',
        value: stats[ON].median,
        peer: 'the same with metrics off',
        peerValue: stats[OFF].median,
        better: 'higher',
        goal: 0.95,
      }),
    ];
  } finally {
    await Promise.all(
      Object.values(running).flatMap(({ server, clients: workers }) => [
        ...workers.map((c) => c.stop()),
        server.stop(),
      ]),
    );
  }
}

/** The events server with `args`, and `processes` client processes subscribing `perProcess` clients each. */
async function start(who, args, processes, perProcess) {
  const server = await startServerProcess(
    join(repoRoot, 'bench', 'servers', 'contract-gen-events.mjs'),
    { cwd: repoRoot, args },
  );
  const side = { server, clients: [] };
  const symbol = `observe-${process.pid}`;
  for (let p = 0; p < processes; p++)
    side.clients.push(
      await startWorker(join(repoRoot, 'bench', 'clients', 'contract-gen-events.mjs'), {
        cwd: repoRoot,
        label: `${who} client ${p + 1}`,
      }),
    );
  await Promise.all(
    side.clients.map((c) =>
      c.send({ cmd: 'open', url: server.url, clients: perProcess, symbol }, { timeout: 120_000 }),
    ),
  );
  const { subscribers } = await side.clients[0].send({ cmd: 'subscribers' });
  if (subscribers !== processes * perProcess)
    throw new Error(
      `${who}: the server counts ${subscribers} subscriptions, not ${processes * perProcess}`,
    );
  return side;
}

/** One burst to every client, primed as the events suite does: the events, and events/s from the publish call to the last arrival. */
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
  const lastAt = Math.max(...done.map((d) => d.lastAt));
  return { events, rate: (events * 1000) / (lastAt - sentAt) };
}

/** Clock ticks per second of /proc's times (USER_HZ: 100 on Linux). */
const CLOCK_TICKS = 100;

/** The CPU time (user + system) process `pid` has used, in seconds (Linux: /proc/<pid>/stat). */
function serverCpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The fields after the command's closing parenthesis, from the state on: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/**
 * Events per CPU second of the memory store's fan-out path (queue a burst
 * member by member, read, acknowledge), without and with the event metrics,
 * alternating: a progress line (the server's whole fan-out is the result).
 */
async function storePath({ quick, log }) {
  const dist = (file) =>
    import(pathToFileURL(join(repoRoot, 'runtime', 'dist', 'server', file)).href);
  const { memoryStore } = await dist('index.js');
  const { EventMetrics } = await dist('observe/event-metrics.js');
  const { MeterProvider } = await import('@opentelemetry/sdk-metrics');
  const { PrometheusExporter } = await import('@opentelemetry/exporter-prometheus');
  const provider = new MeterProvider({
    readers: [new PrometheusExporter({ preventServerStart: true })],
  });
  const clients = 1_000;
  const burst = quick ? 200 : 1_000;
  const head = '"cb":1,"method":"tick","args":';
  const tails = Array.from(
    { length: burst },
    (_, n) => `["AAPL",${n + 1},"2026-12-07T06:00:00.000Z"]`,
  );
  const counts = () => ({ sockets: 0, polling: clients, parked: 0 });
  const once = async (metricsOn) => {
    const store = memoryStore();
    const observer = metricsOn
      ? new EventMetrics(provider.getMeter('bench'), counts, () => store.queueStats())
      : undefined;
    store.start(
      { ttl: 600_000, maxQueue: 1_000_000, overflow: 'drop-oldest', now: Date.now, observer },
      { appended() {}, released() {}, ended() {} },
    );
    const ids = Array.from({ length: clients }, (_, i) => `client-${i}`);
    for (const id of ids) await store.open(id);
    const start = process.cpuUsage();
    for (const id of ids) for (const tail of tails) store.appendPieces(id, head, tail);
    let read = 0;
    for (const id of ids) {
      const events = await store.read(id, 0, burst);
      if (events.wrap('{"events":[', ']}').length > 0) read += events.count;
      await store.read(id, burst, burst);
    }
    const used = process.cpuUsage(start);
    if (read !== clients * burst) throw new Error(`read ${read} events, not ${clients * burst}`);
    return (clients * burst) / ((used.user + used.system) / 1e6);
  };
  const stats = await alternate(
    { [OFF]: () => once(false), [ON]: () => once(true) },
    { rounds: 5, warmup: 1 },
  );
  await provider.shutdown();
  log(
    `the memory store's fan-out path alone, medians: ${OFF} ${rate(stats[OFF].median)}, ${ON} ${rate(stats[ON].median)} events per CPU second (${(stats[ON].median / stats[OFF].median).toFixed(2)}x)`,
  );
}

function rate(value) {
  return Math.round(value).toLocaleString('en-US');
}
