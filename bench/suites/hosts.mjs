// Calls/s of a small call (Ticker.add) through contract-gen's host adapters
// for Express, Fastify and Hono (on @hono/node-server), each beside the same
// framework's own bare route doing the same JSON work
// (bench/servers/host-http.mjs). Goal: at least 0.9x the bare route. One
// framework at a time: its two servers alternate, round after round, driven
// by autocannon from this process with the same settings as the http suite.
// Beside calls/s (wall clock, which other work on a shared machine swings a
// lot), calls per second of the server process's own CPU time (user +
// system, /proc/<pid>/stat) over the same runs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { repoRoot } from '../lib/paths.mjs';
import { result } from '../lib/result.mjs';
import { alternate } from '../lib/rounds.mjs';
import { startServerProcess } from '../lib/server-process.mjs';
import { median } from '../lib/stats.mjs';

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
      const perCpu = { ours: [], bare: [] };
      const measure = async (who, server) => {
        const before = cpuSeconds(server.pid);
        const { rate, total } = await callsPerSecond(`${server.url}/api/Ticker/add`, seconds);
        perCpu[who].push(total / (cpuSeconds(server.pid) - before));
        return rate;
      };
      const stats = await alternate(
        { ours: () => measure('ours', ours), bare: () => measure('bare', bare) },
        {
          rounds,
          warmup: quick ? 0 : 1,
          onSample: (who, value) =>
            log(
              `${label} ${who}: ${Math.round(value)} req/s, ${Math.round(perCpu[who].at(-1))} per server CPU second`,
            ),
        },
      );
      results.push(
        result({
          name: `calls through the ${label} host per server CPU second`,
          unit: 'req/CPU s',
          value: median(perCpu.ours.slice(-rounds)),
          peer: `${label}'s own bare route`,
          peerValue: median(perCpu.bare.slice(-rounds)),
          better: 'higher',
          goal: 0.9,
        }),
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
  return { rate: out.requests.average, total: out.requests.total };
}

/** The CPU time (user + system) process `pid` has used, in seconds (Linux: /proc/<pid>/stat, 100 ticks a second). */
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
