// Requests per second of a small call (Ticker.add: two numbers in, one out)
// on contract-gen's generated server, beside a bare node:http server doing
// the same JSON work, fastify 5 and tRPC v11's standalone server. Each server
// runs in its own process; autocannon drives it from this one, over loopback,
// with the same settings for all.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { repoRoot } from '../lib/paths.mjs';
import { result } from '../lib/result.mjs';
import { alternate } from '../lib/rounds.mjs';
import { startServerProcess } from '../lib/server-process.mjs';

export const name = 'http';

const servers = {
  'contract-gen': { script: 'contract-gen-http.mjs', path: '/Ticker/add', body: '[1,2]' },
  'raw node:http': { script: 'raw-http.mjs', path: '/Ticker/add', body: '[1,2]' },
  'fastify 5': { script: 'fastify-http.mjs', path: '/Ticker/add', body: '[1,2]' },
  'tRPC v11 standalone': { script: 'trpc-http.mjs', path: '/add', body: '{"a":1,"b":2}' },
};

export async function run({ quick = false, rounds: roundsOverride, log = console.log } = {}) {
  const compiled = join(repoRoot, 'build', 'apps', 'conformance', 'generated', 'ticker.server.js');
  if (!existsSync(compiled))
    throw new Error("build/apps is missing: run 'npm run build:apps' (npm run bench does)");
  const seconds = quick ? 1 : 5; // quick: 4 servers x 2 rounds of 1 s, no warm-up: about 10 s in all
  const rounds = roundsOverride ?? (quick ? 2 : 5);
  const running = {};
  for (const [label, s] of Object.entries(servers)) {
    running[label] = await startServerProcess(join(repoRoot, 'bench', 'servers', s.script), {
      cwd: repoRoot,
    });
  }
  try {
    const contestants = Object.fromEntries(
      Object.entries(servers).map(([label, s]) => [
        label,
        () => requestsPerSecond(running[label].url + s.path, s.body, seconds),
      ]),
    );
    const stats = await alternate(contestants, {
      rounds,
      warmup: quick ? 0 : 1,
      onSample: (who, value) => log(`  http: ${who} ${Math.round(value)} req/s`),
    });
    const ours = stats['contract-gen'].median;
    return [
      result({
        name: 'HTTP calls/s (small method)',
        unit: 'req/s',
        value: ours,
        peer: 'raw node:http',
        peerValue: stats['raw node:http'].median,
        better: 'higher',
        goal: 0.85,
      }),
      result({
        name: 'HTTP calls/s vs fastify',
        unit: 'req/s',
        value: ours,
        peer: 'fastify 5',
        peerValue: stats['fastify 5'].median,
        better: 'higher',
        goal: 1,
      }),
      result({
        name: 'HTTP calls/s vs tRPC',
        unit: 'req/s',
        value: ours,
        peer: 'tRPC v11 standalone',
        peerValue: stats['tRPC v11 standalone'].median,
        better: 'higher',
        goal: 1,
      }),
    ];
  } finally {
    await Promise.all(Object.values(running).map((r) => r.stop()));
  }
}

/** One autocannon run; refuses a run with any error or non-2xx answer (a benchmark must not time an error path). */
async function requestsPerSecond(url, body, seconds) {
  const out = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: 32,
    duration: seconds,
  });
  if (out.errors > 0 || out.non2xx > 0 || out.timeouts > 0) {
    throw new Error(
      `${url}: ${out.errors} errors, ${out.non2xx} non-2xx answers, ${out.timeouts} timeouts`,
    );
  }
  return out.requests.average;
}
