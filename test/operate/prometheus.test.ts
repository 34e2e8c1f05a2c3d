// The conformance server started as `npm run conformance-server` starts it,
// with METRICS_PORT: after a burst its Prometheus endpoint shows the
// metrics docs/operations.md lists, with the values the burst makes.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { call, openClient, poll } from './wire.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let child: ChildProcess | undefined;
let base = '';
let metricsUrl = '';

/** A free port on loopback (the OS picks it; closed again before the server takes it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const metricsPort = await freePort();
  child = spawn(process.execPath, [join(root, 'build/apps/conformance/server.js')], {
    env: { ...process.env, PORT: '0', BASE: '/api', METRICS_PORT: String(metricsPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const started = child;
  const line = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const found = /listening on (\S+) .*metrics: (\S+)\)/.exec(output);
      if (found !== null) resolve(found[0]);
    };
    started.stdout?.on('data', onData);
    started.stderr?.on('data', onData);
    started.once('exit', (code) =>
      reject(new Error(`the conformance server exited (${code}) before listening:\n${output}`)),
    );
  });
  [, base = '', metricsUrl = ''] = /listening on (\S+) .*metrics: (\S+)\)/.exec(line) ?? [];
}, 120_000);

afterAll(async () => {
  const running = child;
  if (running === undefined || running.exitCode !== null) return;
  const exited = new Promise((resolve) => running.once('exit', resolve));
  running.kill('SIGTERM');
  await exited;
});

/** The scraped samples: `name{labels}` (labels sorted, otel_scope_name left out) → value. */
async function scrape(): Promise<Map<string, number>> {
  const text = await (await fetch(metricsUrl)).text();
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    const found = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (found === null) continue;
    const [, name = '', labels = '', value = ''] = found;
    const kept = labels
      .split(/,(?=[a-z_]+=)/)
      .filter((label) => label !== '' && !label.startsWith('otel_scope_name='))
      .sort();
    samples.set(kept.length === 0 ? name : `${name}{${kept.join(',')}}`, Number(value));
  }
  return samples;
}

it('after a burst, the Prometheus endpoint shows the documented counters with their values', async () => {
  const reader = await openClient(base);
  const leaver = await openClient(base);
  expect(await call(base, 'Ticker/subscribe', ['BURST', { $cb: 1 }], reader)).toEqual({
    status: 200,
    body: { result: 1 },
  });
  expect((await call(base, 'Ticker/subscribe', ['BURST', { $cb: 1 }], leaver)).status).toBe(200);
  // 40 ticks and a done to each of the two subscribers: 82 events appended.
  expect(await call(base, 'Ticker/publish', ['BURST', 40])).toEqual({
    status: 200,
    body: { result: 2 },
  });
  for (let i = 0; i < 3; i++) expect((await call(base, 'Ticker/add', [i, 1])).status).toBe(200);
  expect((await call(base, 'Ticker/add', [Number.MAX_SAFE_INTEGER, 1])).status).toBe(422);

  let before = await scrape();
  expect(before.get('contract_gen_events_appended_total')).toBe(82);
  expect(before.get('contract_gen_queue_depth')).toBe(82);
  expect(before.get('contract_gen_queue_bytes')).toBeGreaterThan(82 * 40);
  expect(before.get('contract_gen_events_delivered_total')).toBe(0);

  // The reader takes its 41 events and acknowledges them; the other closes with its 41 unread.
  const seqs = await poll(base, reader, 0);
  expect(seqs).toHaveLength(41);
  expect(await poll(base, reader, 41)).toEqual([]);
  const closed = await fetch(`${base}/_close`, {
    method: 'POST',
    headers: { 'x-contract-client': leaver },
  });
  expect(closed.status).toBe(200);

  before = await scrape();
  const call200 = 'service="Ticker",status="200",transport="http"';
  expect(Object.fromEntries(before)).toMatchObject({
    contract_gen_events_appended_total: 82,
    contract_gen_events_delivered_total: 41,
    'contract_gen_events_dropped_total{reason="closed"}': 41,
    // One acknowledgement of the 41: one record of the delivery lag.
    contract_gen_events_delivery_lag_count: 1,
    contract_gen_queue_depth: 0,
    contract_gen_queue_bytes: 0,
    'contract_gen_clients{transport="long-poll"}': 1,
    'contract_gen_clients{transport="websocket"}': 0,
    contract_gen_polls_parked: 0,
    [`contract_gen_calls_total{method="add",${call200}}`]: 3,
    'contract_gen_calls_total{method="add",service="Ticker",status="422",transport="http"}': 1,
    [`contract_gen_calls_total{method="subscribe",${call200}}`]: 2,
    [`contract_gen_calls_total{method="publish",${call200}}`]: 1,
    [`contract_gen_call_duration_count{method="add",${call200}}`]: 3,
  });
  expect(before.get('contract_gen_events_delivery_lag_sum')).toBeGreaterThanOrEqual(0);
});

it('counts a WebSocket client and its calls and acknowledgements by transport', async () => {
  const before = await scrape();
  const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/_ws`);
  const frames: { type: string; id?: number; status?: number; events?: { seq: number }[] }[] = [];
  const next = async (type: string): Promise<(typeof frames)[number]> => {
    for (;;) {
      const at = frames.findIndex((frame) => frame.type === type);
      if (at !== -1) return frames.splice(at, 1)[0] as (typeof frames)[number];
      await new Promise((resolve) => socket.addEventListener('message', resolve, { once: true }));
    }
  };
  socket.addEventListener('message', (message) => {
    frames.push(JSON.parse(message.data as string) as (typeof frames)[number]);
  });
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  const send = (frame: object): void => socket.send(JSON.stringify(frame));
  try {
    send({ type: 'hello' });
    await next('welcome');
    send({ type: 'call', id: 1, service: 'Ticker', method: 'subscribe', args: ['WS', { $cb: 1 }] });
    expect(await next('answer')).toMatchObject({ id: 1, status: 200 });
    send({ type: 'call', id: 2, service: 'Ticker', method: 'publish', args: ['WS', 4] });
    const received: number[] = [];
    while (received.length < 5)
      received.push(...((await next('events')).events ?? []).map((e) => e.seq));
    expect(await next('answer')).toMatchObject({ id: 2, status: 200 });
    send({ type: 'ack', seq: 5 });

    const onSocket = 'service="Ticker",status="200",transport="websocket"';
    const delivered = (before.get('contract_gen_events_delivered_total') ?? 0) + 5;
    let after = await scrape();
    // The ack is read by the server's next read of the queue: wait for it to show.
    for (let tries = 0; after.get('contract_gen_events_delivered_total') !== delivered; tries++) {
      if (tries > 100) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = await scrape();
    }
    expect(Object.fromEntries(after)).toMatchObject({
      'contract_gen_clients{transport="websocket"}': 1,
      [`contract_gen_calls_total{method="subscribe",${onSocket}}`]: 1,
      [`contract_gen_calls_total{method="publish",${onSocket}}`]: 1,
      contract_gen_events_appended_total:
        (before.get('contract_gen_events_appended_total') ?? 0) + 5,
      contract_gen_events_delivered_total: delivered,
    });
  } finally {
    socket.close();
  }
});
