// The `websocket` suite: events pushed to one client over contract-gen's
// WebSocket binding, beside a raw `ws` server pushing the same JSON in the
// same batch sizes and socket.io over websocket; and the latency of single
// events at 1,000 events/s. Server and client run in separate processes on
// loopback; every run is bounded in time. See bench/README.md.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot, workDir } from '../lib/paths.mjs';
import { result } from '../lib/result.mjs';
import { median } from '../lib/stats.mjs';

export const name = 'websocket';

/** Longest any one process may run before the suite fails it. */
const PROCESS_LIMIT_MS = 120_000;

// Every contestant pushes the same events: tick(n, "AAPL"), i.e. {"seq":n,"cb":1,"method":"tick","args":[n,"AAPL"]},
// published `batch` at a time with a setImmediate between batches. For latency, n is the send time
// (process.hrtime, CLOCK_MONOTONIC: one clock for every process of the machine).
const scripts = {
  'ours-server.mjs': `
import { defineService } from '@contract-gen/runtime/server';
import { createServer } from '@contract-gen/runtime/server/node';
import * as s from '@contract-gen/runtime/schema';
import { publishing } from './publishing.mjs';
const Events = s.callbackInterface('BenchEvents', { tick: [s.number(), s.string()] });
const Bench = s.service('Bench', {
  subscribe: s.method([s.callback(Events)], s.void()),
  burst: s.method([s.number(), s.number()], s.void()),
  paced: s.method([s.number(), s.number()], s.void()),
  cpu: s.method([], s.number()),
});
let subscriber;
const publish = publishing((n) => subscriber.tick(n, 'AAPL'));
const service = defineService(Bench, {
  subscribe(events) { subscriber = events; },
  burst(count, batch) { void publish.burst(count, batch); },
  paced(count, rate) { void publish.paced(count, rate); },
  cpu: () => cpuMicros(),
});
function cpuMicros() { const u = process.cpuUsage(); return u.user + u.system; }
const { port } = await createServer({ services: [service], events: { maxQueue: 1_000_000, maxQueueBytes: 2 ** 30 } }).listen(0);
console.log(JSON.stringify({ port }));
`,
  'ours-client.mjs': `
import { connect } from '@contract-gen/runtime/client';
import * as s from '@contract-gen/runtime/schema';
import { WebSocket } from 'ws';
import { measuring } from './measuring.mjs';
const [port, mode, a, b] = process.argv.slice(2);
const Events = s.callbackInterface('BenchEvents', { tick: [s.number(), s.string()] });
const Bench = s.service('Bench', {
  subscribe: s.method([s.callback(Events)], s.void()),
  burst: s.method([s.number(), s.number()], s.void()),
  paced: s.method([s.number(), s.number()], s.void()),
  cpu: s.method([], s.number()),
});
const conn = connect('http://127.0.0.1:' + port, { transport: 'websocket', WebSocket });
const m = measuring();
await conn.call(Bench, 'subscribe', [{ tick: (n) => m.event(n) }]);
await new Promise((r) => setTimeout(r, 300)); // the socket is up
await m.run(mode, Number(a), Number(b), (method, x, y) => conn.call(Bench, method, [x, y]), () => conn.call(Bench, 'cpu', []));
await conn.close();
process.exit(0);
`,
  'raw-server.mjs': `
import { WebSocketServer } from 'ws';
import { publishing } from './publishing.mjs';
const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
wss.on('listening', () => console.log(JSON.stringify({ port: wss.address().port })));
wss.on('connection', (ws) => {
  let seq = 0;
  let frame = [];
  // The same event JSON, built per event; one frame per batch (flushed when the batch is complete).
  const publish = publishing((n) => frame.push(JSON.stringify({ seq: ++seq, cb: 1, method: 'tick', args: [n, 'AAPL'] })), () => {
    if (frame.length > 0) ws.send('{"type":"events","events":[' + frame.join(',') + ']}');
    frame = [];
  });
  ws.on('message', (data) => {
    const { method, a, b } = JSON.parse(String(data));
    if (method === 'cpu') return ws.send(JSON.stringify({ cpu: process.cpuUsage().user + process.cpuUsage().system }));
    void publish[method](a, b);
  });
});
`,
  'raw-client.mjs': `
import { WebSocket } from 'ws';
import { measuring } from './measuring.mjs';
const [port, mode, a, b] = process.argv.slice(2);
const ws = new WebSocket('ws://127.0.0.1:' + port);
const m = measuring();
let cpuAnswer;
ws.on('message', (data) => {
  const frame = JSON.parse(String(data));
  if (frame.cpu !== undefined) return cpuAnswer(frame.cpu);
  for (const e of frame.events) m.event(e.args[0]);
});
await new Promise((r) => ws.once('open', r));
const cpu = () => new Promise((r) => { cpuAnswer = r; ws.send('{"method":"cpu"}'); });
await m.run(mode, Number(a), Number(b), async (method, x, y) => ws.send(JSON.stringify({ method, a: x, b: y })), cpu);
ws.close();
process.exit(0);
`,
  'sio-server.mjs': `
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { publishing } from './publishing.mjs';
const http = createServer();
const io = new Server(http, { transports: ['websocket'] });
io.on('connection', (socket) => {
  const publish = publishing((n) => socket.emit('tick', n, 'AAPL'));
  socket.on('go', ({ method, a, b }) => void publish[method](a, b));
  socket.on('cpu', (answer) => { const u = process.cpuUsage(); answer(u.user + u.system); });
});
http.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: http.address().port })));
`,
  'sio-client.mjs': `
import { io } from 'socket.io-client';
import { measuring } from './measuring.mjs';
const [port, mode, a, b] = process.argv.slice(2);
const socket = io('http://127.0.0.1:' + port, { transports: ['websocket'] });
const m = measuring();
socket.on('tick', (n) => m.event(n));
await new Promise((r) => socket.once('connect', r));
await m.run(mode, Number(a), Number(b), async (method, x, y) => socket.emit('go', { method, a: x, b: y }), () => socket.emitWithAck('cpu'));
socket.close();
process.exit(0);
`,
  'publishing.mjs': `
// Publishes tick(n) in bursts of \`batch\` with a setImmediate between them, or paced at \`rate\`/s with n = the send time.
export function publishing(tick, endOfBatch = () => {}) {
  const turn = () => new Promise((r) => setImmediate(r));
  return {
    async burst(count, batch) {
      for (let n = 0; n < count; ) {
        const end = Math.min(count, n + batch);
        while (n < end) tick(++n);
        endOfBatch();
        await turn();
      }
    },
    async paced(count, rate) {
      const start = Number(process.hrtime.bigint()) / 1e6;
      for (let i = 0; i < count; i++) {
        const wait = start + (i * 1000) / rate - Number(process.hrtime.bigint()) / 1e6;
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        tick(Number(process.hrtime.bigint()));
        endOfBatch();
      }
    },
  };
}
`,
  'measuring.mjs': `
// Counts events (burst: events/s from the request to the last event) or records each one's latency (paced).
const cpuMicros = () => { const u = process.cpuUsage(); return u.user + u.system; };
export function measuring() {
  let expected = 0, received = 0, done, latencies = null;
  return {
    event(n) {
      if (latencies !== null) latencies.push((Number(process.hrtime.bigint()) - n) / 1e6);
      if (++received === expected) done();
    },
    async run(mode, a, b, request, serverCpu) {
      const once = async (method, x, y) => {
        received = 0;
        expected = x;
        const finished = new Promise((r) => (done = r));
        const t0 = process.hrtime.bigint();
        await request(method, x, y);
        await finished;
        return Number(process.hrtime.bigint() - t0) / 1e9;
      };
      if (mode === 'burst') {
        // Warm-up: the same burst once, so every contestant is measured with its hot paths compiled (a
        // server runs for days; the first 20,000 events of a fresh process measured mostly the JIT).
        await once('burst', a, b);
        // CPU per event on each side: unlike events/s, hardly moved by other work on the machine.
        const [server0, client0] = [await serverCpu(), cpuMicros()];
        const seconds = await once('burst', a, b);
        const [server1, client1] = [await serverCpu(), cpuMicros()];
        console.log(JSON.stringify({ eventsPerSecond: a / seconds, serverCpuUs: (server1 - server0) / a, clientCpuUs: (client1 - client0) / a }));
      } else {
        await once('paced', Math.min(a, 2_000), b); // warm-up: two seconds at 1,000/s, for the same reason
        latencies = [];
        await once('paced', a, b);
        latencies.sort((x, y) => x - y);
        const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
        console.log(JSON.stringify({ p50: at(0.5), p99: at(0.99) }));
      }
    },
  };
}
`,
};

/** Writes the contestants' scripts to bench/.work/websocket (inside the repository, so `contract-gen` resolves to this package). */
function writeScripts() {
  const dir = workDir('websocket');
  for (const [file, text] of Object.entries(scripts))
    writeFileSync(join(dir, file), text.trimStart());
  return dir;
}

/** Spawns a node script; resolves with the child and its first stdout line parsed as JSON. */
function start(dir, file, args = []) {
  const child = spawn(process.execPath, [join(dir, file), ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr = [];
  child.stderr.on('data', (chunk) => stderr.push(chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), PROCESS_LIMIT_MS);
  const first = new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `${file} ${args.join(' ')} exited (${signal ?? code}) before answering:\n${Buffer.concat(stderr).toString().slice(-2000)}`,
        ),
      );
    });
  });
  return { child, first };
}

/** One measurement: a fresh server process, a client process that runs `mode` and prints its figures. */
async function measure(dir, who, mode, a, b) {
  const server = start(dir, `${who}-server.mjs`);
  try {
    const { port } = await server.first;
    return await start(dir, `${who}-client.mjs`, [String(port), mode, String(a), String(b)]).first;
  } finally {
    server.child.kill('SIGKILL');
  }
}

/** The median of `rounds` measurements of each contestant, alternating. */
async function medians(dir, contestants, mode, a, b, rounds, key, log) {
  const samples = Object.fromEntries(contestants.map((c) => [c, []]));
  for (let round = 0; round < rounds; round++) {
    const order = contestants.map((_, i) => contestants[(i + round) % contestants.length]);
    for (const who of order) {
      const figures = await measure(dir, who, mode, a, b);
      samples[who].push(figures);
      log(
        `${mode} ${a}/${b} ${who}: ${JSON.stringify(figures, (_, v) => (typeof v === 'number' ? Number(v.toPrecision(4)) : v))}`,
      );
    }
  }
  return Object.fromEntries(
    contestants.map((c) => [
      c,
      Object.fromEntries(key.map((k) => [k, median(samples[c].map((s) => s[k]))])),
    ]),
  );
}

export async function run({ quick, rounds, log }) {
  const dir = writeScripts();
  const n = rounds ?? (quick ? 1 : 3);
  const count = quick ? 50_000 : 200_000;
  const single = await medians(
    dir,
    ['ours', 'raw'],
    'burst',
    count / 2,
    1,
    n,
    ['eventsPerSecond'],
    log,
  );
  const batched = await medians(
    dir,
    ['ours', 'raw', 'sio'],
    'burst',
    count,
    100,
    n,
    ['eventsPerSecond'],
    log,
  );
  const latency = await medians(
    dir,
    ['ours', 'sio'],
    'paced',
    quick ? 1_000 : 5_000,
    1_000,
    n,
    ['p50', 'p99'],
    log,
  );
  const rate = (label, value, peer, peerValue, goal) =>
    result({ name: label, unit: 'events/s', value, peer, peerValue, better: 'higher', goal });
  return [
    rate(
      'websocket events/s, 1 event per frame',
      single.ours.eventsPerSecond,
      'raw ws 8, same JSON, 1 per frame',
      single.raw.eventsPerSecond,
      0.6,
    ),
    rate(
      'websocket events/s, 100 events per frame',
      batched.ours.eventsPerSecond,
      'raw ws 8, same JSON, 100 per frame',
      batched.raw.eventsPerSecond,
      0.6,
    ),
    rate(
      'websocket events/s vs socket.io (100 published per turn)',
      batched.ours.eventsPerSecond,
      'socket.io 4 over websocket',
      batched.sio.eventsPerSecond,
      4,
    ),
    result({
      name: 'websocket p50 latency at 1,000 events/s',
      unit: 'ms',
      value: latency.ours.p50,
      peer: 'socket.io 4 over websocket',
      peerValue: latency.sio.p50,
      better: 'lower',
      goal: 1.5,
    }),
    result({
      name: 'websocket p99 latency at 1,000 events/s',
      unit: 'ms',
      value: latency.ours.p99,
      peer: 'the goal: 2 ms',
      peerValue: 2,
      better: 'lower',
      goal: 1,
    }),
  ];
}
