import { compileCallbackInterface } from '../client/compile-callback-interface.js';
import { ContractError } from '../protocol/contract-error.js';
import type { WireGap } from '../protocol/messages.js';
import { toErrorBody } from '../protocol/to-error-body.js';
import { decode } from '../schema/decode.js';
import type { DecodeLimits } from '../schema/limits.js';
import type { CallbackInterfaceDescriptor } from '../schema/schema-types.js';
import { WEBHOOK_ID, WEBHOOK_SIGNATURE, WEBHOOK_TIMESTAMP } from './webhook-body.js';
import { readLimitedBody } from './read-limited-body.js';
import { memorySeenSeqs, RecentIds, type SeenSeqs } from './seen-seqs.js';
import { verifySignature } from './webhook-signature.js';

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

/** One event of a batch, checked and decoded. */
interface Decoded {
  readonly seq: number;
  readonly method: string;
  readonly args: unknown[];
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

  async function receive(request: Request): Promise<string> {
    if (request.method !== 'POST')
      throw new ContractError('METHOD_NOT_ALLOWED', 'Webhooks are delivered with POST.');
    const id = request.headers.get(WEBHOOK_ID);
    const timestamp = request.headers.get(WEBHOOK_TIMESTAMP);
    const signature = request.headers.get(WEBHOOK_SIGNATURE);
    const body = await readLimitedBody(request, maxBody);
    if (id === null || timestamp === null || signature === null) throw unsigned();
    // The HMAC runs off the main thread (WebCrypto): the batch is decoded meanwhile, and nothing of it
    // is used (not even its errors) unless the signature holds.
    const verified = verifySignature(secrets, signature, id, timestamp, body);
    let batch: DecodedBatch | undefined;
    let refusal: unknown;
    try {
      batch = decodeBatch(body, callbacks.name, methods, options.limits);
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

  return {
    base: options.base ?? '',
    fetch: async (request) => {
      try {
        return json(200, await receive(request));
      } catch (error) {
        const { status, body } = toErrorBody(error);
        return json(status, JSON.stringify(body));
      }
    },
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

function json(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'content-type': 'application/json' } });
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

interface DecodedBatch {
  readonly queue: string;
  readonly events: readonly Decoded[];
  readonly gap: WireGap | undefined;
}

/** The batch checked as a whole before any handler runs: a bad event fails the request, with its path. */
function decodeBatch(
  text: string,
  type: string,
  methods: ReturnType<typeof compileCallbackInterface>,
  limits: Partial<DecodeLimits> | undefined,
): DecodedBatch {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ContractError('BAD_REQUEST', 'The webhook body is not JSON.');
  }
  const { queue, events, gap } = (body ?? {}) as Record<string, unknown>;
  if ((body as { type?: unknown } | null)?.type !== type)
    throw bad('type', `"${type}"`, 'This receiver takes the events of one callback interface.');
  if (typeof queue !== 'string' || queue === '')
    throw bad('queue', 'a non-empty string', 'The body names the queue its seqs count in.');
  if (!Array.isArray(events)) throw bad('events', 'an array', 'The body carries its events.');
  const decoded: Decoded[] = [];
  let before = 0;
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as Record<string, unknown> | null;
    const seq = event?.seq;
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq <= before)
      throw bad(`events[${i}].seq`, 'an integer above the one before', 'Events come in seq order.');
    before = seq;
    if (typeof event?.released === 'string') continue;
    const method = event?.method;
    const schema = typeof method === 'string' ? methods[method]?.args : undefined;
    if (schema === undefined)
      throw bad(`events[${i}].method`, 'a method of the callback interface', 'Unknown method.');
    const args = decode(schema, event?.args, `events[${i}].args`, limits);
    decoded.push({ seq, method: method as string, args });
  }
  return { queue, events: decoded, gap: isGap(gap) ? gap : undefined };
}

function isGap(value: unknown): value is WireGap {
  const gap = value as Partial<WireGap> | undefined;
  return typeof gap?.from === 'number' && typeof gap.to === 'number';
}

function bad(path: string, expected: string, message: string): ContractError {
  return new ContractError('BAD_ARGUMENT', `${message} (${path}: expected ${expected}).`, {
    path,
    expected,
  });
}
