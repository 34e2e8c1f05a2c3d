// Shared pieces of the webhook tests: a callback interface, a receiver on a real port, a sender router.
import { createServer, type Server } from 'node:http';
import { afterEach } from 'vitest';
import type { AddressInfo } from 'node:net';
import * as s from '../../runtime/src/schema/index.js';
import { createRouter, createWebhooks, type ClientStore } from '../../runtime/src/server/index.js';
import type { WebhookSenderOptions } from '../../runtime/src/server/index.js';
import { toNodeHandler } from '../../runtime/src/server/node/index.js';
import { createWebhookReceiver, type WebhookReceiver } from '../../runtime/src/webhooks/index.js';

export interface TickEvents {
  tick(n: number, label: string): void;
}

export const TickEventsCallback = s.callbackInterface('TickEvents', {
  tick: [s.number(), s.string()],
});

/** A fixed secret for tests (24 bytes). */
export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** Serves `receiver` on a free port of 127.0.0.1. */
export async function listen(receiver: WebhookReceiver): Promise<{ url: string; server: Server }> {
  const server = createServer(toNodeHandler(receiver));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks`, server };
}

export function close(server: Server | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (server === undefined) return resolve();
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** A router with only an event store, and webhooks allowed to loopback http (as tests must). */
export function sender(store: ClientStore, options: WebhookSenderOptions = {}) {
  const router = createRouter({ services: [], events: { store, ttl: 600_000 } });
  const webhooks = createWebhooks(router, {
    urls: { allowHttp: true, allowPrivate: true },
    retry: { firstMs: 20, maxMs: 200 },
    ...options,
  });
  return { router, webhooks };
}

/** Waits until `check` holds, polling, up to `ms`. */
export async function until(check: () => boolean, ms = 60_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** What a test started, stopped after it: `stops` first (senders, routers), then `servers`. */
export interface Started {
  servers: Server[];
  stops: (() => Promise<void>)[];
}

/** Registers the `afterEach` that stops what a test started; push onto the lists it returns. */
export function stopAfterEach(): Started {
  const started: Started = { servers: [], stops: [] };
  afterEach(async () => {
    for (const stop of started.stops.splice(0)) await stop();
    for (const server of started.servers.splice(0)) await close(server);
  });
  return started;
}

/** A TickEvents receiver that records the ticks it handled, in `got`. */
export function tickReceiver(options: { base?: string } = {}) {
  const got: number[] = [];
  const receiver = createWebhookReceiver(
    TickEventsCallback,
    { tick: (n: number) => void got.push(n) },
    { secret: SECRET, ...options },
  );
  return { got, receiver };
}

/**
 * `fetch`es straight into `receiver` that count the requests in flight
 * across all of them (`most`: the highest count seen) and who sent each.
 */
export function inFlightCounter(receiver: WebhookReceiver) {
  const counter = { inFlight: 0, most: 0, senders: new Set<string>() };
  const deliverAs =
    (who: string): typeof fetch =>
    async (url, init) => {
      counter.inFlight++;
      counter.most = Math.max(counter.most, counter.inFlight);
      counter.senders.add(who);
      await new Promise((resolve) => setTimeout(resolve, 2));
      try {
        return await receiver.fetch(new Request(url, init));
      } finally {
        counter.inFlight--;
      }
    };
  return { counter, deliverAs };
}
