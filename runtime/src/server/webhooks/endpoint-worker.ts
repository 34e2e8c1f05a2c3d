import type { WireGap } from '../../protocol/messages.js';
import { signatureHeaderWith, type WebhookSign } from '../../webhooks/webhook-signature.js';
import {
  WEBHOOK_ID,
  WEBHOOK_SIGNATURE,
  WEBHOOK_TIMESTAMP,
  webhookBodyText,
  webhookId,
} from '../../webhooks/webhook-body.js';
import type { QueueWatcher } from '../events/event-channel.js';
import type { ClientStore } from '../stores/client-store.js';
import type { WebhookEndpointRecord, WebhookRecords } from '../stores/webhook-records.js';
import { retryDelay, type RetrySchedule } from './retry-schedule.js';
import type { WebhookPost } from './webhook-transport.js';

/** What a worker needs from its sender. */
export interface WorkerContext {
  readonly store: ClientStore;
  readonly records: WebhookRecords;
  /** This sender's lease holder id. */
  readonly holder: string;
  readonly leaseMs: number;
  readonly timeoutMs: number;
  readonly maxBatch: number;
  readonly maxBodyBytes: number;
  readonly retry: RetrySchedule;
  readonly post: WebhookPost;
  readonly sign: WebhookSign;
  readonly now: () => number;
  /** How often a resting worker touches its client, so a long retry delay does not let it expire (the store's ttl). */
  readonly touchEveryMs: number;
  /** The endpoint failed past the retry horizon (after it was marked failing in the store). */
  readonly failing: (record: WebhookEndpointRecord, error: string) => void;
  readonly fault: (error: unknown) => void;
}

/** `setImmediate` where the runtime has one (Node, Bun): feature-tested, this module imports nothing of Node. */
const setImmediateIfAny = (globalThis as { setImmediate?: (callback: () => void) => unknown })
  .setImmediate;

/**
 * Resolves once the request just started is written. node:http writes it on
 * the next tick, after every pending microtask; reading and signing the next
 * batch is all microtasks when the HMAC is synchronous (`nodeWebhookSign`),
 * so made at once it would go first and hold the request back (about 80 µs
 * a request, bench/README.md, webhooks). Where there is no `setImmediate`,
 * at once (WebCrypto's HMAC leaves the thread anyway).
 */
function afterWrite(): Promise<void> {
  const later = setImmediateIfAny;
  return later === undefined
    ? Promise.resolve()
    : new Promise((resolve) => void later(() => resolve()));
}

/** Without a notice (another process appended, a store without notices), the queue is read this often. */
const IDLE_READ_MS = 1000;

/**
 * Delivers one endpoint's queue: reads a batch after the last acknowledged
 * seq, POSTs it signed, and on a 2xx reads on from its last seq (which
 * acknowledges it in the store); anything else is retried after a
 * growing delay. One request in flight, while this sender holds the
 * endpoint's lease. A `QueueWatcher` of the endpoint's client, so an
 * append wakes it.
 */
export class EndpointWorker implements QueueWatcher {
  #record: WebhookEndpointRecord;
  #acked = 0;
  #stopped = false;
  #wake: (() => void) | undefined;
  /** Whether an append ends the current sleep (not a retry delay's). */
  #wakeOnAppend = true;
  /** Whether an append was heard since the last read: the worker reads again instead of sleeping. */
  #appended = false;
  /** The next request, made while the one before was in flight. */
  #prepared: Prepared | undefined;
  /** When the first failed attempt of the current batch was made, if it failed. */
  #failingSince: number | undefined;
  #failures = 0;
  readonly done: Promise<void>;

  constructor(
    record: WebhookEndpointRecord,
    private readonly ctx: WorkerContext,
  ) {
    this.#record = record;
    this.done = this.#run();
  }

  get record(): WebhookEndpointRecord {
    return this.#record;
  }

  /** New URL or secrets (the same name registered again), or resumed. */
  update(record: WebhookEndpointRecord): void {
    this.#record = record;
    this.#failingSince = undefined;
    this.#failures = 0;
    this.#wakeUp();
  }

  stop(): Promise<void> {
    this.#stopped = true;
    this.#wakeUp();
    return this.done;
  }

  appended(): void {
    this.#appended = true;
    if (this.#wakeOnAppend) this.#wakeUp();
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  ended(): void {
    this.stop().catch(this.ctx.fault);
  }

  replaced(): void {}
  stopped(): void {}
  drain(): void {}

  async #run(): Promise<void> {
    while (!this.#stopped) {
      try {
        await this.#step();
      } catch (error) {
        this.ctx.fault(error);
        await this.#sleep(this.ctx.retry.firstMs);
      }
    }
    await this.ctx.records.unlease(this.#record.name, this.ctx.holder).catch(this.ctx.fault);
  }

  async #step(): Promise<void> {
    const { ctx } = this;
    const record = this.#record;
    if (record.failing) return this.#rest(IDLE_READ_MS);
    // Another sender delivers this endpoint: ask again soon, so a sender that stopped is followed quickly.
    if (!(await ctx.records.lease(record.name, ctx.holder, ctx.leaseMs))) {
      // What was made ahead may be delivered by the other sender meanwhile, and its timestamp grows old.
      this.#prepared = undefined;
      return this.#sleep(Math.min(ctx.leaseMs / 4, 2 * IDLE_READ_MS), false);
    }
    let request: Prepared | 'ended' | undefined = this.#prepared;
    this.#prepared = undefined;
    if (request === undefined || request.record !== record) {
      this.#appended = false;
      request = await this.#prepare(record, this.#acked);
    }
    if (request === 'ended') return void (this.#stopped = true);
    // An append heard while reading may not be in this read: read again rather than sleep.
    if (request === undefined) return this.#appended ? undefined : this.#sleep(IDLE_READ_MS);
    if (request.body === undefined) {
      // Only release notices: nothing for the receiver, acknowledged on the next read.
      this.#acked = request.last;
      return;
    }
    const body = request.body;
    // The next batch is read and signed while this one is in flight: one request at a time, no wait between.
    const sending = this.#post(record, body, request.headers);
    const following = afterWrite()
      .then(() => this.#prepare(record, this.#acked, request.last))
      .catch(() => undefined);
    const error = await sending;
    if (error === undefined) {
      this.#acked = request.last;
      this.#failingSince = undefined;
      this.#failures = 0;
      const next = await following;
      if (next !== 'ended') this.#prepared = next;
      return;
    }
    await following;
    const now = ctx.now();
    this.#failingSince ??= now;
    this.#failures++;
    if (now - this.#failingSince >= ctx.retry.horizonMs) return this.#fail(record, error);
    await this.#rest(retryDelay(ctx.retry, this.#failures));
  }

  /**
   * Reads the batch after `after` (acknowledging through it) and makes its
   * request; with `from`, the batch after seq `from` (the one in flight),
   * still acknowledging through `after` only. `undefined` when there is
   * nothing to send, `ended` when the client is gone.
   */
  async #prepare(
    record: WebhookEndpointRecord,
    after: number,
    from?: number,
  ): Promise<Prepared | 'ended' | undefined> {
    const { ctx } = this;
    const read = await ctx.store.read(record.client, after, ctx.maxBatch, from);
    if (read.status !== 'live') return 'ended';
    const batch = cutBatch(read.events, read.gap, ctx.maxBodyBytes, from ?? after);
    if (batch === undefined) return undefined;
    if (batch.events.length === 0 && batch.gap === undefined)
      return { record, last: batch.last, body: undefined, headers: {} };
    const body = webhookBodyText(record.iface, record.client, batch.events, batch.gap);
    const id = webhookId(record.client, batch.first, batch.last);
    const timestamp = Math.floor(ctx.now() / 1000);
    const headers = {
      'content-type': 'application/json',
      [WEBHOOK_ID]: id,
      [WEBHOOK_TIMESTAMP]: String(timestamp),
      [WEBHOOK_SIGNATURE]: await signatureHeaderWith(ctx.sign, record.secrets, id, timestamp, body),
    };
    return { record, last: batch.last, body, headers };
  }

  /** POSTs one batch; `undefined` when the endpoint acknowledged it (2xx), else why not. */
  async #post(
    record: WebhookEndpointRecord,
    body: string,
    headers: Record<string, string>,
  ): Promise<string | undefined> {
    try {
      const status = await this.ctx.post(record.url, headers, body, this.ctx.timeoutMs);
      return status >= 200 && status < 300 ? undefined : `answered ${status}`;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  async #fail(record: WebhookEndpointRecord, error: string): Promise<void> {
    const failing = { ...record, failing: true };
    this.#record = failing;
    await this.ctx.records.put(failing);
    this.ctx.failing(failing, error);
  }

  /**
   * Waits `ms` without reading (a retry delay, a failing endpoint), touching
   * the client now and then so it outlives the wait; an update or `stop`
   * ends it early, an append does not.
   */
  async #rest(ms: number): Promise<void> {
    const until = this.ctx.now() + ms;
    const record = this.#record;
    for (;;) {
      const left = until - this.ctx.now();
      if (left <= 0 || this.#stopped || this.#record !== record) return;
      await this.#sleep(Math.min(left, this.ctx.touchEveryMs), false);
      await this.ctx.store.touch(record.client);
    }
  }

  /** Waits `ms`, or less when `stop` or an update (and, if `onAppend`, an append) wakes it. */
  #sleep(ms: number, onAppend = true): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (this.#wake === done) this.#wake = undefined;
        resolve();
      }, ms);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.#wake = done;
      this.#wakeOnAppend = onAppend;
    });
  }
}

/** A request ready to go: its body (none for a batch of release notices alone) and headers. */
interface Prepared {
  readonly record: WebhookEndpointRecord;
  readonly last: number;
  readonly body: string | undefined;
  readonly headers: Record<string, string>;
}

/** One request's worth of a read: the events to send and the seqs it acknowledges. */
interface Batch {
  readonly events: readonly string[];
  readonly gap: WireGap | undefined;
  readonly first: number;
  readonly last: number;
}

/**
 * The events of `texts` after seq `after` that fit `maxBytes` (at least
 * one), release notices left out (they mean nothing to a receiver), and
 * the gap if it reaches past `after`; `undefined` when there is nothing to
 * acknowledge. A store may return events at or below `after` when it
 * ignores `read`'s `from`: they are skipped. Lengths are counted in UTF-16
 * units, close enough to bound a body.
 */
function cutBatch(
  texts: readonly string[],
  readGap: WireGap | undefined,
  maxBytes: number,
  after: number,
): Batch | undefined {
  const events: string[] = [];
  const gap = readGap !== undefined && readGap.to > after ? readGap : undefined;
  let size = 0;
  let first = 0;
  let last = 0;
  for (const text of texts) {
    const seq = seqOf(text);
    if (seq <= after) continue;
    if (events.length > 0 && size + text.length > maxBytes) break;
    if (first === 0) first = seq;
    last = seq;
    if (isNotice(text)) continue;
    events.push(text);
    size += text.length + 1;
  }
  if (gap !== undefined) {
    if (first === 0) first = gap.from;
    last = Math.max(last, gap.to);
  }
  return last === 0 ? undefined : { events, gap, first, last };
}

/**
 * The seq of an event text (`{"seq":12,...`): its digits read in place, with
 * no slice to parse (a batch of 1,000 events read that way cost 0.15 ms).
 */
function seqOf(text: string): number {
  let seq = 0;
  for (let at = 7; ; at++) {
    const digit = text.charCodeAt(at) - 48;
    // NaN past the end fails the test too.
    if (!(digit >= 0 && digit <= 9)) return seq;
    seq = seq * 10 + digit;
  }
}

/** Whether `text` is a release notice (`{"seq":n,"cb":1,"released":"..."}`): `released` right after `cb`. */
function isNotice(text: string): boolean {
  return text.startsWith('"released":', text.indexOf(',', text.indexOf('"cb":')) + 1);
}
