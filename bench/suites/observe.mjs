// What metrics cost: the fan-out of the events suite (one burst to 1,000
// long-polling clients over two client processes) on contract-gen's events
// server with metrics off and with metrics on (an OpenTelemetry
// MeterProvider and the Prometheus exporter, bench/servers/contract-gen-events.mjs
// `metrics`). Goal: metrics on deliver at least 0.95x the events/s of off.
// The two servers alternate round after round.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../lib/paths.mjs';
import { result } from '../lib/result.mjs';
import { alternate } from '../lib/rounds.mjs';
import { startServerProcess } from '../lib/server-process.mjs';
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
    const stats = await alternate(
      {
        [OFF]: () => fanOutRound(running[OFF].clients, burst),
        [ON]: () => fanOutRound(running[ON].clients, burst),
      },
      {
        rounds,
        warmup: quick ? 0 : 1,
        onSample: (who, value) =>
          log(
            `fan-out to ${clients}, ${who}: ${Math.round(value).toLocaleString('en-US')} events/s`,
          ),
      },
    );
    return [
      result({
        name: `fan-out to ${clients.toLocaleString('en-US')} clients with metrics on`,
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

/** One burst to every client, primed as the events suite does: events/s from the publish call to the last arrival. */
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
  return (events * 1000) / (lastAt - sentAt);
}
