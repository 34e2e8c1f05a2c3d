// The `memory` suite: what one idle client costs the server. 10,000 clients
// (quick: 1,000) connect to a fresh server process, each subscribes once and
// then sits idle — a parked long poll or an open WebSocket — and the suite
// reads the server's RSS and JS heap after a forced GC, above its baseline,
// divided by the number of clients. The project's server (long polling and
// WebSocket) runs beside a bare node:http long-poll server, a raw `ws`
// server and socket.io 4.8 over each transport, alternating, several rounds,
// medians. Clients live in separate worker processes
// (bench/clients/idle-clients.mjs), all on loopback. See bench/README.md.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { withFdLimit } from '../lib/fd-limit.mjs';
import { benchDir, repoRoot } from '../lib/paths.mjs';
import { result } from '../lib/result.mjs';
import { median } from '../lib/stats.mjs';
import { startWorker } from '../lib/worker-process.mjs';

export const name = 'memory';

const servers = join(benchDir, 'servers');
const contestants = {
  'contract-gen long poll': { server: ['idle-contract-gen.mjs'], kind: 'contract-gen-poll' },
  'bare long-poll server': { server: ['bare-longpoll.mjs'], kind: 'bare-poll' },
  'socket.io polling': { server: ['idle-socketio.mjs', 'polling'], kind: 'socket.io-poll' },
  'contract-gen WebSocket': { server: ['idle-contract-gen.mjs'], kind: 'contract-gen-ws' },
  'raw ws': { server: ['idle-ws.mjs'], kind: 'ws' },
  'socket.io websocket': { server: ['idle-socketio.mjs', 'websocket'], kind: 'socket.io-ws' },
};

/**
 * Clients connected before the baseline is read: the first requests load code
 * lazily and warm the JIT, a one-time cost that must not be charged per client.
 */
const WARM_CLIENTS = 100;

/** The per-client allowance over the raw peers, in KiB (issue 11: at most the raw peer + 2 KB). */
const ALLOWANCE_KIB = 2;

export async function run({ quick = false, rounds: roundsOverride, log = console.log } = {}) {
  if (
    !existsSync(join(repoRoot, 'build', 'apps', 'conformance', 'generated', 'ticker.server.js'))
  ) {
    throw new Error(
      "build/apps is missing: run 'npm run build && npm run build:apps' (npm run bench does)",
    );
  }
  const settings = {
    clients: quick ? 500 : 10_000,
    workers: quick ? 2 : 4,
    rounds: roundsOverride ?? (quick ? 1 : 3),
    // After the last client subscribed: time for the last polls to park and the heap to settle.
    settleMs: quick ? 300 : 3_000,
    samples: quick ? 3 : 5,
    sampleGapMs: quick ? 50 : 200,
  };
  checkFdLimit(WARM_CLIENTS + settings.clients);
  const workers = await Promise.all(
    Array.from({ length: settings.workers }, (_, i) =>
      startWorker(join(benchDir, 'clients', 'idle-clients.mjs'), {
        cwd: repoRoot,
        label: `idle clients ${i + 1}`,
        manyFiles: true,
      }),
    ),
  );
  try {
    const names = Object.keys(contestants);
    const samples = Object.fromEntries(names.map((n) => [n, []]));
    for (let round = 0; round < settings.rounds; round++) {
      // The order rotates every round, so no contestant always runs first or right after a particular other one.
      const order = names.map((_, i) => names[(i + round) % names.length]);
      for (const who of order) {
        const t0 = Date.now();
        const figures = await measure(contestants[who], workers, settings);
        samples[who].push(figures);
        log(
          `memory: ${who}, ${settings.clients.toLocaleString('en-US')} idle clients: ` +
            `RSS ${figures.rssKiB.toFixed(2)} KiB, heap ${figures.heapKiB.toFixed(2)} KiB per client ` +
            `(baseline RSS ${mib(figures.baseRss)} MiB, heap ${mib(figures.baseHeap)} MiB; ${figures.waiting} polls parked; ${figures.steps}, closed ${seconds(t0)} s)`,
        );
      }
    }
    const rss = (who) => median(samples[who].map((s) => s.rssKiB));
    const heap = (who) => median(samples[who].map((s) => s.heapKiB));
    for (const who of names)
      log(
        `memory: ${who}: median RSS ${rss(who).toFixed(2)} KiB, heap ${heap(who).toFixed(2)} KiB per client`,
      );
    const count = settings.clients.toLocaleString('en-US');
    const perClient = (label, ours, peer, peerLabel, goal) =>
      result({
        name: label,
        unit: 'KiB',
        value: rss(ours),
        peer: peerLabel,
        peerValue: rss(peer),
        better: 'lower',
        goal,
      });
    // "At most the raw peer + 2 KiB" as a ratio: (raw + 2) / raw, from this run's raw figure.
    const plusAllowance = (peer) => (rss(peer) + ALLOWANCE_KIB) / rss(peer);
    for (const peer of names)
      if (!(rss(peer) > 0))
        throw new Error(
          `memory: ${peer} measured ${rss(peer)} KiB per client; too noisy to compare`,
        );
    const poll = `server RSS per idle long-polling client (${count} clients)`;
    const ws = `server RSS per idle WebSocket client (${count} clients)`;
    return [
      perClient(
        poll,
        'contract-gen long poll',
        'bare long-poll server',
        'bare node:http long-poll server',
        plusAllowance('bare long-poll server'),
      ),
      perClient(
        `${poll} vs socket.io`,
        'contract-gen long poll',
        'socket.io polling',
        'socket.io 4.8 polling',
        0.75,
      ),
      perClient(ws, 'contract-gen WebSocket', 'raw ws', 'raw ws 8 server', plusAllowance('raw ws')),
      perClient(
        `${ws} vs socket.io`,
        'contract-gen WebSocket',
        'socket.io websocket',
        'socket.io 4.8 websocket',
        0.75,
      ),
    ];
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}

/** Fails early, with what to do, when one server process could not hold `sockets` (the hard fd limit is below them). */
function checkFdLimit(sockets) {
  if (process.platform === 'win32') return;
  const hard = execFileSync('sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).trim();
  if (hard !== 'unlimited' && Number(hard) < sockets + 200) {
    throw new Error(
      `memory: the hard limit on open files is ${hard}, and one server must hold ${sockets} sockets; raise it (ulimit -Hn, /etc/security/limits.conf) or run with --quick`,
    );
  }
}

/**
 * One measurement: a fresh server, WARM_CLIENTS clients, the baseline, then
 * `clients` more, spread over the workers; the memory they added, per client.
 */
async function measure(
  { server: [script, ...args], kind },
  workers,
  { clients, settleMs, samples, sampleGapMs },
) {
  const t0 = Date.now();
  const server = await startProbedServer(join(servers, script), args);
  const steps = [`started ${seconds(t0)} s`];
  try {
    await openClients(workers, kind, server.port, WARM_CLIENTS);
    await sleep(settleMs);
    const base = await server.memory(samples, sampleGapMs);
    steps.push(`baseline ${seconds(t0)} s`);
    const subscribed = await openClients(workers, kind, server.port, clients);
    steps.push(`connected ${seconds(t0)} s`);
    if (subscribed !== WARM_CLIENTS + clients) {
      throw new Error(
        `${kind}: the server counted ${subscribed} subscriptions, expected ${WARM_CLIENTS + clients}`,
      );
    }
    await sleep(settleMs);
    const loaded = await server.memory(samples, sampleGapMs);
    const status = await Promise.all(workers.map((w) => w.send({ cmd: 'status' })));
    const errors = status.reduce((n, s) => n + s.errors, 0);
    if (errors > 0)
      throw new Error(
        `${kind}: ${errors} clients failed while idle, first: ${status.find((s) => s.firstError)?.firstError}`,
      );
    const live = status.reduce((n, s) => n + s.live, 0);
    const waiting = status.reduce((n, s) => n + s.waiting, 0);
    if (live !== WARM_CLIENTS + clients)
      throw new Error(`${kind}: ${live} clients live, expected ${WARM_CLIENTS + clients}`);
    // Polls are re-sent when the server answers one (its wait is over, a socket.io ping): a few may be between two.
    if (kind.endsWith('-poll') && waiting < live * 0.9)
      throw new Error(`${kind}: only ${waiting} of ${live} long polls parked`);
    return {
      rssKiB: (loaded.rss - base.rss) / clients / 1024,
      heapKiB: (loaded.heapUsed - base.heapUsed) / clients / 1024,
      baseRss: base.rss,
      baseHeap: base.heapUsed,
      waiting: kind.endsWith('-poll') ? waiting : 'no',
      steps: steps.join(', '),
    };
  } finally {
    await Promise.all(workers.map((w) => w.send({ cmd: 'closeAll' }, { timeout: 30_000 })));
    await server.stop();
  }
}

/** Opens `count` clients spread over the workers; resolves with the largest subscription count the server reported. */
async function openClients(workers, kind, port, count) {
  const shares = workers.map(
    (_, i) => Math.floor(count / workers.length) + (i < count % workers.length ? 1 : 0),
  );
  const answers = await Promise.all(
    workers.map((w, i) =>
      shares[i] === 0
        ? { maxSubscribed: 0 }
        : w.send({ cmd: 'open', kind, port, count: shares[i] }, { timeout: 180_000 }),
    ),
  );
  return Math.max(...answers.map((a) => a.maxSubscribed));
}

/**
 * Starts a server script with --expose-gc, the memory probe preloaded and an
 * IPC channel, its fd limit raised; resolves with `{ port, memory(samples, gapMs), stop() }`
 * once it has printed its port. `memory` takes `samples` readings `gapMs`
 * apart, each after a full GC, and resolves with the median RSS and heap.
 */
function startProbedServer(script, args) {
  const probe = pathToFileURL(join(servers, 'memory-probe.mjs')).href;
  const [command, argv] = withFdLimit(process.execPath, [
    '--expose-gc',
    '--import',
    probe,
    script,
    ...args,
  ]);
  const child = spawn(command, argv, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-8_000);
  });
  const exited = new Promise((_, reject) =>
    child.once('exit', (code, signal) =>
      reject(new Error(`${script} exited (${signal ?? code})\n${stderr}`)),
    ),
  );
  exited.catch(() => {});
  let nextProbe = 0;
  const probeOnce = () =>
    Promise.race([
      exited,
      new Promise((resolve, reject) => {
        const id = ++nextProbe;
        const timer = setTimeout(
          () => reject(new Error(`${script}: no memory reading within 30 s`)),
          30_000,
        );
        const onMessage = (message) => {
          if (message?.probe !== id) return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(message);
        };
        child.on('message', onMessage);
        child.send({ probe: id });
      }),
    ]);
  const port = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} printed no port within 20 s\n${stderr}`)),
      20_000,
    );
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line).port);
    });
  });
  return Promise.race([port, exited]).then(
    (p) => ({
      port: p,
      async memory(samples, gapMs) {
        const readings = [];
        for (let i = 0; i < samples; i++) {
          if (i > 0) await sleep(gapMs);
          readings.push(await probeOnce());
        }
        return {
          rss: median(readings.map((r) => r.rss)),
          heapUsed: median(readings.map((r) => r.heapUsed)),
        };
      },
      stop: () =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    }),
    (error) => {
      child.kill('SIGKILL');
      throw error;
    },
  );
}

const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);
