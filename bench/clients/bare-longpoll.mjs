// The floor's client: a bare long-poll loop (`GET
// /events?after=<last seq>&wait=20000`, `JSON.parse`, then each event handed
// to the same receiver as the other clients), with nothing else: no schemas,
// no dispatch table, no dedupe beyond the seq check, no reconnect, no
// timeouts. Its HTTP client is node:http with a keep-alive agent (the
// leanest there is in Node), or with the argument `fetch` Node's global
// `fetch`, the one contract-gen's client uses. Driven by the suite over stdio.
import http from 'node:http';
import { serveCommands, wallNow } from '../lib/worker-process.mjs';
import { Group } from './receiver.mjs';

const useFetch = process.argv[2] === 'fetch';
const agent = new http.Agent({ keepAlive: true });
let base;
let symbol;
let group;
let stopping = false;

/** The body of `method path` as text; rejects on a status other than 200. */
function request(method, path, headers = {}) {
  if (useFetch) {
    return fetch(`${base}${path}`, { method, headers }).then((res) => {
      if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status}`);
      return res.text();
    });
  }
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(text)
          : reject(new Error(`${method} ${path}: ${res.statusCode}`)),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function pollLoop(client, receiver) {
  let after = 0;
  while (!stopping) {
    const { events } = JSON.parse(
      await request('GET', `/events?after=${after}&wait=20000`, { 'x-contract-client': client }),
    );
    for (let i = 0; i < events.length; i++) {
      const event = events[i];
      if (event.seq !== after + 1) group.fail(`seq ${event.seq} after ${after}`);
      after = event.seq;
      if (event.method === 'tick') receiver.tick(event.args[0], event.args[1], event.args[2]);
      else receiver.done(event.args[0], event.args[1]);
    }
  }
}

const post = async (path) => JSON.parse(await request('POST', path));

serveCommands(
  {
    async open({ url, clients, symbol: s }) {
      base = url;
      symbol = s;
      group = new Group(clients);
      let next = 0;
      const subscribeSome = async () => {
        while (next < clients) {
          const receiver = group.receivers[next++];
          const { client } = await post('/open');
          await post(`/subscribe?client=${client}&symbol=${encodeURIComponent(symbol)}`);
          pollLoop(client, receiver).catch((error) => !stopping && group.fail(String(error)));
        }
      };
      await Promise.all(Array.from({ length: Math.min(50, clients) }, subscribeSome));
      return {};
    },

    async subscribers() {
      return {
        subscribers: (await post(`/subscribers?symbol=${encodeURIComponent(symbol)}`)).result,
      };
    },

    async arm({ burst }) {
      group.arm(burst);
      return {};
    },

    async publish({ count }) {
      const sentAt = wallNow();
      await post(`/publish?symbol=${encodeURIComponent(symbol)}&count=${count}`);
      return { sentAt };
    },

    async primed({ timeout }) {
      await group.primed(timeout);
      return {};
    },

    async finished({ timeout }) {
      return group.finished(timeout);
    },

    async throughput({ burst, timeout }) {
      group.arm(burst);
      const receiver = group.receivers[0];
      const publish = (count) =>
        post(`/publish?symbol=${encodeURIComponent(symbol)}&count=${count}`);
      receiver.onPrimed = () => void publish(burst).catch((error) => group.fail(String(error)));
      await publish(0);
      await group.finished(timeout);
      return {
        events: receiver.count,
        ms: receiver.lastAt - receiver.firstAt,
        sinceTrigger: receiver.lastAt - receiver.primedAt,
      };
    },
  },
  {
    onExit: () => {
      stopping = true;
      agent.destroy();
    },
  },
);
