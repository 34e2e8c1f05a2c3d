// Idle clients for the memory suite, a few thousand per process: each one
// connects, subscribes once to 'AAPL', then sits idle — a parked long poll or
// an open WebSocket — answering only keepalives. They speak each server's wire
// protocol directly (no client library) so that 10,000 fit in a few processes;
// what the suite measures is the server's memory, and every server sees the
// requests its own client would send.
//
// Driven over stdio (bench/lib/worker-process.mjs):
//   {cmd: 'open', kind, port, count, concurrency} → {opened, maxSubscribed}
//   {cmd: 'status'} → {live, waiting, errors, firstError}
//   {cmd: 'closeAll'} → {}
//
// kinds: 'contract-gen-poll', 'contract-gen-ws', 'bare-poll', 'ws', 'socket.io-poll', 'socket.io-ws'.
//
// Long-poll clients hold exactly one keep-alive connection each (an Agent
// with maxSockets 1, so every request of a client goes over its one socket,
// as a browser tab's would); each WebSocket client one socket, offering
// per-message deflate as browsers and the `ws` client do (every server here
// declines it by default).
import { Agent, request } from 'node:http';
import { WebSocket } from 'ws';
import { serveCommands } from '../lib/worker-process.mjs';

/** Longest a long poll asks to be held: contract-gen's maximum (`wait` of `_open`), used for the bare server too. */
const WAIT_MS = 25_000;
const SYMBOL = 'AAPL';

const clients = []; // { close() }
let closing = false;
let waiting = 0; // long polls sent and not yet answered
const errors = [];
// Bumped by closeAll: a client closed there may report its end later, after the next `open`; that is not a failure.
let generation = 0;

/** A failure reporter for a client opened now: it counts only while that client's generation is live. */
function failure() {
  const mine = generation;
  return (error) => {
    if (!closing && mine === generation) errors.push(String(error?.message ?? error));
  };
}

/** One HTTP request on `agent`; resolves with the body of a 2xx answer, rejects otherwise. */
function send(agent, port, method, path, headers = {}, body) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () =>
        res.statusCode >= 200 && res.statusCode < 300
          ? resolve(text)
          : reject(new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 200)}`)),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A long poll, counted in `waiting` while it is out. */
async function poll(agent, port, path, headers) {
  waiting++;
  try {
    return await send(agent, port, 'GET', path, headers);
  } finally {
    waiting--;
  }
}

const newAgent = () => new Agent({ keepAlive: true, maxSockets: 1 });

const kinds = {
  /** docs/protocol.md: _open, a subscribing call with {"$cb":1}, then `_events?after=&wait=` in a loop. */
  async 'contract-gen-poll'(port) {
    const agent = newAgent();
    const json = { 'content-type': 'application/json' };
    const { client } = JSON.parse(await send(agent, port, 'POST', '/_open', json, '{}'));
    const headers = { 'x-contract-client': client };
    const { result } = JSON.parse(
      await send(
        agent,
        port,
        'POST',
        '/Ticker/subscribe',
        { ...headers, ...json },
        JSON.stringify([SYMBOL, { $cb: 1 }]),
      ),
    );
    void (async () => {
      let after = 0;
      while (!closing) {
        const { events } = JSON.parse(
          await poll(agent, port, `/_events?after=${after}&wait=${WAIT_MS}`, headers),
        );
        if (events.length > 0) after = events[events.length - 1].seq;
      }
    })().catch(failure());
    return { subscribed: result, close: () => agent.destroy() };
  },

  /** bench/servers/bare-longpoll.mjs: /open, /subscribe, then `/events?after=&wait=` in a loop. */
  async 'bare-poll'(port) {
    const agent = newAgent();
    const { client } = JSON.parse(await send(agent, port, 'POST', '/open'));
    const { result } = JSON.parse(
      await send(agent, port, 'POST', `/subscribe?symbol=${SYMBOL}&client=${client}`),
    );
    const headers = { 'x-contract-client': client };
    void (async () => {
      let after = 0;
      while (!closing) {
        const { events } = JSON.parse(
          await poll(agent, port, `/events?after=${after}&wait=${WAIT_MS}`, headers),
        );
        if (events.length > 0) after = events[events.length - 1].seq;
      }
    })().catch(failure());
    return { subscribed: result, close: () => agent.destroy() };
  },

  /**
   * Engine.IO 4 over polling, as socket.io-client does it: the handshake GET,
   * the namespace connect (POST `40`, then a GET for its `40{...}`), the
   * subscribe event with an ack (`420[...]`, answered `430[size]`), then a GET
   * parked until the server's ping (`2`), answered with a POST `3`.
   */
  async 'socket.io-poll'(port) {
    const agent = newAgent();
    const base = '/socket.io/?EIO=4&transport=polling';
    const handshake = await send(agent, port, 'GET', base);
    if (!handshake.startsWith('0'))
      throw new Error(`socket.io handshake: ${handshake.slice(0, 200)}`);
    const { sid } = JSON.parse(handshake.slice(1));
    const path = `${base}&sid=${sid}`;
    const post = (packet) =>
      send(agent, port, 'POST', path, { 'content-type': 'text/plain;charset=UTF-8' }, packet);
    // Reads packets until one starts with `prefix`, answering pings on the way.
    const until = async (prefix) => {
      for (;;) {
        for (const packet of (await poll(agent, port, path)).split('\x1e')) {
          if (packet === '2') await post('3');
          else if (packet === '1') throw new Error('socket.io closed the session');
          else if (prefix !== undefined && packet.startsWith(prefix)) return packet;
        }
        if (closing) return undefined;
      }
    };
    await post('40');
    await until('40');
    await post(`420${JSON.stringify(['subscribe', SYMBOL])}`);
    const ack = await until('430');
    void until(undefined).catch(failure());
    return { subscribed: JSON.parse(ack.slice(3))[0], close: () => agent.destroy() };
  },

  /** docs/protocol.md, WebSocket binding: hello, a call to subscribe with {"$cb":1}, pongs. */
  'contract-gen-ws'(port) {
    return socketClient(`ws://127.0.0.1:${port}/_ws`, (ws, done) => {
      ws.on('open', () => ws.send('{"type":"hello"}'));
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data));
        if (frame.type === 'welcome')
          ws.send(
            JSON.stringify({
              type: 'call',
              id: 1,
              service: 'Ticker',
              method: 'subscribe',
              args: [SYMBOL, { $cb: 1 }],
            }),
          );
        else if (frame.type === 'answer' && frame.id === 1)
          done(
            frame.status === 200 ? frame.result : new Error(`subscribe: ${JSON.stringify(frame)}`),
          );
        else if (frame.type === 'ping') ws.send('{"type":"pong"}');
        else if (frame.type === 'error' || frame.type === 'gone')
          done(new Error(`contract-gen socket: ${String(data).slice(0, 200)}`));
      });
    });
  },

  /** bench/servers/idle-ws.mjs: `{"subscribe":"AAPL"}`, answered `{"subscribed":size}`. */
  ws(port) {
    return socketClient(`ws://127.0.0.1:${port}/`, (ws, done) => {
      ws.on('open', () => ws.send(JSON.stringify({ subscribe: SYMBOL })));
      ws.on('message', (data) => done(JSON.parse(String(data)).subscribed));
    });
  },

  /** Engine.IO 4 over a WebSocket: `0{...}`, namespace connect `40`, subscribe with an ack, pings answered. */
  'socket.io-ws'(port) {
    return socketClient(
      `ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`,
      (ws, done) => {
        ws.on('message', (data) => {
          const packet = String(data);
          if (packet.startsWith('0')) ws.send('40');
          else if (packet.startsWith('40')) ws.send(`420${JSON.stringify(['subscribe', SYMBOL])}`);
          else if (packet.startsWith('430')) done(JSON.parse(packet.slice(3))[0]);
          else if (packet === '2') ws.send('3');
          else if (packet.startsWith('44'))
            done(new Error(`socket.io connect error: ${packet.slice(0, 200)}`));
        });
      },
    );
  },
};

/** Opens a socket; `wire(ws, done)` calls `done(size)` once subscribed (or `done(error)`). */
function socketClient(url, wire) {
  const fail = failure();
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    let subscribed = false;
    const done = (value) => {
      if (subscribed) return;
      subscribed = true;
      if (value instanceof Error) return reject(value);
      resolve({ subscribed: value, close: () => ws.terminate() });
    };
    ws.on('error', (error) => (subscribed ? fail(error) : reject(error)));
    ws.on('close', (code) =>
      subscribed
        ? fail(new Error(`socket closed (${code})`))
        : reject(new Error(`socket closed (${code}) before subscribing`)),
    );
    wire(ws, done);
  });
}

serveCommands({
  /** Opens `count` more clients of `kind`, `concurrency` at a time. */
  async open({ kind, port, count, concurrency = 50 }) {
    const connect = kinds[kind];
    if (connect === undefined) throw new Error(`unknown kind '${kind}'`);
    closing = false;
    let next = 0;
    let maxSubscribed = 0;
    const lane = async () => {
      while (next < count) {
        next++;
        const client = await connect(port);
        clients.push(client);
        maxSubscribed = Math.max(maxSubscribed, client.subscribed);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
    return { opened: count, maxSubscribed };
  },
  status: () => ({ live: clients.length, waiting, errors: errors.length, firstError: errors[0] }),
  closeAll() {
    closing = true;
    generation++;
    for (const client of clients.splice(0)) client.close();
    errors.length = 0;
    return {};
  },
});
