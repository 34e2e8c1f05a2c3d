// Fast recovery after a server restart (issue 19, item 4): a client subscribed to a topic of a
// server with the SQLite store; the server process is SIGKILLed, stays down 3 s (long enough for
// a plain backoff to have grown past a second), and starts again on the same port and file. The
// figure: ms from the restarted server printing its port (it listens) to the client's state
// `online`, with the default backoff, over WebSocket (`auto`) and long polling. The goal is
// absolute: at most 1 s, so the "peer" is 1,000 ms and the goal ratio 1.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';
import { benchDir, repoRoot, workDir } from '../lib/paths.mjs';
import { result, round4 } from '../lib/result.mjs';
import { startServerProcess } from '../lib/server-process.mjs';
import { median } from '../lib/stats.mjs';

export const name = 'recovery';

const GOAL_MS = 1_000;
const DOWN_MS = 3_000;

export async function run({ quick = false, rounds: roundsOverride, log = console.log } = {}) {
  if (!existsSync(join(repoRoot, 'runtime/dist/server/stores/sqlite/index.js')))
    throw new Error("runtime/dist is missing: run 'npm run build' (npm run bench does)");
  const { connect } = await import('@contract-gen/runtime/client');
  const s = await import('@contract-gen/runtime/schema');
  const FeedEvents = s.callbackInterface('FeedEvents', { item: [s.number()] });
  const Room = s.service('Room', { join: s.method([s.callback(FeedEvents)], s.number()) });
  const rounds = roundsOverride ?? (quick ? 1 : 5);
  const dir = workDir('recovery');
  mkdirSync(dir, { recursive: true });
  const script = join(benchDir, 'servers', 'restart-server.mjs');
  const results = [];
  try {
    for (const transport of ['auto', 'long-poll']) {
      const took = [];
      for (let round = 0; round < rounds; round++) {
        const db = join(dir, `${transport}-${round}.db`);
        rmSync(db, { force: true });
        const first = await startServerProcess(script, {
          cwd: repoRoot,
          env: { ...process.env, DB: db, PORT: '0' },
        });
        const env = { ...process.env, DB: db, PORT: String(first.port) };
        const conn = connect(first.url, { transport, WebSocket, http });
        const online = () =>
          new Promise((resolve) => {
            if (conn.state === 'online') return resolve(Date.now());
            const stop = conn.onState((state) => {
              if (state === 'online') {
                stop();
                resolve(Date.now());
              }
            });
          });
        await conn.call(Room, 'join', [{ item() {} }]);
        await online();
        await new Promise((resolve) => {
          first.child.once('exit', resolve);
          first.child.kill('SIGKILL');
        });
        await new Promise((resolve) => {
          const stop = conn.onState((state) => state === 'offline' && (stop(), resolve()));
          if (conn.state === 'offline') resolve();
        });
        await sleep(DOWN_MS);
        const back = online();
        const second = await startServerProcess(script, { cwd: repoRoot, env });
        const answering = Date.now();
        const ms = (await back) - answering;
        took.push(Math.max(0, ms));
        log(
          `  ${transport} round ${round + 1}: online ${ms} ms after the server listened (${conn.transport})`,
        );
        if (conn.transport !== (transport === 'auto' ? 'websocket' : 'long-poll'))
          throw new Error(`the client left its transport: ${conn.transport}`);
        await conn.close();
        await second.stop();
      }
      results.push(
        result({
          name: `online after a server restart, ${transport === 'auto' ? 'websocket' : 'long polling'} (≤ 1 s)`,
          unit: 'ms',
          value: round4(median(took)),
          peer: 'goal: 1 s',
          peerValue: GOAL_MS,
          better: 'lower',
          goal: 1,
        }),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
