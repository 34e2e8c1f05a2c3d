/**
 * Sends one batch: `args` are operations in order, `'a', client id, count, payloads...`,
 * `'t', topic, interface, body` or `'r', client id, call id, answer`, and groups of them,
 * `'x', tag, ..., 'y'` (see appendScript). Resolves with the ids appended and ended.
 */
export type SendBatch = (
  args: (string | number)[],
) => Promise<{ appended: readonly string[]; ended: readonly string[] }>;

/** Most events, and payload characters, in one script call: a script blocks Redis while it runs. */
const MAX_EVENTS = 1000;
const MAX_CHARS = 1 << 20;
/** What one topic publish counts for against MAX_EVENTS: its fan-out is unknown here, so at most 20 go in one call. */
const PUBLISH_WEIGHT = 50;

/**
 * Appends on their way to Redis as one script call. Appends are grouped by
 * client (`pending`) until a topic publish comes: the group is written out
 * before it, so each client's events keep the order they were made in.
 */
class Batch {
  /** Made in this order: batches are sent, and settle, in the order of their numbers. */
  static made = 0;
  readonly no = ++Batch.made;
  readonly pending = new Map<string, string[]>();
  events = 0;
  chars = 0;
  args: (string | number)[] = [];
  /** Resolves when the batch is stored, or with the error that stopped it (never rejects). */
  readonly done: Promise<unknown>;
  settle!: (error?: unknown) => void;

  constructor() {
    this.done = new Promise<unknown>((resolve) => (this.settle = resolve));
  }
}

/**
 * Groups the Redis store's appends into script calls, one call in flight at
 * a time: appends made while a call is under way wait for it and leave
 * together in the next (group commit), and appends made while none is leave
 * at the end of the event-loop turn, or at once when flushed. Batches run in
 * the order they were made, so each client's events keep their order, even
 * when a script must be sent again because Redis had forgotten it.
 */
export class AppendBatches {
  #collecting: Batch | undefined;
  /** Full batches waiting for the one in flight. */
  readonly #queue: Batch[] = [];
  #sending: Batch | undefined;
  #timer: ReturnType<typeof setImmediate> | undefined;
  /** The tag of the group being made (`group`), if any: the collecting batch is not sealed meanwhile. */
  #group: string | undefined;
  /** The number of the last batch settled (stored or failed). */
  #settled = 0;
  /** The number of the last batch that failed, and why. */
  #failedNo = 0;
  #failedWith: unknown;
  /** A failure no flush has reported yet: the next flush rejects with it (a batch may have failed before its caller flushed). */
  #unreported: { readonly error: unknown } | undefined;

  constructor(
    private readonly send: SendBatch,
    private readonly onSent: (appended: readonly string[], ended: readonly string[]) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  add(client: string, payload: string): void {
    const batch = (this.#collecting ??= new Batch());
    const list = batch.pending.get(client);
    if (list === undefined) batch.pending.set(client, [payload]);
    else list.push(payload);
    batch.chars += payload.length;
    if ((++batch.events >= MAX_EVENTS || batch.chars >= MAX_CHARS) && this.#group === undefined)
      this.#seal();
    if (this.#sending === undefined) this.#timer ??= setImmediate(() => this.#next());
  }

  /** Adds a publish to `topic`'s members, after every append added so far. */
  publish(topic: string, iface: string, body: string): void {
    const batch = (this.#collecting ??= new Batch());
    writePending(batch);
    batch.args.push('t', topic, iface, body);
    batch.chars += body.length;
    batch.events += PUBLISH_WEIGHT;
    if ((batch.events >= MAX_EVENTS || batch.chars >= MAX_CHARS) && this.#group === undefined)
      this.#seal();
    if (this.#sending === undefined) this.#timer ??= setImmediate(() => this.#next());
  }

  /**
   * Runs `run`: the appends and publishes it makes (synchronously) form
   * one group, `'x', tag ... 'y'`, in one batch (never split by the
   * batch's bounds), which each shard stores only once per tag: a call
   * sent again, whose first sending stored its events in some shards and
   * not others, stores them where they are missing only. Groups do not
   * nest (an inner one is part of the outer).
   */
  group<T>(tag: string, run: () => T): T {
    if (this.#group !== undefined) return run();
    const batch = (this.#collecting ??= new Batch());
    writePending(batch);
    const start = batch.args.length;
    batch.args.push('x', tag);
    this.#group = tag;
    try {
      return run();
    } finally {
      this.#group = undefined;
      writePending(batch);
      // Nothing made: no group.
      if (batch.args.length === start + 2) batch.args.length = start;
      else batch.args.push('y');
      if (batch.events >= MAX_EVENTS || batch.chars >= MAX_CHARS) this.#seal();
    }
  }

  /**
   * Adds the record of a call's answer, after every append added so far and
   * in the same batch as the last of them when that batch has not left yet
   * (one script call: a call's events and its answer are stored together).
   */
  record(client: string, call: string, answer: string): void {
    const batch = this.#collecting ?? this.#queue.at(-1) ?? (this.#collecting = new Batch());
    writePending(batch);
    batch.args.push('r', client, call, answer);
    batch.chars += answer.length;
    if (this.#sending === undefined) this.#timer ??= setImmediate(() => this.#next());
  }

  /**
   * Resolves when every append made so far is stored; rejects if one of
   * them may have been lost: when a batch it waited for failed, or a batch
   * failed that no flush has reported yet.
   */
  async flush(): Promise<void> {
    const from = this.#settled + 1;
    const last = this.#collecting ?? this.#queue.at(-1) ?? this.#sending;
    if (this.#sending === undefined) this.#next();
    if (last !== undefined) await last.done;
    const unreported = this.#unreported;
    this.#unreported = undefined;
    if (this.#failedNo >= from) throw this.#failedWith;
    if (unreported !== undefined) throw unreported.error;
  }

  /** Seals what was collected and sends the next batch, unless one is in flight. */
  #next(): void {
    if (this.#timer !== undefined) clearImmediate(this.#timer);
    this.#timer = undefined;
    if (this.#sending !== undefined) return;
    // A group is being made (a flush from inside it): it leaves whole, on the next turn.
    if (this.#group !== undefined) return void (this.#timer = setImmediate(() => this.#next()));
    if (this.#queue.length === 0) this.#seal();
    const batch = this.#queue.shift();
    if (batch === undefined) return;
    this.#sending = batch;
    this.send(batch.args)
      .then(
        ({ appended, ended }) => {
          this.#settled = batch.no;
          batch.settle();
          this.onSent(appended, ended);
        },
        (error: unknown) => {
          this.#fail(batch, error);
          // What was made before the failure was known is not sent after it: those appends would land
          // behind a hole in their clients' queues (out of order), and their callers are told as well.
          this.#seal();
          for (const queued of this.#queue.splice(0)) this.#fail(queued, error);
        },
      )
      .finally(() => {
        this.#sending = undefined;
        this.#next();
      });
  }

  #seal(): void {
    const batch = this.#collecting;
    if (batch === undefined) return;
    this.#collecting = undefined;
    writePending(batch);
    this.#queue.push(batch);
  }

  /**
   * `batch` failed (or is given up): flushes that waited for it reject; the
   * next flush rejects too, and if none comes by the next turn the failure
   * is reported as a fault.
   */
  #fail(batch: Batch, error: unknown): void {
    this.#settled = this.#failedNo = batch.no;
    this.#failedWith = error;
    const failure = { error };
    this.#unreported ??= failure;
    setImmediate(() => {
      if (this.#unreported === failure) this.onError(error);
    });
    batch.settle(error);
  }
}

/** Moves the batch's appends grouped so far into its arguments, one group per client. */
function writePending(batch: Batch): void {
  for (const [client, payloads] of batch.pending)
    batch.args.push('a', client, payloads.length, ...payloads);
  batch.pending.clear();
}
