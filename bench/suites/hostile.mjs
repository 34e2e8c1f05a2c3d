// Hostile input against contract-gen's node:http server with every default
// (issue 18): how long a 1 MiB nested body or frame takes to be refused,
// beside a flat body or frame of the same size answered, and a health call's
// p99 latency while four senders post 1 MiB nested bodies, or while 2,000
// bodies arrive a byte a second (each at its own moment of the second),
// beside the same server idle; and the same 2,000 bodies all written in one
// burst a second, beside a bare node:http server (bench/servers/raw-http.mjs)
// under the same burst. Each server runs in its own process, the load in
// another (bench/clients/hostile-load.mjs), the timed requests in this one;
// all on loopback.
import { existsSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { repoRoot } from '../lib/paths.mjs';
import { result } from '../lib/result.mjs';
import { alternate } from '../lib/rounds.mjs';
import { startServerProcess } from '../lib/server-process.mjs';
import { median } from '../lib/stats.mjs';
import { startWorker } from '../lib/worker-process.mjs';

export const name = 'hostile';

const MiB = 1 << 20;
const SENDERS = 4;
/** A health call is sent every this many ms (or as soon as the last one answered, if it took longer). */
const PROBE_EVERY = 5;
/** A pause after closing the slow bodies, in ms: the servers' teardown of them stays out of the next probe. */
const SETTLE = 500;
/** Every request of the suite gets an answer within this, or the suite fails. */
const ANSWER_WITHIN = 10_000;

const bodies = {
  nested: Buffer.from('['.repeat(MiB)),
  nestedObject: Buffer.from('{"a":'.repeat(MiB / 5)),
  // One argument, a string: depth 1, exactly 1 MiB. Ticker.subscribers answers how many follow that symbol (0).
  flat: Buffer.from(`["${'x'.repeat(MiB - 4)}"]`),
};

export async function run({ quick = false, rounds: roundsOverride, log = console.log } = {}) {
  const compiled = join(repoRoot, 'build', 'apps', 'conformance', 'generated', 'ticker.server.js');
  if (!existsSync(compiled))
    throw new Error("build/apps is missing: run 'npm run build:apps' (npm run bench does)");
  const samples = quick ? 5 : 30;
  const rounds = roundsOverride ?? (quick ? 1 : 3);
  const probeMs = quick ? 1_500 : 5_000;
  const slowCount = quick ? 500 : 2_000;
  const server = await startServerProcess(
    join(repoRoot, 'bench', 'servers', 'contract-gen-http.mjs'),
    { cwd: repoRoot, manyFiles: true },
  );
  // The time to refuse a body is the server's work: timed on a second server without the refusal delay, which
  // otherwise holds every refused body's answer for limits.refusedBodyDelayMs (100 ms).
  const undelayed = await startServerProcess(
    join(repoRoot, 'bench', 'servers', 'contract-gen-http.mjs'),
    { cwd: repoRoot, env: { ...process.env, REFUSED_BODY_DELAY_MS: '0' } },
  );
  // The peer for the burst: the same health call on bare node:http, which reads each slow body like ours does.
  const bare = await startServerProcess(join(repoRoot, 'bench', 'servers', 'raw-http.mjs'), {
    cwd: repoRoot,
    manyFiles: true,
  });
  const load = await startWorker(join(repoRoot, 'bench', 'clients', 'hostile-load.mjs'), {
    cwd: repoRoot,
    manyFiles: true,
    label: 'hostile load',
  });
  try {
    const { port } = server;
    const body = await bodyTimes(undelayed.port, samples, log);
    log(
      `  hostile: bodies, median of ${samples}: nested [ refused in ${ms(body.nested)}, {"a": in ${ms(body.nestedObject)}; flat answered in ${ms(body.flat)}`,
    );
    const frame = await frameTimes(port, samples);
    log(
      `  hostile: frames, median of ${samples}: nested [ refused in ${ms(frame.nested)}; flat answered in ${ms(frame.flat)}`,
    );
    const p99 = await alternate(
      {
        idle: () => probeP99(port, probeMs, 'idle', log),
        nested: () => underNested(load, port, probeMs, log),
        flat: () => underFlat(load, port, probeMs, log),
        slow: () => underSlow(load, port, probeMs, slowCount, { burst: false, log }),
        slowBurst: () => underSlow(load, port, probeMs, slowCount, { burst: true, log }),
        bareIdle: () => probeP99(bare.port, probeMs, 'bare node:http, idle', log),
        bareBurst: () =>
          underSlow(load, bare.port, probeMs, slowCount, { burst: true, bare: true, log }),
      },
      { rounds, warmup: quick ? 0 : 1 },
    );
    const idle = p99.idle.median;
    const medians = (of) => `${ms(of.median)} (rounds ${of.samples.map(ms).join(', ')})`;
    log(
      `  hostile: p99 medians: ours idle ${medians(p99.idle)}, spread slow bodies ${medians(p99.slow)}, burst ${medians(p99.slowBurst)}; bare node:http idle ${medians(p99.bareIdle)}, burst ${medians(p99.bareBurst)}`,
    );
    return [
      result({
        name: 'refuse a 1 MiB nested body vs answer a flat 1 MiB body',
        unit: 'ms',
        value: body.nested,
        peer: 'a flat 1 MiB body (one string) answered',
        peerValue: body.flat,
        better: 'lower',
        goal: 1.25,
      }),
      result({
        name: 'refuse a 1 MiB nested frame vs answer a flat 1 MiB frame',
        unit: 'ms',
        value: frame.nested,
        peer: 'a flat 1 MiB call frame answered',
        peerValue: frame.flat,
        better: 'lower',
        goal: 1.25,
      }),
      result({
        name: `health-call p99 while ${SENDERS} senders post 1 MiB nested bodies`,
        unit: 'ms',
        value: p99.nested.median,
        peer: 'the same server idle',
        peerValue: idle,
        better: 'lower',
        goal: 2,
      }),
      result({
        name: `health-call p99 while ${SENDERS} senders post 1 MiB nested bodies vs flat 1 MiB bodies`,
        unit: 'ms',
        value: p99.nested.median,
        peer: `${SENDERS} senders posting flat 1 MiB bodies (answered)`,
        peerValue: p99.flat.median,
        better: 'lower',
        goal: 1,
      }),
      result({
        name: `health-call p99 while ${slowCount.toLocaleString('en-US')} slow bodies stay open`,
        unit: 'ms',
        value: p99.slow.median,
        peer: 'the same server idle',
        peerValue: idle,
        better: 'lower',
        goal: 2,
      }),
      result({
        name: `health-call p99 while ${slowCount.toLocaleString('en-US')} slow bodies arrive in one burst a second vs a bare node:http server under the same`,
        unit: 'ms',
        value: p99.slowBurst.median,
        peer: 'a bare node:http server under the same burst',
        peerValue: p99.bareBurst.median,
        better: 'lower',
        goal: 1.25,
      }),
    ];
  } finally {
    await Promise.all([load.stop(), server.stop(), undelayed.stop(), bare.stop()]);
  }
}

/** Medians of the time from sending a 1 MiB body to its whole answer: nested ones refused, the flat one answered. */
async function bodyTimes(port, samples, log) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  // Nested bodies close their connection: a new one each (its connect is timed), so the flat body's stays warm.
  const fresh = new Agent({ keepAlive: false });
  let cut = 0;
  const times = { nested: [], nestedObject: [], flat: [] };
  const expected = {
    nested: '400 TOO_DEEP',
    nestedObject: '400 TOO_DEEP',
    flat: '200 {"result":0}',
  };
  try {
    // Three untimed rounds first: the server's JIT, the connection.
    for (let i = -3; i < samples; i++) {
      for (const kind of rotate(Object.keys(times), i)) {
        const t0 = performance.now();
        const nested = kind !== 'flat';
        // A nested body is refused at its first chunk and its connection closed: the close may cut the upload
        // before the client reads the answer. That is the refusal too, and is counted.
        const answer = await post(
          nested ? fresh : agent,
          port,
          '/Ticker/subscribers',
          bodies[kind],
          {
            cutIsAnswer: nested,
          },
        );
        const elapsed = performance.now() - t0;
        if (answer.cut) cut++;
        else {
          const { status, text } = answer;
          const seen =
            status === 200 ? `200 ${text}` : `${status} ${JSON.parse(text).error?.code ?? text}`;
          if (seen !== expected[kind])
            throw new Error(`${kind} body: expected ${expected[kind]}, got ${seen.slice(0, 200)}`);
        }
        if (i >= 0) times[kind].push(elapsed);
      }
    }
  } finally {
    agent.destroy();
    fresh.destroy();
  }
  if (cut > 0)
    log(
      `  hostile:   ${cut} nested bodies were cut off by the server's close before the answer was read`,
    );
  if (cut > samples) throw new Error(`${cut} of ${2 * samples} nested bodies got no answer`);
  return Object.fromEntries(Object.entries(times).map(([kind, list]) => [kind, median(list)]));
}

/**
 * Medians of the time from sending a 1 MiB frame to the server's reply: a
 * nested one (on a fresh socket each, as it closes the socket) refused with
 * an error frame, a flat call frame answered.
 */
async function frameTimes(port, samples) {
  const url = `ws://127.0.0.1:${port}/_ws`;
  const steady = await openSocket(url);
  const times = { nested: [], flat: [] };
  try {
    for (let i = -3; i < samples; i++) {
      for (const kind of rotate(Object.keys(times), i)) {
        let elapsed;
        if (kind === 'flat') {
          const id = i + 10;
          const head = `{"type":"call","id":${id},"service":"Ticker","method":"subscribers","args":["`;
          const frame = Buffer.from(`${head}${'x'.repeat(MiB - head.length - 3)}"]}`);
          const t0 = performance.now();
          const reply = steady.next();
          steady.ws.send(frame, { binary: false });
          const answer = await reply;
          elapsed = performance.now() - t0;
          if (answer.type !== 'answer' || answer.id !== id || answer.status !== 200)
            throw new Error(`flat frame: ${JSON.stringify(answer).slice(0, 200)}`);
        } else {
          const socket = await openSocket(url);
          const t0 = performance.now();
          const reply = socket.next();
          socket.ws.send(bodies.nested, { binary: false });
          const refusal = await reply;
          elapsed = performance.now() - t0;
          if (refusal.type !== 'error' || refusal.error?.code !== 'TOO_DEEP')
            throw new Error(`nested frame: ${JSON.stringify(refusal).slice(0, 200)}`);
          await socket.closed;
        }
        if (i >= 0) times[kind].push(elapsed);
      }
    }
  } finally {
    steady.ws.close();
  }
  return { nested: median(times.nested), flat: median(times.flat) };
}

/** A welcomed socket: `next()` resolves with the next frame it gets. */
async function openSocket(url) {
  const ws = new WebSocket(url);
  const waiting = [];
  const closed = new Promise((resolve) => ws.on('close', resolve));
  ws.on('message', (data) => waiting.shift()?.(JSON.parse(data.toString('utf8'))));
  ws.on('error', () => undefined);
  const next = () =>
    bounded(new Promise((resolve) => waiting.push(resolve)), 'no frame from the server');
  await bounded(new Promise((resolve) => ws.once('open', resolve)), 'the socket did not open');
  const welcome = next();
  ws.send('{"type":"hello"}');
  if ((await welcome).type !== 'welcome') throw new Error('no welcome');
  return { ws, next, closed: bounded(closed, 'the socket did not close') };
}

async function underNested(load, port, probeMs, log) {
  await load.send({ cmd: 'nested', port, senders: SENDERS, shape: 'array' });
  // Stopped whatever the probe did; a failed probe is reported after.
  const probed = sleep(300) // every sender has a body on its way
    .then(() => probeP99(port, probeMs, `${SENDERS} nested senders`, log))
    .then(
      (p99) => ({ p99 }),
      (error) => ({ error }),
    );
  const { p99, error } = await probed;
  const counts = await load.send({ cmd: 'stopNested' });
  log(
    `  hostile:   the senders' bodies: ${counts.sent} sent, ${counts.refused} refused TOO_DEEP, ${counts.cut} cut off by the server's close before its answer was read, ${counts.other} other`,
  );
  if (error !== undefined) throw error;
  if (counts.other > 0 || counts.refused === 0)
    throw new Error(`nested senders: ${JSON.stringify(counts)}`);
  return p99;
}

/** The same load with honest bodies of the same size: one 1 MiB string each, read, parsed and answered. */
async function underFlat(load, port, probeMs, log) {
  await load.send({ cmd: 'nested', port, senders: SENDERS, shape: 'flat' });
  const { p99, error } = await sleep(300)
    .then(() => probeP99(port, probeMs, `${SENDERS} flat senders`, log))
    .then(
      (value) => ({ p99: value }),
      (failure) => ({ error: failure }),
    );
  const counts = await load.send({ cmd: 'stopNested' });
  log(
    `  hostile:   the flat senders' bodies: ${counts.sent} sent, ${counts.answered} answered, ${counts.cut} cut, ${counts.other} other`,
  );
  if (error !== undefined) throw error;
  if (counts.other > 0 || counts.answered === 0)
    throw new Error(`flat senders: ${JSON.stringify(counts)}`);
  return p99;
}

/**
 * `count` slow bodies to the server on `port`, a byte a second each: spread over the second, or with `burst`
 * all written at once. Closed after the probe, then a pause so their teardown is not in the next probe.
 */
async function underSlow(load, port, probeMs, count, { burst, bare = false, log }) {
  const t0 = performance.now();
  const { opened } = await load.send({ cmd: 'slow', port, count, concurrency: 100, burst });
  log(`  hostile:   ${opened} slow bodies opened in ${ms(performance.now() - t0)}`);
  const label = `${bare ? 'bare node:http, ' : ''}${opened} slow bodies open, ${burst ? 'one burst a second' : 'spread'}`;
  const { p99, error } = await probeP99(port, probeMs, label, log).then(
    (value) => ({ p99: value }),
    (failure) => ({ error: failure }),
  );
  const { open, answered, writes, mostInOneTick } = await load.send({ cmd: 'releaseSlow' });
  log(
    `  hostile:   slow bodies still open at the end: ${open} (answered by the server: ${answered}); ${writes} bytes written, at most ${mostInOneTick} in one tick`,
  );
  await sleep(SETTLE);
  if (error !== undefined) throw error;
  if (open !== count) throw new Error(`only ${open} of ${count} slow bodies stayed open`);
  return p99;
}

/** Health calls (Ticker.add [1,2]) one after another for `probeMs`; logs p50 and p99, returns p99 in ms. */
async function probeP99(port, probeMs, label, log) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const health = Buffer.from('[1,2]');
  const latencies = [];
  try {
    await post(agent, port, '/Ticker/add', health); // the connection, untimed
    const end = performance.now() + probeMs;
    while (performance.now() < end) {
      const t0 = performance.now();
      const { status, text } = await post(agent, port, '/Ticker/add', health);
      const elapsed = performance.now() - t0;
      if (status !== 200 || text !== '{"result":3}')
        throw new Error(`health call: ${status} ${text.slice(0, 200)}`);
      latencies.push(elapsed);
      if (elapsed < PROBE_EVERY) await sleep(PROBE_EVERY - elapsed);
    }
  } finally {
    agent.destroy();
  }
  latencies.sort((a, b) => a - b);
  const p = (q) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)];
  log(
    `  hostile: health calls, ${label}: p50 ${ms(p(0.5))}, p99 ${ms(p(0.99))}, max ${ms(latencies.at(-1))} (${latencies.length} calls)`,
  );
  return p(0.99);
}

/**
 * One POST of `body` to `path`; resolves with the status and the answer's text. With `cutIsAnswer`, a connection
 * the server closed before the answer was read resolves with `{ cut: true }` instead of failing.
 */
function post(agent, port, path, body, { cutIsAnswer = false } = {}) {
  return bounded(
    new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path,
          agent,
          headers: { 'content-type': 'application/json', 'content-length': body.length },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode, text }));
          res.on('error', reject);
        },
      );
      req.on('error', (error) =>
        cutIsAnswer && ['ECONNRESET', 'EPIPE'].includes(error.code)
          ? resolve({ cut: true })
          : reject(error),
      );
      req.end(body);
    }),
    'no answer from the server',
  );
}

function bounded(promise, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} within ${ANSWER_WITHIN} ms`)),
      ANSWER_WITHIN,
    );
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** `list` rotated by `by`: no kind always goes first. */
function rotate(list, by) {
  const shift = ((by % list.length) + list.length) % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function ms(value) {
  return `${value.toFixed(2)} ms`;
}
