// maxQueueBytes end to end over HTTP (issue 18: one client posting 1,500
// events of 256 KiB without polling took a server from 55 to 874 MiB RSS):
// a client subscribes with a 256 KiB symbol, so each Ticker.publish queues
// two events of about 256 KiB for it (a tick and a done), and publishes 48
// times (about 24 MiB of events) without ever reading. With the default
// bound (8 MiB of event text) and `drop-oldest`, its reads hold the newest
// events within 8 MiB, the first with a gap of reason `overflow` naming
// exactly the dropped seqs; with `close`, the client is gone (410 UNKNOWN_CLIENT,
// reason `overflow`). Either way the server answers afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ListeningServer } from '@contract-gen/runtime/server/node';
import { tickerHandlers } from '../../conformance/generated/ticker.server.js';
import { createTickerService } from '../../conformance/ticker-service.js';

const KiB = 1024;
const DEFAULT_MAX_QUEUE_BYTES = 8 * 1024 * KiB;
const symbol = 's'.repeat(256 * KiB);
const PUBLISHES = 48;

interface Gap {
  from: number;
  to: number;
  count: number;
  reason: string;
}
interface Read {
  events: { seq: number; method: string; args: unknown[] }[];
  gap?: Gap;
}

function start(overflow: 'drop-oldest' | 'close'): Promise<ListeningServer> {
  return createServer({
    services: [tickerHandlers(createTickerService())],
    events: { overflow },
  }).listen(0);
}

async function call(
  server: ListeningServer,
  method: string,
  args: unknown[],
  client?: string,
): Promise<Response> {
  return fetch(`${server.url}/Ticker/${method}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(client === undefined ? {} : { 'x-contract-client': client }),
    },
    body: JSON.stringify(args),
  });
}

/** Opens a client, subscribes it with the 256 KiB symbol and publishes without reading: its id, and how many subscribers each publish reached. */
async function flood(server: ListeningServer): Promise<{ client: string; reached: unknown[] }> {
  const opened = await fetch(`${server.url}/_open`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  const { client } = (await opened.json()) as { client: string };
  expect((await call(server, 'subscribe', [symbol, { $cb: 1 }], client)).status).toBe(200);
  const reached: unknown[] = [];
  for (let i = 0; i < PUBLISHES; i++) {
    const answer = await call(server, 'publish', [symbol, 1]);
    expect(answer.status).toBe(200);
    reached.push(((await answer.json()) as { result: number }).result);
  }
  return { client, reached };
}

async function read(server: ListeningServer, client: string, after: number): Promise<Read> {
  const answer = await fetch(`${server.url}/_events?after=${after}&wait=0`, {
    headers: { 'x-contract-client': client },
  });
  expect(answer.status).toBe(200);
  return (await answer.json()) as Read;
}

async function answersNormally(server: ListeningServer): Promise<void> {
  expect(await (await call(server, 'add', [1, 2])).json()).toEqual({ result: 3 });
}

describe('drop-oldest (the default) at the default maxQueueBytes', () => {
  let server: ListeningServer;
  beforeAll(async () => (server = await start('drop-oldest')));
  afterAll(() => server.close());

  it('keeps the newest events within 8 MiB and names every dropped one in an overflow gap', async () => {
    const { client, reached } = await flood(server);
    expect(reached).toEqual(Array.from({ length: PUBLISHES }, () => 1));
    const posted = 2 * PUBLISHES;
    // An answer holds at most maxBatchChars (256 Ki characters) of events, one event always: read to the end.
    const first = await read(server, client, 0);
    const events = [...first.events];
    while (events.length > 0) {
      const next = await read(server, client, (events.at(-1) as Read['events'][number]).seq);
      if (next.events.length === 0) break;
      events.push(...next.events);
    }
    // What the queue held: each event's JSON text, counted as the memory store counts it.
    const held = events.reduce((sum, event) => sum + JSON.stringify(event).length, 0);
    expect(held).toBeLessThanOrEqual(DEFAULT_MAX_QUEUE_BYTES);
    expect(held).toBeGreaterThan(DEFAULT_MAX_QUEUE_BYTES - 2 * symbol.length);
    expect(first.gap).toEqual({
      from: 1,
      to: posted - events.length,
      count: posted - events.length,
      reason: 'overflow',
    });
    // The kept events are the newest, in order, right after the gap.
    expect(events.map((e) => e.seq)).toEqual(
      Array.from({ length: events.length }, (_, i) => (first.gap as Gap).to + 1 + i),
    );
    expect(events.at(-1)).toMatchObject({ seq: posted, method: 'done' });
    await answersNormally(server);
  }, 60_000);
});

describe('close at the default maxQueueBytes', () => {
  let server: ListeningServer;
  beforeAll(async () => (server = await start('close')));
  afterAll(() => server.close());

  it('ends the client: 410 UNKNOWN_CLIENT with reason overflow, its subscription released', async () => {
    const { client, reached } = await flood(server);
    // Once the queue passed 8 MiB (about 16 publishes), the client ended and its subscription went with it.
    expect(reached[0]).toBe(1);
    expect(reached.at(-1)).toBe(0);
    const answer = await fetch(`${server.url}/_events?after=0&wait=0`, {
      headers: { 'x-contract-client': client },
    });
    expect(answer.status).toBe(410);
    expect(await answer.json()).toMatchObject({
      error: { code: 'UNKNOWN_CLIENT', details: { reason: 'overflow' } },
    });
    await answersNormally(server);
  }, 60_000);
});
