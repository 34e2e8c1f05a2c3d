// The hostile load of the `hostile` suite, in its own process, against a
// contract-gen server on 127.0.0.1 (issue 18), or for the slow bodies' burst
// also the bare node:http peer (bench/servers/raw-http.mjs):
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
//   {cmd: 'slow', port, count, concurrency, burst} → {opened}: `count` raw
//     connections, each sending the head of a call with a 1 MiB
//     content-length and then one byte of its body a second (a slowloris
//     body: whitespace, so the JSON stays valid). By default each socket
//     writes at its own phase within the second: a 5 ms timer writes to the
//     sockets whose phase has come, so the `count` writes spread evenly over
//     each second (about count / 200 per tick), as from as many separate
//     clients. With `burst: true`, one timer writes to all of them at once,
//     once a second
//   {cmd: 'releaseSlow'} → {open, answered, writes, mostInOneTick}: how many
//     were still open, how many the server had answered (408 after its
//     request timeout), how many bytes were written and the most written in
//     one timer tick; then closes them all
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
const slow = { sockets: [], timer: undefined, answered: 0, writes: 0, mostInOneTick: 0 };
/** The spread load's timer period, in ms: each tick writes to the sockets whose phase within the second has come. */
const SPREAD_TICK = 5;

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

/** One byte to each open slow body at once: the burst load. */
function writeAll() {
  let written = 0;
  for (const socket of slow.sockets) if (writeByte(socket)) written++;
  noteTick(written);
}

/**
 * The spread load: socket i's phase is i / n of the second. Every SPREAD_TICK ms, writes to the sockets whose
 * phase came since the last tick, by the clock (a late tick catches up, never more than one byte per socket
 * per second). Returns the timer.
 */
function spreadWrites(sockets) {
  const n = sockets.length;
  const start = performance.now();
  let done = 0; // slots written since start; slot k is socket k % n in second floor(k / n)
  return setInterval(() => {
    const due = Math.floor(((performance.now() - start) / 1_000) * n);
    done = Math.max(done, due - n);
    let written = 0;
    for (; done < due; done++) if (writeByte(sockets[done % n])) written++;
    noteTick(written);
  }, SPREAD_TICK);
}

function writeByte(socket) {
  if (socket.destroyed) return false;
  socket.write(' ');
  slow.writes++;
  return true;
}

function noteTick(written) {
  if (written > slow.mostInOneTick) slow.mostInOneTick = written;
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
  async slow({ port, count, concurrency, burst = false }) {
    slow.answered = 0;
    slow.writes = 0;
    slow.mostInOneTick = 0;
    for (let i = 0; i < count; i += concurrency) {
      const batch = Math.min(concurrency, count - i);
      slow.sockets.push(
        ...(await Promise.all(Array.from({ length: batch }, () => openSlow(port)))),
      );
    }
    // A byte a second for each keeps every body arriving, slower than any reader would wait for.
    slow.timer = burst ? setInterval(writeAll, 1_000) : spreadWrites(slow.sockets);
    return { opened: slow.sockets.length };
  },
  releaseSlow() {
    clearInterval(slow.timer);
    const open = slow.sockets.filter((s) => !s.destroyed && !s.readableEnded).length;
    for (const socket of slow.sockets) socket.destroy();
    slow.sockets = [];
    return {
      open,
      answered: slow.answered,
      writes: slow.writes,
      mostInOneTick: slow.mostInOneTick,
    };
  },
});
