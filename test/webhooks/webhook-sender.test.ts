// The sender's rules: the URL policy, no redirects, retries up to the horizon then failing, one
// request in flight per endpoint even with two senders on one store (the delivery lease).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  createWebhooks,
  memoryStore,
  type WebhookEndpointInfo,
} from '../../runtime/src/server/index.js';
import { webhookFetch } from '../../runtime/src/server/node/index.js';
import { checkWebhookUrl } from '../../runtime/src/server/webhooks/webhook-url-policy.js';
import {
  SECRET,
  sender,
  TickEventsCallback,
  until,
  type TickEvents,
  stopAfterEach,
  tickReceiver,
  inFlightCounter,
} from './support.js';

const { servers, stops } = stopAfterEach();

describe('webhooks: the endpoint URL policy', () => {
  it.each([
    ['http://example.com/hooks', 'not https'],
    ['https://user:pw@example.com/hooks', 'credentials'],
    ['https://localhost/hooks', 'private network'],
    ['https://127.0.0.1:8080/hooks', 'private network'],
    ['https://2130706433/hooks', 'private network'],
    ['https://10.1.2.3/hooks', 'private network'],
    ['https://172.20.0.1/hooks', 'private network'],
    ['https://192.168.1.1/hooks', 'private network'],
    ['https://169.254.169.254/latest/meta-data', 'private network'],
    ['https://[::1]/hooks', 'private network'],
    ['https://[fd00::1]/hooks', 'private network'],
    ['https://[::ffff:127.0.0.1]/hooks', 'private network'],
    ['not a url', 'not an absolute URL'],
  ])('refuses %s by default (%s)', (url, why) => {
    expect(() => checkWebhookUrl(url)).toThrow(why);
  });

  it('takes public https URLs, and what the policy allows', () => {
    expect(checkWebhookUrl('https://hooks.example.com/in').hostname).toBe('hooks.example.com');
    expect(checkWebhookUrl('https://8.8.8.8/in').hostname).toBe('8.8.8.8');
    expect(() => checkWebhookUrl('http://127.0.0.1/', { allowHttp: true })).toThrow('private');
    expect(checkWebhookUrl('http://127.0.0.1/', { allowHttp: true, allowPrivate: true }).port).toBe(
      '',
    );
    const hosts = { hosts: ['*.example.com'] };
    expect(checkWebhookUrl('https://a.example.com/', hosts).hostname).toBe('a.example.com');
    expect(() => checkWebhookUrl('https://example.org/', hosts)).toThrow('urls.hosts');
  });

  it('endpoint() refuses a URL the policy refuses, and a secret that is not one', async () => {
    const { router } = sender(memoryStore());
    stops.push(() => router.close());
    const webhooks = createWebhooks(router);
    stops.push(() => webhooks.close());
    await expect(
      webhooks.endpoint('x', TickEventsCallback, {
        url: 'https://127.0.0.1/hooks',
        secret: SECRET,
      }),
    ).rejects.toThrow('private network');
    await expect(
      webhooks.endpoint('x', TickEventsCallback, {
        url: 'https://example.com/',
        secret: 'whsec_abc',
      }),
    ).rejects.toThrow('24 to 64 bytes');
  });
});

describe('webhooks: retries', () => {
  it('times a request out with webhookFetch (an endpoint that never answers), and retries', async () => {
    let requests = 0;
    const silent = createServer(() => void requests++);
    servers.push(silent);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { router, webhooks } = sender(memoryStore(), {
      fetch: webhookFetch(),
      timeoutMs: 100,
    });
    stops.push(
      () => webhooks.close(),
      () => router.close(),
    );
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/hooks`;
    const hook = await webhooks.endpoint<TickEvents>('t', TickEventsCallback, {
      url,
      secret: SECRET,
    });
    hook.tick(1, 'one');
    await until(() => requests >= 2, 30_000, 'a second attempt after a timeout');
  });

  it.each([
    ['the global fetch', undefined],
    ['webhookFetch (node:http)', webhookFetch()],
  ])(
    'does not follow a redirect with %s: the batch stays with the endpoint and is retried',
    async (_name, fetcher) => {
      let targetHits = 0;
      let redirects = 0;
      const target = createServer((_req, res) => {
        targetHits++;
        res.writeHead(200).end();
      });
      const redirector = createServer((_req, res) => {
        redirects++;
        const { port } = target.address() as AddressInfo;
        res.writeHead(307, { location: `http://127.0.0.1:${port}/elsewhere` }).end();
      });
      servers.push(target, redirector);
      for (const server of [target, redirector])
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { router, webhooks } = sender(
        memoryStore(),
        fetcher === undefined ? {} : { fetch: fetcher },
      );
      stops.push(
        () => webhooks.close(),
        () => router.close(),
      );
      const url = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/hooks`;
      const hook = await webhooks.endpoint<TickEvents>('r', TickEventsCallback, {
        url,
        secret: SECRET,
      });
      hook.tick(1, 'one');
      await until(() => redirects >= 3, 30_000, 'three attempts');
      expect(targetHits).toBe(0);
    },
  );

  it('marks an endpoint failing past the horizon, calls the hook, and resumes without losing events', async () => {
    const failing: WebhookEndpointInfo[] = [];
    let up = false;
    const { got, receiver } = tickReceiver();
    const { router, webhooks } = sender(memoryStore(), {
      retry: { firstMs: 5, maxMs: 20, horizonMs: 150 },
      onFailing: (endpoint) => void failing.push(endpoint),
      fetch: (url, init) =>
        up
          ? receiver.fetch(new Request(url, init))
          : Promise.resolve(new Response('down', { status: 503 })),
    });
    stops.push(
      () => webhooks.close(),
      () => router.close(),
    );
    const hook = await webhooks.endpoint<TickEvents>('f', TickEventsCallback, {
      url: 'https://receiver.example/hooks',
      secret: SECRET,
    });
    for (let n = 1; n <= 5; n++) hook.tick(n, 't');
    await until(() => failing.length > 0, 30_000, 'the failing hook');
    expect(failing).toEqual([
      {
        name: 'f',
        url: 'https://receiver.example/hooks',
        interface: 'TickEvents',
        error: 'answered 503',
      },
    ]);
    expect(webhooks.isFailing('f')).toBe(true);
    up = true;
    for (let n = 6; n <= 8; n++) hook.tick(n, 't');
    await webhooks.resume('f');
    await until(() => got.length >= 8, 30_000, 'every event after resume');
    expect(got).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(webhooks.isFailing('f')).toBe(false);
  });
});

describe('webhooks: two senders sharing a store', () => {
  it('never have two requests of an endpoint in flight, and hand over when one stops', async () => {
    const { got, receiver } = tickReceiver();
    const { counter, deliverAs } = inFlightCounter(receiver);
    const target = { url: 'https://receiver.example/hooks', secret: SECRET };
    const { router, webhooks: first } = sender(memoryStore(), {
      maxBatch: 10,
      fetch: deliverAs('first'),
    });
    const second = createWebhooks(router, {
      maxBatch: 10,
      fetch: deliverAs('second'),
      leaseMs: 30_000,
    });
    stops.push(
      () => first.close(),
      () => second.close(),
      () => router.close(),
    );
    const hook = await first.endpoint<TickEvents>('shared', TickEventsCallback, target);
    await second.endpoint<TickEvents>('shared', TickEventsCallback, target);
    for (let n = 1; n <= 300; n++) hook.tick(n, 't');
    await until(() => got.length >= 100, 30_000, '100 events');
    await first.close();
    await until(() => got.length >= 300, 30_000, 'all 300 events');
    expect(got).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(counter.most).toBe(1);
    expect(counter.senders).toEqual(new Set(['first', 'second']));
  });
});

describe('webhooks: removing an endpoint', () => {
  it('stops its delivery, ends its queue and forgets it', async () => {
    const { got, receiver } = tickReceiver();
    let requests = 0;
    const store = memoryStore();
    const { router, webhooks } = sender(store, {
      fetch: (url, init) => {
        requests++;
        return receiver.fetch(new Request(url, init));
      },
    });
    stops.push(
      () => webhooks.close(),
      () => router.close(),
    );
    const target = { url: 'https://receiver.example/hooks', secret: SECRET };
    const hook = await webhooks.endpoint<TickEvents>('gone', TickEventsCallback, target);
    hook.tick(1, 'one');
    await until(() => got.length >= 1);
    const client = (await store.webhooks?.get('gone'))?.client as string;
    await webhooks.remove('gone');
    expect(await store.webhooks?.get('gone')).toBeUndefined();
    expect(await store.touch(client)).toBe('closed');
    const before = requests;
    hook.tick(2, 'two');
    // Registered again, the name gets a new queue: only what comes after is delivered.
    const again = await webhooks.endpoint<TickEvents>('gone', TickEventsCallback, target);
    again.tick(3, 'three');
    await until(() => got.length >= 2);
    expect(got).toEqual([1, 3]);
    expect(requests).toBeGreaterThan(before);
  });
});
