// Interoperability with the Standard Webhooks specification's own library (npm `standardwebhooks`)
// and with the signature examples of its repository (fixtures/standard-webhooks-vectors.json).
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../runtime/src/server/index.js';
import type { WebhookSenderOptions } from '../../runtime/src/server/index.js';
import { nodeWebhookSign, webhookFetch } from '../../runtime/src/server/node/index.js';
import {
  createWebhookReceiver,
  newWebhookSecret,
  signWebhook,
  verifySignature,
} from '../../runtime/src/webhooks/index.js';
import { verifySignatureWith } from '../../runtime/src/webhooks/webhook-signature.js';
import {
  SECRET,
  sender,
  TickEventsCallback,
  until,
  type TickEvents,
  stopAfterEach,
} from './support.js';

interface Vectors {
  sign: { secret: string; id: string; timestamp: number; payload: string; signature: string }[];
  verify: { name: string; secret: string; header: string; valid: boolean }[];
  verifyMessage: { id: string; timestamp: string; payload: string };
}
const vectors = JSON.parse(
  readFileSync(new URL('fixtures/standard-webhooks-vectors.json', import.meta.url), 'utf8'),
) as Vectors;

const { servers, stops } = stopAfterEach();

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

describe('webhooks: the specification’s examples', () => {
  it.each(vectors.sign)('signs $id at $timestamp as the specification does', async (v) => {
    expect(await signWebhook(v.secret, v.id, v.timestamp, v.payload)).toBe(v.signature);
  });

  it.each(vectors.verify)('verifies: $name', async (v) => {
    const { id, timestamp, payload } = vectors.verifyMessage;
    expect(await verifySignature([v.secret], v.header, id, timestamp, payload)).toBe(v.valid);
  });

  it.each(vectors.sign)(
    'node:crypto (nodeWebhookSign) signs $id as the specification does',
    (v) => {
      expect(nodeWebhookSign(v.secret, v.id, v.timestamp, v.payload)).toBe(v.signature);
    },
  );

  it.each(vectors.verify)('node:crypto verifies, at once: $name', (v) => {
    const { id, timestamp, payload } = vectors.verifyMessage;
    const verified = verifySignatureWith(
      nodeWebhookSign,
      [v.secret],
      v.header,
      id,
      timestamp,
      payload,
    );
    expect(verified).toBe(v.valid);
  });

  it.each(vectors.verify)('the receiver checks the signature: $name', async (v) => {
    const { id, timestamp, payload } = vectors.verifyMessage;
    const receiver = createWebhookReceiver(
      TickEventsCallback,
      { tick: () => {} },
      { secret: v.secret, now: () => Number(timestamp) * 1000 },
    );
    const response = await receiver.fetch(
      new Request('http://receiver/hooks', {
        method: 'POST',
        headers: {
          'webhook-id': id,
          'webhook-timestamp': timestamp,
          'webhook-signature': v.header,
        },
        body: payload,
      }),
    );
    // A good signature gets past the check to the body, which is not a batch of events: 400, not 401.
    const body = (await response.json()) as { error: { code: string; path?: string } };
    if (v.valid)
      expect([response.status, body.error.code, body.error.path]).toEqual([
        400,
        'BAD_ARGUMENT',
        'type',
      ]);
    else expect([response.status, body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});

describe('webhooks: interoperability with the standardwebhooks package', () => {
  const signers: [string, WebhookSenderOptions][] = [
    ['WebCrypto, the global fetch', {}],
    ['node:crypto, the global fetch', { sign: nodeWebhookSign }],
    ['webhookFetch, its own node:crypto signing', { fetch: webhookFetch() }],
  ];
  it.each(signers)(
    'what we sign (%s) verifies with standardwebhooks, on every real request',
    async (_, options) => {
      const secret = newWebhookSecret();
      const verifier = new Webhook(secret);
      const verified: unknown[] = [];
      const failures: unknown[] = [];
      const server = createServer((req, res) => {
        void readBody(req).then((body) => {
          try {
            verified.push(verifier.verify(body, req.headers as Record<string, string>));
            res.writeHead(200).end();
          } catch (error) {
            failures.push(error);
            res.writeHead(401).end();
          }
        });
      });
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
      const { router, webhooks } = sender(memoryStore(), { maxBatch: 7, ...options });
      stops.push(
        () => webhooks.close(),
        () => router.close(),
      );
      const hook = await webhooks.endpoint<TickEvents>('interop', TickEventsCallback, {
        url,
        secret,
      });
      for (let i = 1; i <= 50; i++) hook.tick(i, `é${i}✓`);
      const events = () =>
        verified.flatMap((body) => (body as { events: { args: [number, string] }[] }).events);
      await until(() => events().length >= 50);
      expect(failures).toEqual([]);
      expect(events().map((event) => event.args)).toEqual(
        Array.from({ length: 50 }, (_, i) => [i + 1, `é${i + 1}✓`]),
      );
      expect(verified.length).toBeGreaterThanOrEqual(8);
    },
  );

  it('a rotated secret: both signatures go, a receiver with either verifies', async () => {
    const [old, next] = [newWebhookSecret(), newWebhookSecret()];
    const headers: Record<string, string>[] = [];
    const bodies: string[] = [];
    const { router, webhooks } = sender(memoryStore(), {
      fetch: (_url, init) => {
        headers.push(init?.headers as Record<string, string>);
        bodies.push(init?.body as string);
        return Promise.resolve(new Response(null, { status: 204 }));
      },
    });
    stops.push(
      () => webhooks.close(),
      () => router.close(),
    );
    const hook = await webhooks.endpoint<TickEvents>('rotating', TickEventsCallback, {
      url: 'https://receiver.example/hooks',
      secret: [next, old],
    });
    hook.tick(1, 'one');
    await until(() => bodies.length > 0);
    expect(headers[0]?.['webhook-signature']?.split(' ')).toHaveLength(2);
    for (const secret of [old, next])
      expect(
        new Webhook(secret).verify(bodies[0] as string, headers[0] as Record<string, string>),
      ).toMatchObject({ type: 'TickEvents' });
  });

  it('what standardwebhooks signs, our receiver verifies and handles', async () => {
    const got: [number, string][] = [];
    const receiver = createWebhookReceiver(
      TickEventsCallback,
      { tick: (n: number, label: string) => void got.push([n, label]) },
      { secret: SECRET },
    );
    const signer = new Webhook(SECRET);
    const body = JSON.stringify({
      type: 'TickEvents',
      queue: 'q1',
      events: [
        { seq: 1, cb: 1, method: 'tick', args: [1, 'a'] },
        { seq: 2, cb: 1, method: 'tick', args: [2, 'b'] },
      ],
    });
    const id = 'msg_2Lx1';
    const at = new Date();
    const request = () =>
      new Request('http://receiver/hooks', {
        method: 'POST',
        headers: {
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': signer.sign(id, at, body),
        },
        body,
      });
    const response = await receiver.fetch(request());
    expect(response.status).toBe(200);
    expect(got).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    // The same request again (a replay within the tolerance): answered, handled no more.
    const replay = await receiver.fetch(request());
    expect([replay.status, await replay.json()]).toEqual([200, { received: 0, duplicate: true }]);
    expect(got).toHaveLength(2);
  });
});
