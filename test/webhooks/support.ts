// Shared pieces of the webhook tests: a callback interface, a receiver on a real port, a sender router.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as s from '../../runtime/src/schema/index.js';
import { createRouter, createWebhooks, type ClientStore } from '../../runtime/src/server/index.js';
import type { WebhookSenderOptions } from '../../runtime/src/server/index.js';
import { toNodeHandler } from '../../runtime/src/server/node/index.js';
import type { WebhookReceiver } from '../../runtime/src/webhooks/index.js';

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
