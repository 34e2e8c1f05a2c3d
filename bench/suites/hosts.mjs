// Calls/s of a small call (Ticker.add) through contract-gen's host adapters
// for Express, Fastify and Hono (on @hono/node-server), each beside the same
// framework's own bare route doing the same JSON work
// (bench/servers/host-http.mjs). Goal: at least 0.9x the bare route. One
// framework at a time: its two servers alternate, round after round, driven
// by autocannon from this process with the same settings as the http suite.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { repoRoot } from '../lib/paths.mjs';
import { result } from '../lib/result.mjs';
import { alternate } from '../lib/rounds.mjs';
import { startServerProcess } from '../lib/server-process.mjs';

export const name = 'hosts';

const frameworks = { express: 'Express', fastify: 'Fastify', hono: 'Hono' };

export async function run({ quick = false, rounds: roundsOverride, log = console.log } = {}) {
  const compiled = join(repoRoot, 'build', 'apps', 'conformance', 'generated', 'ticker.server.js');
  if (!existsSync(compiled))
    throw new Error("build/apps is missing: run 'npm run build:apps' (npm run bench does)");
  const seconds = quick ? 1 : 5;
  const rounds = roundsOverride ?? (quick ? 2 : 5);
  const results = [];
  for (const [framework, label] of Object.entries(frameworks)) {
    const script = join(repoRoot, 'bench', 'servers', 'host-http.mjs');
    const ours = await startServerProcess(script, { cwd: repoRoot, args: [framework, 'ours'] });
    const bare = await startServerProcess(script, { cwd: repoRoot, args: [framework, 'bare'] });
    try {
      const stats = await alternate(
        {
          ours: () => callsPerSecond(`${ours.url}/api/Ticker/add`, seconds),
          bare: () => callsPerSecond(`${bare.url}/api/Ticker/add`, seconds),
        },
        {
          rounds,
          warmup: quick ? 0 : 1,
          onSample: (who, value) => log(`${label} ${who}: ${Math.round(value)} req/s`),
        },
      );
      results.push(
        result({
          name: `calls/s through the ${label} host`,
          unit: 'req/s',
          value: stats.ours.median,
          peer: `${label}'s own bare route`,
          peerValue: stats.bare.median,
          better: 'higher',
          goal: 0.9,
        }),
      );
    } finally {
      await Promise.all([ours.stop(), bare.stop()]);
    }
  }
  return results;
}

/** One autocannon run; refuses a run with any error or non-2xx answer. */
async function callsPerSecond(url, seconds) {
  const out = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '[1,2]',
    connections: 32,
    duration: seconds,
  });
  if (out.errors > 0 || out.non2xx > 0 || out.timeouts > 0)
    throw new Error(
      `${url}: ${out.errors} errors, ${out.non2xx} non-2xx answers, ${out.timeouts} timeouts`,
    );
  return out.requests.average;
}
