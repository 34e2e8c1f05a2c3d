// Webhook delivery (issue 23): events/s delivered to one receiver process, contract-gen's sender
// (createWebhooks on the memory store: batches of 100 read from the endpoint's queue, signed with
// HMAC-SHA256 by node:crypto and POSTed over node:http one at a time, both by `webhookFetch`'s
// transport, acknowledged) into contract-gen's receiver on node:http (`toNodeHandler`: signature
// and timestamp checked, every event decoded against the callback interface, repeats dropped, its
// handler called), beside a bare node:http POST loop sending the same batch bodies, one at a time
// over a keep-alive agent, to a bare node:http server that parses them and counts the events.
// Measured at 100 events per request (the sender's default) and at 1,000. Both receivers live in
// one other process; the figure runs from the first event queued (or sent) to the receiver
// reporting the last one handled. Goal: at least half the bare figure.
import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { benchDir } from '../lib/paths.mjs';
import { result, round4 } from '../lib/result.mjs';
import { alternate } from '../lib/rounds.mjs';

export const name = 'webhooks';

const GOAL = 0.5;
/** Events per request: the sender's default, and ten times it (the cost per request amortised). */
const BATCHES = [100, 1000];
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const AT = '2024-05-01T12:00:00.000Z';

export async function run({ quick = false, rounds: roundsOverride, log = console.log } = {}) {
  const s = await import('@contract-gen/runtime/schema');
  const server = await import('@contract-gen/runtime/server');
  const { webhookFetch } = await import('@contract-gen/runtime/server/node');
  const events = quick ? 5_000 : 30_000;
  const rounds = roundsOverride ?? (quick ? 1 : 7);
  // A round is a fraction of a second, and our sender and receiver were still getting faster (JIT) after 8 of
  // them where the bare loop settles after 2: both sides warm up for 5 rounds before any is counted.
  const warmup = quick ? 0 : 5;

  const child = fork(join(benchDir, 'servers', 'webhook-receivers.mjs'), [], {
    env: { ...process.env, SECRET },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () => new Promise((resolve) => child.once('message', resolve));
  const { ports } = await next();
  /** Resets receiver `who`'s count; `done` resolves once it has handled `n` events from now on. */
  const expect = async (who, n) => {
    const ready = next();
    child.send({ who, expect: n });
    await ready;
    return { done: next() };
  };

  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const results = [];
  try {
    for (const batch of BATCHES)
      results.push(
        await measure(batch, {
          events,
          rounds,
          warmup,
          log,
          ports,
          expect,
          agent,
          s,
          server,
          webhookFetch,
        }),
      );
  } finally {
    agent.destroy();
    child.disconnect();
  }
  return results;
}

/** One result: `events` events delivered `batch` to a request, by contract-gen and by the bare loop. */
async function measure(
  batch,
  { events, rounds, warmup, log, ports, expect, agent, s, server, webhookFetch },
) {
  const { createRouter, createWebhooks, memoryStore } = server;
  const TickEvents = s.callbackInterface('TickEvents', {
    tick: [s.string(), s.number(), s.date()],
  });
  const router = createRouter({
    services: [],
    events: { store: memoryStore(), maxQueue: events + 1, ttl: 600_000 },
  });
  const webhooks = createWebhooks(router, {
    urls: { allowHttp: true, allowPrivate: true },
    maxBatch: batch,
    maxBodyBytes: 1024 * 1024,
    // The Node setup docs/webhooks.md recommends: node:http rather than the global fetch (undici).
    fetch: webhookFetch(),
  });
  let endpoints = 0;
  try {
    const m = await alternate(
      {
        'contract-gen': async () => {
          // A fresh endpoint per round (a new queue, seqs from 1), so each round delivers `events` events.
          const hook = await webhooks.endpoint(`bench-${batch}-${++endpoints}`, TickEvents, {
            url: `http://127.0.0.1:${ports.ours}/hooks`,
            secret: SECRET,
          });
          const { done } = await expect('ours', events);
          const start = process.hrtime.bigint();
          const at = new Date(AT);
          for (let n = 1; n <= events; n++) hook.tick('AAPL', n, at);
          await done;
          return events / (Number(process.hrtime.bigint() - start) / 1e9);
        },
        'bare node:http': async () => {
          const { done } = await expect('bare', events);
          const start = process.hrtime.bigint();
          for (let first = 1; first <= events; first += batch)
            await post(agent, ports.bare, batchBody(first, Math.min(batch, events - first + 1)));
          await done;
          return events / (Number(process.hrtime.bigint() - start) / 1e9);
        },
      },
      {
        rounds,
        warmup,
        onSample: (who, value) =>
          log(`  webhooks (${batch}): ${who} ${Math.round(value)} events/s`),
      },
    );
    return result({
      name: `webhook delivery (${batch} events per request, signed)`,
      unit: 'events/s',
      value: round4(m['contract-gen'].median),
      peer: 'bare node:http POST loop',
      peerValue: round4(m['bare node:http'].median),
      better: 'higher',
      goal: GOAL,
    });
  } finally {
    await webhooks.close();
    await router.close();
  }
}

/** The body contract-gen's sender makes for events first..first+count-1 of one queue. */
function batchBody(first, count) {
  const events = [];
  for (let seq = first; seq < first + count; seq++)
    events.push(`{"seq":${seq},"cb":1,"method":"tick","args":["AAPL",${seq},"${AT}"]}`);
  return `{"type":"TickEvents","queue":"bare","events":[${events.join(',')}]}`;
}

function post(agent, port, body) {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        path: '/hooks',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
