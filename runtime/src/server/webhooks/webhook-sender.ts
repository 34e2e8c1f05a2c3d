import { ContractError } from '../../protocol/contract-error.js';
import type { CallbackInterfaceDescriptor } from '../../schema/schema-types.js';
import { secretBytes, signWebhook, type WebhookSign } from '../../webhooks/webhook-signature.js';
import { coreOf, type Router } from '../create-router.js';
import type { EventChannel } from '../events/event-channel.js';
import { newClientId } from '../stores/client-id.js';
import { MemoryWebhookRecords } from '../stores/memory/memory-webhook-records.js';
import type { WebhookEndpointRecord, WebhookRecords } from '../stores/webhook-records.js';
import { EndpointWorker, type WorkerContext } from './endpoint-worker.js';
import { retrySchedule, type WebhookRetryOptions } from './retry-schedule.js';
import { postWithFetch, transportOf } from './webhook-transport.js';
import { checkWebhookUrl, type WebhookUrlPolicy } from './webhook-url-policy.js';

/** Where an endpoint's batches go and how they are signed. */
export interface WebhookTarget {
  readonly url: string;
  /** `whsec_<base64>`; several while rotating (all sign; the receiver accepts any). */
  readonly secret: string | readonly string[];
}

/** Options of `createWebhooks`. */
export interface WebhookSenderOptions {
  /** Which URLs endpoints may have (default: https, no private networks). */
  readonly urls?: WebhookUrlPolicy;
  /** How failed deliveries are retried, and for how long. */
  readonly retry?: WebhookRetryOptions;
  /** A request's timeout, in ms. Default 15,000. */
  readonly timeoutMs?: number;
  /** Events per request at most. Default 100. */
  readonly maxBatch?: number;
  /** A request body's size at most, in characters (a single larger event still goes alone). Default 262,144. */
  readonly maxBodyBytes?: number;
  /** How long a sender's claim on an endpoint lasts unless renewed (once per request), in ms. Default 30,000. */
  readonly leaseMs?: number;
  /**
   * Let callers pass `{"$webhook": {"url", "secret"}}` for a callback
   * argument (`webhookTarget` on the contract-gen client): the handler gets
   * the stand-in of an endpoint, named after the caller's principal, the
   * interface and the URL, so the same subscription made again finds the
   * same queue. Off by default: it lets callers aim this server's requests
   * at URLs of their choosing (within `urls`).
   */
  readonly fromClients?: boolean;
  /** Told when an endpoint failed past the retry horizon: it is marked failing until `resume`. */
  readonly onFailing?: (endpoint: WebhookEndpointInfo) => void | Promise<void>;
  /** Told of faults no caller waits for (a store that failed). Default `console.error`. */
  readonly onError?: (error: unknown) => void;
  /**
   * The `fetch` requests go through (the global one unless given). On Node,
   * `webhookFetch()` from `@contract-gen/runtime/server/node`: node:http with
   * keep-alive, a POST without a `Response` or `AbortSignal` per request, and
   * signatures made with node:crypto (`nodeWebhookSign`).
   */
  readonly fetch?: typeof fetch;
  /**
   * The HMAC requests are signed with: `webhookFetch`'s (node:crypto) with
   * that fetch, else WebCrypto's (`signWebhook`), unless given.
   */
  readonly sign?: WebhookSign;
  /** The clock (`Date.now` unless a test gives another). */
  readonly now?: () => number;
}

/** What `onFailing` is told about an endpoint. */
export interface WebhookEndpointInfo {
  readonly name: string;
  readonly url: string;
  readonly interface: string;
  /** Why the last attempt failed: `answered 503`, a network error's message, a timeout. */
  readonly error: string;
}

/** Endpoints of one router, delivered by this process (see `createWebhooks`). */
export interface WebhookSender {
  /**
   * The endpoint `name`, delivering `callbacks` to `target`: an object of
   * the callback interface whose calls queue events for it, as a local
   * client's callback does. Registering a name the store already has (a
   * restart, another process) serves the same queue, from where its
   * deliveries stopped; a changed URL or secret replaces the old one.
   */
  endpoint<T extends object>(
    name: string,
    callbacks: CallbackInterfaceDescriptor,
    target: WebhookTarget,
  ): Promise<T>;
  /** Starts delivering to a failing endpoint again, from its first unacknowledged event. */
  resume(name: string): Promise<void>;
  /**
   * Ends endpoint `name`: its delivery stops, its queue is closed (events
   * not yet delivered are dropped) and its record deleted. Endpoints live
   * until removed: a sender keeps each one's queue alive.
   */
  remove(name: string): Promise<void>;
  /** Whether endpoint `name` is failing (delivery stopped past the retry horizon). */
  isFailing(name: string): boolean;
  /** Resolves once every event queued so far is in the store (durable with SQLite or Redis). */
  flush(): Promise<void>;
  /** Stops delivering (a request in flight is finished first); the queues stay in the store. */
  close(): Promise<void>;
}

/** The callback id an endpoint's events carry in its client's queue. */
const ENDPOINT_CALLBACK = 1;

/**
 * Webhooks for `router` (docs/webhooks.md): callback interfaces delivered
 * to HTTP endpoints, signed per Standard Webhooks, in order, one request in
 * flight per endpoint, retried with backoff. Each endpoint is a client of
 * the router's event store, so its events get the same FIFO and seqs as a
 * connected client's, and with the SQLite or Redis store they survive a
 * restart; the store's delivery lease lets several processes share
 * endpoints without two sending the same batch at once.
 */
export function createWebhooks(
  router: Pick<Router, 'fetch'>,
  options: WebhookSenderOptions = {},
): WebhookSender {
  const core = coreOf(router);
  const found = core?.channel;
  if (found === undefined)
    throw new TypeError(
      'contract-gen: webhooks are queued in the event channel: pass a router made by createRouter, with events on.',
    );
  const channel: EventChannel = found;
  const store = channel.options.store;
  const records: WebhookRecords = store.webhooks ?? new MemoryWebhookRecords();
  const workers = new Map<string, EndpointWorker>();
  const onError =
    options.onError ?? ((error: unknown) => console.error('contract-gen webhooks:', error));
  // The Node glue (`webhookFetch`) brings a lighter POST and node:crypto's HMAC along with its fetch.
  const transport = transportOf(options.fetch);
  const ctx: WorkerContext = {
    store,
    records,
    holder: newClientId(),
    leaseMs: options.leaseMs ?? 30_000,
    timeoutMs: options.timeoutMs ?? 15_000,
    maxBatch: options.maxBatch ?? 100,
    maxBodyBytes: options.maxBodyBytes ?? 262_144,
    retry: retrySchedule(options.retry),
    post: transport?.post ?? postWithFetch(options.fetch ?? ((input, init) => fetch(input, init))),
    sign: options.sign ?? transport?.sign ?? signWebhook,
    now: options.now ?? Date.now,
    touchEveryMs: Math.max(10, Math.min(channel.options.ttl / 4, 10_000)),
    fault: onError,
    failing: (record, error) => {
      const info = { name: record.name, url: record.url, interface: record.iface, error };
      Promise.resolve(options.onFailing?.(info)).catch(onError);
    },
  };
  if (ctx.timeoutMs >= ctx.leaseMs)
    throw new TypeError('contract-gen: a webhook timeoutMs must be shorter than leaseMs.');

  if (options.fromClients === true && core !== undefined) {
    core.webhookResolver = async (callbacks, target, ctx, path) => {
      for (const [key, check] of [
        ['url', () => checkWebhookUrl(target.url, options.urls)],
        ['secret', () => secretBytes(target.secret)],
      ] as const)
        try {
          check();
        } catch (error) {
          const message = (error as Error).message.replace(/^contract-gen: /, '');
          throw new ContractError('BAD_ARGUMENT', message, { path: `${path}.$webhook.${key}` });
        }
      const name = `caller:${ctx.principal.id}:${callbacks.name}:${target.url}`;
      return endpoint(name, callbacks, target);
    };
    // Endpoints callers made before a restart are delivered again (the app registers its own anew).
    records.list().then((known) => {
      for (const record of known)
        if (record.name.startsWith('caller:') && !workers.has(record.name)) startWorker(record);
    }, onError);
  }

  async function endpoint<T extends object>(
    name: string,
    callbacks: CallbackInterfaceDescriptor,
    target: WebhookTarget,
  ): Promise<T> {
    checkWebhookUrl(target.url, options.urls);
    const secrets = typeof target.secret === 'string' ? [target.secret] : [...target.secret];
    if (secrets.length === 0) throw new TypeError('contract-gen: a webhook needs a secret.');
    for (const secret of secrets) secretBytes(secret);
    const known = await records.get(name);
    const client =
      known !== undefined && (await store.touch(known.client)) === 'live'
        ? known.client
        : (await channel.open()).client;
    const standIn = await channel.standIn(client, callbacks, ENDPOINT_CALLBACK);
    const record: WebhookEndpointRecord = {
      name,
      client,
      callback: ENDPOINT_CALLBACK,
      iface: callbacks.name,
      url: target.url,
      secrets,
      failing: known?.client === client && known.failing,
    };
    await records.put(record);
    startWorker(record);
    return standIn as T;
  }

  return {
    endpoint,

    async resume(name: string): Promise<void> {
      const record = await records.get(name);
      if (record === undefined) throw new TypeError(`contract-gen: no webhook endpoint ${name}.`);
      const resumed = { ...record, failing: false };
      await records.put(resumed);
      workers.get(name)?.update(resumed);
    },

    async remove(name: string): Promise<void> {
      const worker = workers.get(name);
      workers.delete(name);
      if (worker !== undefined) {
        channel.unwatch(worker.record.client, worker);
        await worker.stop();
      }
      const record = await records.get(name);
      if (record !== undefined) await store.close(record.client);
      await records.delete(name);
    },

    isFailing: (name) => workers.get(name)?.record.failing ?? false,

    flush: async () => {
      await channel.flush();
    },

    async close(): Promise<void> {
      const stopping = [...workers.values()].map((worker) => {
        channel.unwatch(worker.record.client, worker);
        return worker.stop();
      });
      workers.clear();
      await Promise.all(stopping);
    },
  };

  function startWorker(record: WebhookEndpointRecord): void {
    const running = workers.get(record.name);
    if (running !== undefined && running.record.client === record.client) {
      running.update(record);
      return;
    }
    if (running !== undefined) {
      channel.unwatch(running.record.client, running);
      running.stop().catch(onError);
    }
    const worker = new EndpointWorker(record, ctx);
    workers.set(record.name, worker);
    channel.watch(record.client, worker);
  }
}
