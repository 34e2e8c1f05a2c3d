import { compileCallbackInterface } from '../client/compile-callback-interface.js';
import { ContractError } from '../protocol/contract-error.js';
import type { WireGap } from '../protocol/messages.js';
import { toErrorBody } from '../protocol/to-error-body.js';
import type { DecodeLimits } from '../schema/limits.js';
import type { CallbackInterfaceDescriptor } from '../schema/schema-types.js';
import { decodeWebhookBatch, type DecodedBatch } from './decode-webhook-batch.js';
import { WEBHOOK_ID, WEBHOOK_SIGNATURE, WEBHOOK_TIMESTAMP } from './webhook-body.js';
import { readLimitedBody } from './read-limited-body.js';
import { receiverCore, type ReceiverCore, type WebhookInput } from './receiver-core.js';
import { memorySeenSeqs, RecentIds, type SeenSeqs } from './seen-seqs.js';
import { signWebhook, verifySignatureWith, type WebhookSign } from './webhook-signature.js';

/** Options of a webhook receiver (`<name>Webhook(handlers, options)`). */
export interface WebhookReceiverOptions {
  /** The endpoint's secret (`whsec_...`); several while rotating: any of them verifies. */
  readonly secret: string | readonly string[];
  /** How far a request's `webhook-timestamp` may be from now, in seconds. Default 300 (the specification's). */
  readonly toleranceSeconds?: number;
  /** The largest body accepted, in bytes (413 past it). Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** The path the receiver is mounted under, for the Express and Fastify glue. Default `''` (every path). */
  readonly base?: string;
  /** Where the last handled seq per queue is kept. Default: memory (`memorySeenSeqs`). */
  readonly seen?: SeenSeqs;
  /** Decode limits for the events' arguments (the defaults of `@contract-gen/runtime/schema` otherwise). */
  readonly limits?: Partial<DecodeLimits>;
  /** Told when the sender dropped events of a queue before they were delivered (its queue bound). */
  readonly onGap?: (queue: string, gap: WireGap) => void | Promise<void>;
  /** The clock, in ms (`Date.now` unless a test gives another). */
  readonly now?: () => number;
  /**
   * The HMAC the signatures are checked with. Default: WebCrypto's
   * (`signWebhook`), except in the Node glue (`toNodeHandler`, Express,
   * Fastify), which checks with node:crypto's (`nodeWebhookSign`).
   */
  readonly sign?: WebhookSign;
}

/**
 * A webhook receiver: a web-standard handler (mount it with
 * `toNodeHandler`, `createExpressMiddleware`, `contractPlugin`, or call
 * `fetch` from any fetch-style server), with the `base` it answers under.
 */
export interface WebhookReceiver {
  fetch(request: Request): Promise<Response>;
  readonly base: string;
}

/**
 * The receiver of the callback interface `callbacks`' webhooks (docs/webhooks.md):
 * it checks the signature (401 `UNAUTHENTICATED`) and the timestamp's
 * tolerance (400 `BAD_REQUEST`), decodes every event of the batch against
 * the interface (400 `BAD_ARGUMENT` with the path, and nothing handled),
 * drops requests seen before (by `webhook-id`) and events seen before (by
 * seq), then calls `handlers` one event at a time, in order, awaiting each.
 * Answers 200 once every event is handled; a handler that throws answers
 * 500, and the sender sends the rest again.
 */
export function createWebhookReceiver<T extends object>(
  callbacks: CallbackInterfaceDescriptor,
  handlers: T,
  options: WebhookReceiverOptions,
): WebhookReceiver {
  const secrets = typeof options.secret === 'string' ? [options.secret] : [...options.secret];
  if (secrets.length === 0) throw new TypeError('contract-gen: a webhook receiver needs a secret.');
  const tolerance = options.toleranceSeconds ?? 300;
  const maxBody = options.maxBodyBytes ?? 1_048_576;
  const seen = options.seen ?? memorySeenSeqs();
  const now = options.now ?? Date.now;
  const methods = compileCallbackInterface(callbacks);
  const recent = new RecentIds(10_000);
  // One batch at a time per queue: the sender sends one at a time, and a replay racing it must not interleave.
  const queues = new Map<string, Promise<unknown>>();

  async function receive(input: WebhookInput, hostSign: WebhookSign | undefined): Promise<string> {
    if (input.method !== 'POST')
      throw new ContractError('METHOD_NOT_ALLOWED', 'Webhooks are delivered with POST.');
    const id = input.header(WEBHOOK_ID);
    const timestamp = input.header(WEBHOOK_TIMESTAMP);
    const signature = input.header(WEBHOOK_SIGNATURE);
    const body = await input.text(maxBody);
    if (id === undefined || timestamp === undefined || signature === undefined) throw unsigned();
    const sign = options.sign ?? hostSign ?? signWebhook;
    const verified = verifySignatureWith(sign, secrets, signature, id, timestamp, body);
    let batch: DecodedBatch | undefined;
    let refusal: unknown;
    // A signature checked at once (node:crypto) is checked before the body is parsed. WebCrypto's HMAC runs off
    // the main thread: the batch is decoded meanwhile, and nothing of it is used (not even its errors) unless
    // the signature holds.
    if (verified === false) throw unsigned();
    try {
      batch = decodeWebhookBatch(body, callbacks.name, methods, options.limits);
    } catch (error) {
      refusal = error;
    }
    if (!(await verified)) throw unsigned();
    checkTimestamp(timestamp, now(), tolerance);
    if (recent.has(id)) return '{"received":0,"duplicate":true}';
    if (batch === undefined) throw refusal;
    const queue = batch.queue;
    const previous = queues.get(queue) ?? Promise.resolve();
    const handled = previous.then(() => handleBatch(batch));
    const settled = handled.catch(() => undefined);
    queues.set(queue, settled);
    void settled.then(() => {
      if (queues.get(queue) === settled) queues.delete(queue);
    });
    const count = await handled;
    recent.add(id);
    return `{"received":${count}}`;
  }

  /** One request, answered: a refusal is an answer too (its status and error body). */
  const core: ReceiverCore = async (input, hostSign) => {
    try {
      return { status: 200, body: await receive(input, hostSign) };
    } catch (error) {
      const { status, body } = toErrorBody(error);
      return { status, body: JSON.stringify(body) };
    }
  };

  async function handleBatch(batch: DecodedBatch): Promise<number> {
    let last = await seen.get(batch.queue);
    if (batch.gap !== undefined && batch.gap.to > last) {
      await options.onGap?.(batch.queue, batch.gap);
      last = batch.gap.to;
      await seen.set(batch.queue, last);
    }
    let count = 0;
    for (const event of batch.events) {
      if (event.seq <= last) continue;
      const handler = (handlers as Record<string, (...args: unknown[]) => unknown>)[event.method];
      // Awaited only when it returns a promise: a turn of the microtask queue per event adds up in a batch.
      const handled = handler?.apply(handlers, event.args);
      if (isThenable(handled)) await handled;
      last = event.seq;
      const saved = seen.set(batch.queue, last);
      if (isThenable(saved)) await saved;
      count++;
    }
    return count;
  }

  const receiver = {
    base: options.base ?? '',
    fetch: async (request: Request) => {
      const { status, body } = await core(webInput(request));
      return new Response(body, { status, headers: { 'content-type': 'application/json' } });
    },
    [receiverCore]: core,
  };
  return receiver;
}

/** A web `Request` as the receiver reads it. */
function webInput(request: Request): WebhookInput {
  return {
    method: request.method,
    header: (name) => request.headers.get(name) ?? undefined,
    text: (max) => readLimitedBody(request, max),
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}

function unsigned(): ContractError {
  return new ContractError(
    'UNAUTHENTICATED',
    'The webhook signature is missing or does not match the body (webhook-id, webhook-timestamp, webhook-signature).',
    { details: { reason: 'signature' } },
  );
}

function checkTimestamp(timestamp: string, nowMs: number, tolerance: number): void {
  const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  if (Number.isNaN(seconds))
    throw new ContractError('BAD_REQUEST', 'The webhook-timestamp is not a number of seconds.', {
      details: { reason: 'timestamp' },
    });
  if (Math.abs(nowMs / 1000 - seconds) > tolerance)
    throw new ContractError(
      'BAD_REQUEST',
      `The webhook-timestamp is more than ${tolerance} s from this receiver's clock: a stale or replayed request (or a clock to fix).`,
      { details: { reason: 'stale' } },
    );
}
