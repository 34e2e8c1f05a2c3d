// The hostile load of the `hostile` suite, in its own process, against a
// contract-gen server on 127.0.0.1 (issue 18):
//
//   {cmd: 'nested', port, senders, shape} → {}: `senders` loops, each on its
//     own keep-alive connection, posting a 1 MiB nested body to Ticker.add
//     and sending the next as soon as the answer is in; `shape` is 'array'
//     (1 MiB of `[`) or 'object' (`{"a":` repeated), or 'flat': an honest
//     body of the same size (one 1 MiB string) to Ticker.subscribers, read,
//     parsed and answered 200
//   {cmd: 'stopNested'} → {sent, refused, answered, cut, other}: stops the
//     loops once their bodies are answered; `refused` counts 400 TOO_DEEP
//     answers, `answered` 200s (flat bodies), `cut` uploads the server's
//     close ended before its answer was read (it refuses at the first chunk
//     and does not read the rest)
//   {cmd: 'slow', port, count, concurrency} → {opened}: `count` raw
//     connections, each sending the head of a call with a 1 MiB
//     content-length and then one byte of its body a second (a slowloris
//     body: whitespace, so the JSON stays valid)
//   {cmd: 'releaseSlow'} → {open, answered}: how many were still open, and
//     how many the server had answered (408 after its request timeout), then
//     closes them all
//
// Driven over stdio (bench/lib/worker-process.mjs).
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { serveCommands } from '../lib/worker-process.mjs';

const MiB = 1 << 20;
const bodies = {
  array: Buffer.from('['.repeat(MiB)),
  object: Buffer.from('{"a":'.repeat(MiB / 5)),
  flat: Buffer.from(`["${'x'.repeat(MiB - 4)}"]`),
};
/** Where each shape is posted: Ticker.add refuses the nested ones, Ticker.subscribers answers the flat one. */
const paths = { array: '/Ticker/add', object: '/Ticker/add', flat: '/Ticker/subscribers' };

let nested; // { stop: boolean, loops: Promise[], counts }
const slow = { sockets: [], timer: undefined, answered: 0 };

/** One POST; resolves with the status and the error code of the answer. */
function post(agent, port, body, path) {
  return new Promise((resolve, reject) => {
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
        res.on('end', () => {
          let code;
          try {
            code = JSON.parse(text).error?.code;
          } catch {
            code = undefined;
          }
          resolve({ status: res.statusCode, code });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function sendLoop(port, body, path, state) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    while (!state.stop) {
      state.counts.sent++;
      try {
        const { status, code } = await post(agent, port, body, path);
        if (status === 400 && code === 'TOO_DEEP') state.counts.refused++;
        else if (status === 200) state.counts.answered++;
        else state.counts.other++;
      } catch {
        state.counts.cut++;
      }
    }
  } finally {
    agent.destroy();
  }
}

function openSlow(port) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `POST /Ticker/add HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\ncontent-length: ${MiB}\r\n\r\n[`,
      );
      resolve(socket);
    });
    socket.once('error', reject);
    socket.on('data', () => void slow.answered++);
    socket.on('error', () => undefined);
  });
}

serveCommands({
  nested({ port, senders, shape }) {
    const body = bodies[shape];
    if (body === undefined) throw new Error(`unknown shape '${shape}'`);
    const state = { stop: false, counts: { sent: 0, refused: 0, answered: 0, cut: 0, other: 0 } };
    state.loops = Array.from({ length: senders }, () => sendLoop(port, body, paths[shape], state));
    nested = state;
    return {};
  },
  async stopNested() {
    nested.stop = true;
    await Promise.all(nested.loops);
    return nested.counts;
  },
  async slow({ port, count, concurrency }) {
    slow.answered = 0;
    for (let i = 0; i < count; i += concurrency) {
      const batch = Math.min(concurrency, count - i);
      slow.sockets.push(
        ...(await Promise.all(Array.from({ length: batch }, () => openSlow(port)))),
      );
    }
    // One timer for all: a byte a second keeps every body arriving, slower than any reader would wait for.
    slow.timer = setInterval(() => {
      for (const socket of slow.sockets) if (!socket.destroyed) socket.write(' ');
    }, 1_000);
    return { opened: slow.sockets.length };
  },
  releaseSlow() {
    clearInterval(slow.timer);
    const open = slow.sockets.filter((s) => !s.destroyed && !s.readableEnded).length;
    for (const socket of slow.sockets) socket.destroy();
    slow.sockets = [];
    return { open, answered: slow.answered };
  },
});
