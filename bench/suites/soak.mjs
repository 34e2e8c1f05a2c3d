// Soak: does the server's memory stay flat under a steady load? 1,000
// clients long-poll (each its own principal, through the auth hook, owning
// its client) while 200 calls/s publish to them, for 60 s (--quick: 8 s).
// The server runs in its own process; its RSS (after a forced GC) is read
// once the first 10 s (--quick: 4 s) have passed and again at the end. The
// result is end / after-warm-up: at most 1.10 means no growth worth the name.
// Any error answer or lost event fails the suite: a soak that errs measures
// an error path.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot, workDir } from '../lib/paths.mjs';
import { result } from '../lib/result.mjs';

export const name = 'soak';

const CLIENTS = 1_000;
const CALLS_PER_SECOND = 200;
const WAIT_MS = 20_000;

// The server: the conformance Ticker behind an auth hook (token = principal id) and access rules.
const SERVER = `
import { createInterface } from 'node:readline';
import { ContractError } from '@contract-gen/runtime/server';
import { createServer } from '@contract-gen/runtime/server/node';
import { tickerHandlers } from '../../build/apps/conformance/generated/ticker.server.js';
import { createTickerService } from '../../build/apps/conformance/ticker-service.js';
let faults = 0;
const auth = (request) => {
  const header = request.header('authorization') ?? '';
  if (!header.startsWith('Bearer ')) throw new ContractError('UNAUTHENTICATED', 'no token');
  return { id: header.slice(7), groups: ['user'] };
};
const server = await createServer({
  services: [tickerHandlers(createTickerService())],
  auth,
  access: { Ticker: { allow: ['user'] } },
  onError: () => void faults++,
}).listen(0);
process.stdout.write(JSON.stringify({ port: server.port }) + '\\n');
createInterface({ input: process.stdin }).on('line', () => {
  globalThis.gc?.();
  globalThis.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  process.stdout.write(JSON.stringify({ rss, heapUsed, faults }) + '\\n');
});
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
`;

export async function run({ quick = false, log = console.log } = {}) {
  const seconds = quick ? 8 : 60;
  // Quick: half the run to warm up (1,000 sockets and their buffers are still being set up at 2 s).
  const warmSeconds = quick ? 4 : 10;
  const server = await startServer();
  const load = new Load(server.port);
  try {
    log(`soak: opening ${CLIENTS} clients, each subscribed and long polling`);
    await load.start();
    load.publishEvery(CALLS_PER_SECOND);
    await sleep(warmSeconds * 1000);
    const warm = await server.memory();
    log(
      `soak: after ${warmSeconds} s: server RSS ${mib(warm.rss)} MiB, heap ${mib(warm.heapUsed)} MiB`,
    );
    await sleep((seconds - warmSeconds) * 1000);
    const end = await server.memory();
    load.stopPublishing();
    await load.drain();
    log(
      `soak: after ${seconds} s: server RSS ${mib(end.rss)} MiB, heap ${mib(end.heapUsed)} MiB; ${load.calls} calls, ${load.polls} polls, ${load.events} events`,
    );
    load.check(end.faults);
    return [
      result({
        name: `soak: server RSS after ${seconds} s vs after ${warmSeconds} s (${CLIENTS} long polls, ${CALLS_PER_SECOND} calls/s)`,
        unit: 'MiB',
        value: mib(end.rss),
        peer: `the same server after ${warmSeconds} s`,
        peerValue: mib(warm.rss),
        better: 'lower',
        goal: 1.1,
      }),
    ];
  } finally {
    load.stop();
    await server.stop();
  }
}

/** Starts the server script in its own process (with --expose-gc); resolves with its port and a memory probe. */
async function startServer() {
  const script = join(workDir(), 'soak-server.mjs');
  writeFileSync(script, SERVER);
  const child = spawn(process.execPath, ['--expose-gc', script], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  lines.on('line', (line) => waiting.shift()?.(JSON.parse(line)));
  const next = () => new Promise((resolve) => waiting.push(resolve));
  const exited = new Promise((_, reject) =>
    child.once('exit', (code) => reject(new Error(`soak server exited with ${code}\n${stderr}`))),
  );
  const { port } = await Promise.race([
    next(),
    exited,
    sleep(20_000).then(() => Promise.reject(new Error(`soak server printed no port\n${stderr}`))),
  ]);
  return {
    port,
    memory: () => Promise.race([(child.stdin.write('mem\n'), next()), exited]),
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', resolve);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}

/** The clients and the publisher, in this process, over keep-alive connections. */
class Load {
  calls = 0;
  polls = 0;
  events = 0;
  expected = 0;
  errors = [];
  #stopped = false;
  #timer;
  #inFlight = new Set();
  #polls = new Agent({ keepAlive: true, maxSockets: Infinity });
  #calls = new Agent({ keepAlive: true, maxSockets: 32 });

  constructor(port) {
    this.port = port;
  }

  /** Opens every client (50 at a time), subscribes it to its own symbol, and starts its poll loop. */
  async start() {
    for (let i = 0; i < CLIENTS; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, CLIENTS - i) }, (_, k) => this.#client(i + k)),
      );
    }
  }

  async #client(n) {
    const token = `u${n}`;
    const open = await this.#send('POST', '/_open', token, undefined, '', this.#calls);
    const { client } = JSON.parse(open);
    await this.#send(
      'POST',
      '/Ticker/subscribe',
      token,
      client,
      `["s${n}",{"$cb":1}]`,
      this.#calls,
    );
    void this.#pollLoop(token, client);
  }

  async #pollLoop(token, client) {
    let after = 0;
    while (!this.#stopped) {
      const text = await this.#send(
        'GET',
        `/_events?after=${after}&wait=${WAIT_MS}`,
        token,
        client,
        undefined,
        this.#polls,
      ).catch((error) => (this.#stopped ? undefined : this.#fail(error)));
      if (text === undefined) continue;
      this.polls++;
      const { events } = JSON.parse(text);
      if (events.length > 0) after = events[events.length - 1].seq;
      this.events += events.length;
    }
  }

  /** Publishes one tick (two events: tick and done) to a random client's symbol, `perSecond` times a second. */
  publishEvery(perSecond) {
    const batch = perSecond / 20;
    this.#timer = setInterval(() => {
      for (let i = 0; i < batch; i++) {
        const call = this.#send(
          'POST',
          '/Ticker/publish',
          'publisher',
          undefined,
          `["s${Math.floor(Math.random() * CLIENTS)}",1]`,
          this.#calls,
        )
          .then((text) => {
            this.calls++;
            this.expected += 2 * JSON.parse(text).result;
          })
          .catch((error) => this.#fail(error))
          .finally(() => this.#inFlight.delete(call));
        this.#inFlight.add(call);
      }
    }, 50);
  }

  stopPublishing() {
    clearInterval(this.#timer);
  }

  /** Waits for the calls in flight, then for the clients to have every event published. */
  async drain() {
    await Promise.all(this.#inFlight);
    const deadline = Date.now() + 10_000;
    while (this.events < this.expected && Date.now() < deadline) await sleep(50);
  }

  /** Throws when anything went wrong: an error answer, a network failure, a server fault, a lost event. */
  check(faults) {
    if (this.errors.length > 0)
      throw new Error(
        `soak: ${this.errors.length} error answers or failures, first: ${this.errors[0]}`,
      );
    if (faults > 0) throw new Error(`soak: the server reported ${faults} faults`);
    if (this.events < this.expected)
      throw new Error(
        `soak: ${this.expected - this.events} of ${this.expected} events never arrived`,
      );
    if (this.calls === 0) throw new Error('soak: no call succeeded');
  }

  stop() {
    this.#stopped = true;
    this.stopPublishing();
    this.#polls.destroy();
    this.#calls.destroy();
  }

  #fail(error) {
    this.errors.push(String(error?.message ?? error));
    return undefined;
  }

  /** One request; resolves with the body of a 2xx answer, rejects with anything else. */
  #send(method, path, token, client, body, agent) {
    return new Promise((resolve, reject) => {
      const headers = { authorization: `Bearer ${token}` };
      if (client !== undefined) headers['x-contract-client'] = client;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const req = request(
        { host: '127.0.0.1', port: this.port, method, path, headers, agent },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () =>
            res.statusCode >= 200 && res.statusCode < 300
              ? resolve(text)
              : reject(
                  new Error(
                    `${method} ${path.split('?')[0]}: ${res.statusCode} ${text.slice(0, 200)}`,
                  ),
                ),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;
