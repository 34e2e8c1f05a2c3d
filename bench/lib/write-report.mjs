#!/usr/bin/env node
// Writes docs/benchmarks.md and docs/benchmarks.svg from a results file:
// `node bench/lib/write-report.mjs [results.json]` (default
// bench/results.json); `npm run bench` runs it after a full run. With
// `--check` it writes nothing and exits 1 when either file differs from what
// the results file gives (a stale page, or one edited by hand). Both files are
// generated, never edited by hand: test/docs/benchmarks-page.test.ts checks
// that the page shows the figures results.json holds. The output depends only
// on the results file (no clock, no locale), so the same file always gives the
// same bytes.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchDir, repoRoot } from './paths.mjs';
import { met } from './result.mjs';

export const pagePath = join(repoRoot, 'docs', 'benchmarks.md');
export const chartPath = join(repoRoot, 'docs', 'benchmarks.svg');

/** Reads `file` and writes the page and the chart; returns their paths. A quick run's figures never reach docs/. */
export function writeReport(file = join(benchDir, 'results.json')) {
  const outputs = render(file);
  for (const [path, text] of outputs) writeFileSync(path, text);
  return outputs.map(([path]) => path);
}

/** The paths of the page and the chart that differ from what `file` gives (none when both are current). */
export function staleFiles(file = join(benchDir, 'results.json')) {
  return render(file)
    .filter(([path, text]) => !existsSync(path) || readFileSync(path, 'utf8') !== text)
    .map(([path]) => path);
}

/** `[[path, text], ...]` of the chart and the page for the results in `file`. */
function render(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if (report.quick)
    throw new Error(`${file} is from a --quick run: its figures do not go on docs/benchmarks.md`);
  if (!Array.isArray(report.results) || report.results.length === 0)
    throw new Error(`${file} holds no results`);
  return [
    [chartPath, renderChart(report.results)],
    [pagePath, renderPage(report)],
  ];
}

// ---- numbers, as the page shows them (the test reads them back) ----

/** A figure with 4 significant digits at most, thousands separated by commas (not locale-dependent). */
export function formatNumber(n) {
  const abs = Math.abs(n);
  const decimals =
    abs >= 1000
      ? 0
      : abs >= 100
        ? 1
        : abs >= 10
          ? 2
          : abs >= 1
            ? 3
            : Math.min(6, 3 - Math.floor(Math.log10(abs || 1)));
  const [whole, fraction] = n.toFixed(decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A ratio or goal: two decimals. */
export const formatRatio = (n) => `${n.toFixed(2)}x`;

/**
 * How a result stands against its goal, the same way round for either
 * direction: above 1 the goal is met (ratio / goal when higher is better,
 * goal / ratio when lower is better).
 */
export function score(r) {
  return r.better === 'higher' ? r.ratio / r.goal : r.goal / r.ratio;
}

// ---- the page ----

/** What each suite compares and how its peers are set up, so the comparison is fair (details: bench/README.md). */
const suites = {
  bundle: [
    "What a page downloads: the chat example's client (what examples/chat/web/app.ts takes from contract-gen: `connect` from `@contract-gen/runtime/client` and the generated chat client with its schemas, none of the page's own code) bundled by esbuild (minified ES module, platform browser, tree-shaken, no externals) and gzipped at level 9. Sizes are deterministic: one build each. 1 KiB = 1,024 bytes.",
    'Peers: socket.io-client 4.8 (`io(url)`) and @microsoft/signalr (a `HubConnectionBuilder` with automatic reconnect), bundled the same way. The 10 KiB result compares with its absolute goal rather than a peer. Where the bytes go: bench/README.md.',
  ],
  chaos: [
    "Issue 25's chaos run: a three-master Redis 7 Cluster (AOF, `appendfsync always`, no replicas), four server processes on it (`redisStore`), and nginx in front with docs/deploy.md's configuration (round robin, no stickiness). 1,000 full `connect()` clients, half long polling and half on WebSocket, in two processes, each joined to a store-backed topic. For 60 s a publisher sends a call of 10 events every 500 ms through nginx and sends a failed call again until it answers; every 5 s one server process is SIGKILLed and started again on its port, and once, half-way, one Redis master is SIGKILLed and started again on its port and folder.",
    'No peer: the goals are absolute. Every client must hold every event with its first arrivals in order, no gap and no error; the issue also asks for every event exactly once, which a repeat breaks. The publisher sends each call with a call id (docs/protocol.md, "Calls sent again") and a failed call again with the same id: a call that ran is answered, not run again, and one stored only in some shards stores only the rest. Delivery must end within 5 s of the last publish call answered. A server process that exits by itself (a crash) is counted, started again on its port as a supervisor would, and misses the goal that every process runs until it is SIGKILLed.',
  ],
  'fanout-redis': [
    "Issue 25's fan-out across processes: four server processes per side on one Redis (a fresh key prefix) and on a three-master Redis 7 Cluster, 400 WebSocket clients in two processes spread evenly over the four, all in one room; a publisher sends 500 events to process 1 in calls of 100. Events/s: the clients' distinct events over the time from the first publish to the last client's last event. Then the same burst with process 4 SIGKILLed half-way and started again at once on its port: the events its clients never receive (a side is done when every client has every event, or nothing new arrived for 10 s).",
    "Peer: socket.io 4.8 with `@socket.io/redis-streams-adapter` 0.3 (its defaults, connection state recovery on, WebSocket only), the same room and loop. contract-gen's side is the Redis store with a store-backed topic: every event is queued per client in Redis (so it survives the process), where the adapter passes each event once through a stream to every process, which holds it in memory only.",
  ],
  check: [
    '`contract-gen check` on 300 generated contract files (10,000 methods, about 53,000 lines) beside `tsc --noEmit` on the same files, one whole process each, wall clock, start-up included.',
    'Peers: TypeScript 6 (`typescript` devDependency, the engine ts-morph bundles, so the one inside `check`) and TypeScript 7 (the native compiler, `typescript7`). tsc runs with its defaults and the options contract-gen gives its own compiler (strict, lib ES2022, no `@types`); both load the same library files.',
  ],
  events: [
    'Events over HTTP long polling, server and clients in separate processes: one client receiving a burst, latency from publish to callback (p50, p99), and fan-out of one stream to 1,000 clients.',
    "Peers: socket.io 4.8 over its polling transport (a room per symbol, otherwise defaults; socket.io-client with `forceNew`), and a bare long-poll loop on node:http speaking the same wire format with nothing else (no validation, no expiry), the floor. Every side sends the same events from the same loop and every client checks every event in order. contract-gen's per-client queue bound is raised to 1,000,000 so one burst fits (socket.io's buffers have no bound).",
  ],
  hostile: [
    "Hostile input against contract-gen's node:http server with every default (issue 18), server, load and timed requests in three processes on loopback: the time from sending a 1 MiB nested body (`[` repeated) or frame to its refusal (`400 TOO_DEEP`, before parsing; bodies on a second server started with `refusedBodyDelayMs: 0`, so the figure is the server's own work, where by default a refused body's answer waits 100 ms), and a health call's p99 latency while 4 senders post such bodies back to back, or while 2,000 bodies arrive a byte a second (slowloris).",
    'Peers: a flat body or call frame of the same size (one 1 MiB string) answered by the same server; for the p99 results, the same server idle, with the goal at most 2x its p99, and 4 senders posting that flat body back to back (honest traffic of the same size), with the goal at most its p99.',
  ],
  'hostile-memory': [
    "Issue 18's memory attack rerun, each on a fresh server process whose RSS is read every 20 ms: one client of the chat example posts 1,500 messages of 256 KiB without reading (the chat caps messages at 2,000 characters), and one client of the conformance Ticker has 1,500 events of 256 KiB queued for it without reading (the queue keeps at most `maxQueueBytes`, 8 MiB). Before the byte bound and the chat caps the first attack took a server from 55 to 874 MiB (15.9x).",
    'Peer: the same server process before the attack. The goal is a bound, whatever the count: the peak is V8 collecting the big strings when it sees fit, on top of the 8 MiB queue.',
  ],
  http: [
    'Requests per second of one small call (two numbers in, their sum out), each server in its own process, driven by the same autocannon client (32 connections) over loopback, alternating.',
    "Peers: a bare node:http server doing the same JSON work (parse, check two finite numbers, add, check the sum, answer) and nothing else; fastify 5 with one POST route doing the same checks on the body fastify parsed (no schema, logging off); tRPC v11's standalone server with one mutation and a plain validator function (no schema library).",
  ],
  memory: [
    "Server memory per idle client: 10,000 clients connect to a fresh server process, each subscribes once, then sits idle (a parked long poll or an open WebSocket). The figure is the server's RSS after a forced GC (median of several readings) above its baseline with 100 clients connected, divided by 10,000. Clients live in 4 worker processes and speak each server's wire protocol directly, with one keep-alive connection or one socket each.",
    'Peers: a bare node:http long-poll server (the same protocol, nothing else), a raw `ws` 8 server (a Set of sockets per symbol, no pings), and socket.io 4.8 with one transport (polling, or websocket), otherwise defaults. contract-gen keeps every default (memory store, ttl, waits, pings). The goal against a raw peer is "at most the peer + 2 KiB per client", written as the ratio (peer + 2) / peer from the same run.',
  ],
  hop: [
    "Callbacks across hops (issue 22): events per second one client receives from a feed server, through one server in the middle that passed its callback on to the feed (`createRelay`: each event goes into the middle server's queue for the client), against the client subscribed to the feed directly. Each server is its own process (memory stores, long polling); the client and the publisher (1,000 events per call) share the benchmark process. 5 rounds (quick: 1), medians.",
  ],
  logs: [
    "Logs (topics with history, docs/logs.md) in the Redis store. Fan-out: one server process, 1,000 long-polling clients (contract-gen's client, two client processes) following one log, beside 1,000 members of a store-backed topic on the same server; a burst of 1,000 events, events/s delivered in all from the publish call to the last arrival. Memory: what one more event held for 1,000 members costs in Redis (MEMORY USAGE summed over the store's keys), a log beside a topic. Replay: a late follower reading a 100,000-event log from its start through the store's interface (1,000 events a read, acknowledged as a long poll does), beside a raw ioredis XRANGE loop over the same stream (COUNT 1,000).",
  ],
  recovery: [
    'A client subscribed to a topic of a server with the SQLite store; the server process is SIGKILLed, stays down 3 s, and starts again on the same port and file. The figure: ms from the restarted server listening to the client reporting `online`, with the default backoff, over WebSocket (`auto`) and long polling; the client must not leave its transport. 5 rounds (quick: 1), medians. The goal is absolute (issue 19: online within a second of the server answering), so the "peer" is 1 s.',
  ],
  soak: [
    "1,000 clients long polling, each its own principal through the auth hook, while 200 calls/s publish to them: the server's RSS after a forced GC at the end, against the same server after the warm-up. The peer is the server itself: the goal says memory stays flat. Any error answer or lost event fails the suite.",
  ],
  stores: [
    'The durable stores through their own interface, in one process, beside the raw client library doing the same writes: appending events (1 and 100 per transaction or call) and delivering them 100 at a time.',
    'Peers: better-sqlite3 inserting the same rows into the same table layout in transactions of the same size (WAL, `synchronous=NORMAL` on both sides); ioredis XADD into a stream, awaited one by one or pipelined 100 deep, then XRANGE and XTRIM.',
  ],
  watch: [
    'Edit one contract in a folder of 300 and time until `contract-gen --watch` has regenerated and reported, beside `tsc --watch` (TypeScript 6) re-checking the same folder after the same edit. One watcher runs at a time.',
  ],
  webhooks: [
    "Events per second delivered as webhooks to one receiver process (issue 23): contract-gen's sender (`createWebhooks` on the memory store: batches read from the endpoint's queue, signed with HMAC-SHA256 through WebCrypto, POSTed over node:http by `webhookFetch` one at a time, each acknowledged before the next) into contract-gen's receiver (signature and timestamp checked, every event decoded against the callback interface, its handler called), at 100 events per request (the default) and at 1,000. The figure runs from the first event queued to the receiver reporting the last one handled.",
    'Peer: a bare node:http POST loop sending the same batch bodies, one at a time over a keep-alive agent, to a bare node:http server in the same receiver process that parses each body and counts its events (no signature, no validation).',
  ],
  websocket: [
    'Events pushed to one client over a WebSocket (one event per frame, and 100 per frame), and the latency of single events at 1,000 events/s; each server and client in its own process.',
    'Peers: a raw `ws` 8 server pushing the same JSON in the same batch sizes (the floor), and socket.io 4 over its websocket transport emitting the same events. The p99 result compares with its absolute goal (2 ms) rather than a peer.',
  ],
};

function renderPage(report) {
  const { machine, date, results } = report;
  const metCount = results.filter(met).length;
  const rows = results.map((r) => [
    cell(r.suite ?? ''),
    cell(r.name),
    `${formatNumber(r.value)} ${cell(r.unit)}`,
    cell(r.peer),
    `${formatNumber(r.peerValue)} ${cell(r.unit)}`,
    formatRatio(r.ratio),
    `${r.better === 'lower' ? '≤' : '≥'} ${formatRatio(r.goal)}`,
    met(r) ? 'yes' : '**no**',
  ]);
  const load =
    machine.loadAverageEnd === undefined
      ? `${machine.loadAverage}`
      : `${machine.loadAverage} at the start, ${machine.loadAverageEnd} at the end`;
  const suiteNames = [...new Set(results.map((r) => r.suite).filter(Boolean))];
  return [
    '<!-- Generated by bench/lib/write-report.mjs from bench/results.json. Do not edit: run `npm run bench`, or `node bench/lib/write-report.mjs` to regenerate from the current results. -->',
    '',
    '# Benchmarks',
    '',
    'contract-gen beside a well-known peer doing the same job, on the same machine in the same run: the',
    'project and its peers alternate, round after round, and each figure is the median of the rounds.',
    "Servers and clients run in separate processes over loopback. `ratio` is contract-gen's figure",
    "divided by the peer's; `goal` is the ratio we aim for (at most, when lower is better; at least,",
    'when higher is better).',
    '',
    `**${metCount} of ${results.length} results meet their goal.**`,
    '',
    `- Date: ${date}`,
    `- Machine: ${machine.cores} cores, ${machine.cpu}, ${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node}`,
    `- Load average (1 minute): ${load}`,
    '',
    '## Against the goals',
    '',
    "![Each result's distance from its goal, log scale: bars to the right of the goal line meet it](benchmarks.svg)",
    '',
    'One bar per result, on a log scale, normalised so that higher-is-better and lower-is-better read',
    'the same way: ratio ÷ goal when higher is better, goal ÷ ratio when lower is better. A bar to the',
    'right of the goal line (1) meets its goal; "2x" means twice as good as the goal asks.',
    '',
    '## Results',
    '',
    table(
      ['suite', 'name', 'value', 'peer', 'peer value', 'ratio', 'goal', 'met?'],
      ['left', 'left', 'right', 'left', 'right', 'right', 'right', 'left'],
      rows,
    ),
    '',
    '## Reproduce',
    '',
    '```sh',
    'npm ci',
    'npm run bench                  # every suite: bench/results.json, this page and its chart',
    'npm run bench -- --only memory # one suite (its lines in results.json are replaced, the others kept)',
    'npm run bench -- --quick       # a smoke check in under 2 minutes (bench/.work/results.quick.json; never this page)',
    'node bench/lib/write-report.mjs [results.json]   # this page and the chart again, from a results file',
    '```',
    '',
    'The `stores` and `logs` suites need a Redis server (`CONTRACT_GEN_REDIS_URL`, default',
    '`redis://127.0.0.1:6379`); the `chaos` suite needs redis-server 7, redis-cli and nginx. Run on an',
    'otherwise idle machine: the runner warns when the load average is above half the cores, and loopback',
    'figures move with anything else that runs. bench/README.md describes every suite, its rounds and its',
    'goals in full.',
    '',
    '## What each suite compares, and how the peers are set up',
    '',
    ...suiteNames.flatMap((s) => [
      `### ${s}`,
      '',
      ...(suites[s] ?? ['See bench/README.md.']).flatMap((p) => [p, '']),
      ...detailsTable(results.find((r) => r.suite === s && r.details !== undefined)?.details),
    ]),
  ]
    .join('\n')
    .replace(/\n+$/, '\n');
}

/** Labels of the figures a suite records beside its results (`details`), in the order shown. */
const detailLabels = {
  seconds: 'seconds of publishing',
  clients: 'clients',
  longPollClients: 'of them long polling',
  websocketClients: 'of them on WebSocket',
  eventsPublished: 'events published (to every client)',
  publishCalls: 'publish attempts in all, failed ones included',
  failedPublishCalls: 'failed publish attempts (each sent again)',
  processKills: 'server processes SIGKILLed and restarted',
  processCrashes: 'server processes that exited by themselves (a crash)',
  redisMasterKills: 'Redis masters SIGKILLed and restarted',
  clientsWithAllEvents: 'clients holding every event',
  clientsInOrderNoGapNoError: 'clients with first arrivals in order, no gap, no error',
  clientsExactlyOnce: 'clients with every event exactly once',
  maxRepeats: 'repeated arrivals at one client, at most',
  totalRepeats: 'repeated arrivals in all',
  repeatsNotFromFailedCalls: 'repeats of events no failed call carried',
  eventsDelivered: 'events delivered in all, repeats included',
  deliverMs: 'ms from the last publish answered to every client holding every event',
  burst: 'events per burst',
  chunk: 'events per publish call',
  logMs: 'ms to deliver the burst, contract-gen log',
  topicMs: 'ms to deliver the burst, contract-gen topic',
  peerMs: 'ms to deliver the burst, the peer',
  logLostOnKill: 'events lost when a process is SIGKILLed mid-burst, contract-gen log',
  topicLostOnKill: 'events lost when a process is SIGKILLed mid-burst, contract-gen topic',
  peerLostOnKill: 'events lost when a process is SIGKILLed mid-burst, the peer',
  logRepeatsOnKill: 'repeated arrivals then, contract-gen log',
  topicRepeatsOnKill: 'repeated arrivals then, contract-gen topic',
  peerRepeatsOnKill: 'repeated arrivals then, the peer',
  logServerCpuPerEventUs: 'server CPU per delivered event (4 processes), µs, contract-gen log',
  topicServerCpuPerEventUs: 'server CPU per delivered event (4 processes), µs, contract-gen topic',
  peerServerCpuPerEventUs: 'server CPU per delivered event (4 processes), µs, the peer',
  logClientCpuPerEventUs: 'client CPU per delivered event, µs, contract-gen log',
  topicClientCpuPerEventUs: 'client CPU per delivered event, µs, contract-gen topic',
  peerClientCpuPerEventUs: 'client CPU per delivered event, µs, the peer',
};

/** The figures a suite recorded beside its results, as a table (nothing when there are none). */
function detailsTable(details) {
  if (details === undefined) return [];
  const keys = Object.keys(details);
  const ordered = [
    ...Object.keys(detailLabels).filter((k) => keys.includes(k)),
    ...keys.filter((k) => !(k in detailLabels)),
  ];
  return [
    'Figures of this run:',
    '',
    table(
      ['figure', 'value'],
      ['left', 'right'],
      ordered.map((k) => [
        cell(detailLabels[k] ?? k),
        Number.isInteger(details[k])
          ? String(details[k]).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
          : formatNumber(details[k]),
      ]),
    ),
    '',
  ];
}

function table(header, align, rows) {
  const rule = align.map((a) => (a === 'right' ? '---:' : '---'));
  return [header, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** Markdown table cell text: a `|` would end the cell. */
const cell = (text) => String(text).replaceAll('|', '\\|');

// ---- the chart ----

const WIDTH = 1100;
const LABEL_WIDTH = 520; // result names, right-aligned against the plot
const PLOT_X = LABEL_WIDTH + 10;
const PLOT_WIDTH = 360;
const ROW = 22;
const TOP = 84;
const LOG2_MIN = -4; // 1/16 of the goal
const LOG2_MAX = 4; // 16x the goal
const MAX_LABEL = 76; // characters: about 500 px at 12 px, inside LABEL_WIDTH

/** x of a score on the log scale, clamped to the plot. */
function xOf(s) {
  const l = Math.min(LOG2_MAX, Math.max(LOG2_MIN, Math.log2(s)));
  return PLOT_X + ((l - LOG2_MIN) / (LOG2_MAX - LOG2_MIN)) * PLOT_WIDTH;
}

/** The SVG: one bar per result (class "bar", with its name and ratio as data attributes), grouped by suite. */
export function renderChart(results) {
  const lines = [];
  let y = TOP;
  let suite;
  const goalX = xOf(1);
  for (const r of results) {
    if (r.suite !== suite) {
      suite = r.suite;
      y += 6;
      lines.push(
        `  <text class="suite" x="${LABEL_WIDTH}" y="${y + 14}" text-anchor="end">${xml(suite ?? '')}</text>`,
      );
      y += ROW;
    }
    const s = score(r);
    const x = xOf(s);
    const ok = met(r);
    const left = Math.min(x, goalX);
    const width = Math.max(1, Math.abs(x - goalX));
    const name = r.name.length > MAX_LABEL ? `${r.name.slice(0, MAX_LABEL - 1)}…` : r.name;
    const clipped = Math.log2(s) > LOG2_MAX ? ' ▶' : Math.log2(s) < LOG2_MIN ? ' ◀' : '';
    const goal = `${r.better === 'lower' ? '≤' : '≥'} ${formatRatio(r.goal)}`;
    lines.push(
      `  <g>`,
      `    <title>${xml(`${r.name}: ${formatNumber(r.value)} ${r.unit} vs ${r.peer} ${formatNumber(r.peerValue)} ${r.unit}; ratio ${formatRatio(r.ratio)}, goal ${goal}`)}</title>`,
      `    <text x="${LABEL_WIDTH}" y="${y + 15}" text-anchor="end">${xml(name)}</text>`,
      `    <rect class="bar ${ok ? 'met' : 'missed'}" data-name="${xml(r.name)}" data-ratio="${r.ratio}" data-goal="${r.goal}" x="${num(left)}" y="${y + 4}" width="${num(width)}" height="${ROW - 8}"/>`,
      `    <text class="figure" x="${PLOT_X + PLOT_WIDTH + 8}" y="${y + 15}">${xml(`${formatRatio(r.ratio)} (goal ${goal})${clipped}`)}</text>`,
      `  </g>`,
    );
    y += ROW;
  }
  const height = y + 40;
  const ticks = [];
  for (let l = LOG2_MIN; l <= LOG2_MAX; l++) {
    const x = num(xOf(2 ** l));
    const label = l === 0 ? 'goal' : l > 0 ? `${2 ** l}x` : `1/${2 ** -l}`;
    ticks.push(
      `  <line class="${l === 0 ? 'goal' : 'grid'}" x1="${x}" y1="${TOP - 6}" x2="${x}" y2="${y + 4}"/>`,
      `  <text class="tick" x="${x}" y="${TOP - 12}" text-anchor="middle">${label}</text>`,
      `  <text class="tick" x="${x}" y="${y + 18}" text-anchor="middle">${label}</text>`,
    );
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="12">`,
    '  <!-- Generated by bench/lib/write-report.mjs from bench/results.json. Do not edit. -->',
    '  <style>',
    '    text { fill: #222; } .suite { font-weight: bold; } .tick, .figure { fill: #555; font-size: 11px; }',
    '    .grid { stroke: #ddd; } .goal { stroke: #222; stroke-width: 1.5; } .met { fill: #2e7d32; } .missed { fill: #c62828; }',
    '  </style>',
    `  <rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `  <text x="20" y="20" font-weight="bold">Each result against its goal (log scale; right of the goal line = goal met)</text>`,
    `  <text class="tick" x="20" y="38">Bar: ratio ÷ goal where higher is better, goal ÷ ratio where lower is better. Green: goal met; red: missed.</text>`,
    `  <text class="tick" x="20" y="54">Figure on the right: the ratio, contract-gen ÷ peer, and its goal.</text>`,
    ...ticks,
    ...lines,
    '</svg>',
    '',
  ].join('\n');
}

const num = (n) => Number(n.toFixed(1));
const xml = (text) =>
  String(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const file = resolve(args.find((a) => a !== '--check') ?? join(benchDir, 'results.json'));
  const shown = (path) => relative(process.cwd(), path) || path;
  try {
    if (check) {
      const stale = staleFiles(file);
      for (const path of stale)
        console.error(
          `write-report: ${shown(path)} is not what ${shown(file)} gives; run 'node bench/lib/write-report.mjs'`,
        );
      process.exit(stale.length > 0 ? 1 : 0);
    }
    for (const written of writeReport(file)) console.log(`Wrote ${shown(written)}`);
  } catch (error) {
    console.error(`write-report: ${error.message}`);
    process.exit(1);
  }
}
