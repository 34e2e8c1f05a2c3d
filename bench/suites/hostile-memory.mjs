// Memory under a client that sends big events and never reads (issue 18:
// one anonymous chat client posting 1,500 messages of 256 KiB without
// polling took the server from 55 to 874 MiB RSS; a count bound let each
// client hold 10,000 events of up to 1 MiB). Two attacks, each on a fresh
// server in its own process, its RSS read from /proc every 20 ms:
//
// - the chat example: a client joins a room and posts 1,500 messages of
//   256 KiB, reading nothing (the chat caps a message at 2,000 characters:
//   each post is refused `TOO_LONG`);
// - the conformance Ticker with every default: a client subscribes with a
//   256 KiB symbol and Ticker.publish runs 750 times, 1,500 events of
//   256 KiB queued for it (a tick and a done each), reading nothing: the
//   queue keeps at most maxQueueBytes (8 MiB) of them.
//
// The row is the server's highest RSS during the attack beside its RSS
// before it (after its first calls). Goals: bounded, whatever the count.
// The attack reached 15.9x (55 → 874 MiB); what stays is the
// queue's 8 MiB and the garbage V8 collects when it sees fit (the peak is
// about the same after 300 events as after 1,500). Linux only (/proc).
import { existsSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { repoRoot } from '../lib/paths.mjs';
import { result } from '../lib/result.mjs';
import { startServerProcess } from '../lib/server-process.mjs';

export const name = 'hostile-memory';

const big = 's'.repeat(256 * 1024);

export async function run({ quick = false, log = console.log } = {}) {
  for (const file of ['conformance/generated/ticker.server.js', 'examples/chat/server.js'])
    if (!existsSync(join(repoRoot, 'build', 'apps', file)))
      throw new Error("build/apps is missing: run 'npm run build:apps' (npm run bench does)");
  if (!existsSync('/proc/self/status')) throw new Error('hostile-memory reads /proc: Linux only');
  const count = quick ? 300 : 1_500;
  const chat = await attack('chat.mjs', log, `chat: ${count} posts of 256 KiB`, async (post) => {
    const { client } = await post('/_open', '{}');
    await post('/Chat/join', JSON.stringify(['r', 'mallory', { $cb: 1 }]), client);
    let refused = 0;
    for (let i = 0; i < count; i++) {
      const answer = await post('/Chat/post', JSON.stringify(['r', big]), client, true);
      if (answer.error?.code === 'TOO_LONG') refused++;
    }
    return `${refused} refused TOO_LONG`;
  });
  const ticker = await attack(
    'contract-gen-http.mjs',
    log,
    `Ticker: ${count} events of 256 KiB`,
    async (post) => {
      const { client } = await post('/_open', '{}');
      await post('/Ticker/subscribe', JSON.stringify([big, { $cb: 1 }]), client);
      for (let i = 0; i < count / 2; i++) await post('/Ticker/publish', JSON.stringify([big, 1]));
      const read = await post(`/_events?after=0&wait=0`, undefined, client);
      return `the client's first read: gap ${JSON.stringify(read.gap)}`;
    },
  );
  const n = count.toLocaleString('en-US');
  return [
    result({
      name: `chat server peak RSS while a client posts ${n} messages of 256 KiB without reading`,
      unit: 'MiB',
      value: chat.peak,
      peer: 'its RSS before',
      peerValue: chat.before,
      better: 'lower',
      goal: 2,
    }),
    result({
      name: `server peak RSS while ${n} events of 256 KiB are queued for a client that never reads`,
      unit: 'MiB',
      value: ticker.peak,
      peer: 'its RSS before',
      peerValue: ticker.before,
      better: 'lower',
      goal: 4,
    }),
  ];
}

/** Starts `script`, runs `flood(post)` against it while sampling its RSS; `{ before, peak }` in MiB. */
async function attack(script, log, label, flood) {
  const server = await startServerProcess(join(repoRoot, 'bench', 'servers', script), {
    cwd: repoRoot,
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const post = (path, body, client, allowError = false) =>
    send(agent, server.port, path, body, client, allowError);
  try {
    // Warm: the first calls load and compile what the attack runs.
    await post('/_open', '{}');
    const before = rss(server.pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rss(server.pid))), 20);
    const t0 = performance.now();
    let said;
    try {
      said = await flood(post);
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, rss(server.pid));
    const after = rss(server.pid);
    log(
      `  hostile-memory: ${label} in ${((performance.now() - t0) / 1000).toFixed(1)} s: RSS ${before.toFixed(1)} MiB before, peak ${peak.toFixed(1)}, ${after.toFixed(1)} after; ${said}`,
    );
    return { before, peak };
  } finally {
    agent.destroy();
    await server.stop();
  }
}

function rss(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  if (line === null) throw new Error(`no VmRSS for process ${pid}`);
  return Number(line[1]) / 1024;
}

/** A POST of `body` (a GET without one); resolves with the parsed answer, rejects on an error status unless allowed. */
function send(agent, port, path, body, client, allowError) {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json' };
    if (client !== undefined) headers['x-contract-client'] = client;
    if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: body === undefined ? 'GET' : 'POST',
        path,
        agent,
        headers,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          if (res.statusCode !== 200 && !allowError)
            return reject(new Error(`${path}: ${res.statusCode} ${text.slice(0, 200)}`));
          resolve(JSON.parse(text));
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`${path}: no answer within 30 s`)));
    req.on('error', reject);
    req.end(body);
  });
}
