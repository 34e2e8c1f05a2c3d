/** Sends one batch: `args` are groups of (client id, count, payloads...). Resolves with the ids appended and ended. */
export type SendBatch = (args: (string | number)[]) => Promise<{ appended: readonly string[]; ended: readonly string[] }>;

/** Most events, and payload characters, in one script call: a script blocks Redis while it runs. */
const MAX_EVENTS = 1000;
const MAX_CHARS = 1 << 20;

/**
 * Groups the Redis store's appends: everything appended in one event-loop
 * turn goes in one script call (or a few, at `MAX_EVENTS`), grouped by
 * client so each client's events keep their order. Calls leave on one
 * connection, so batches run in the order they were sent.
 */
export class AppendBatches {
  #pending = new Map<string, string[]>();
  #events = 0;
  #chars = 0;
  #timer: ReturnType<typeof setImmediate> | undefined;
  readonly #inflight = new Set<Promise<void>>();
  /** A batch that failed since the last flush: the next flush rejects with it (its appends may be lost). */
  #failed: { readonly error: unknown } | undefined;

  constructor(
    private readonly send: SendBatch,
    private readonly onSent: (appended: readonly string[], ended: readonly string[]) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  add(client: string, payload: string): void {
    const list = this.#pending.get(client);
    if (list === undefined) this.#pending.set(client, [payload]);
    else list.push(payload);
    this.#chars += payload.length;
    if (++this.#events >= MAX_EVENTS || this.#chars >= MAX_CHARS) this.#sendNow();
    else this.#timer ??= setImmediate(() => this.#sendNow());
  }

  /** Sends what is pending and resolves when every batch sent so far is stored; rejects if one failed. */
  async flush(): Promise<void> {
    this.#sendNow();
    const waiting = [...this.#inflight];
    // Batches settle without rejecting (failures are kept in #failed), so this waits for them all.
    if (waiting.length > 0) await Promise.all(waiting);
    const failed = this.#failed;
    this.#failed = undefined;
    if (failed !== undefined) throw failed.error;
  }

  #sendNow(): void {
    if (this.#timer !== undefined) clearImmediate(this.#timer);
    this.#timer = undefined;
    if (this.#events === 0) return;
    const args: (string | number)[] = [];
    for (const [client, payloads] of this.#pending) args.push(client, payloads.length, ...payloads);
    this.#pending = new Map();
    this.#events = this.#chars = 0;
    const batch = this.send(args).then(
      ({ appended, ended }) => this.onSent(appended, ended),
      (error: unknown) => this.#fail(error),
    );
    this.#inflight.add(batch);
    void batch.finally(() => this.#inflight.delete(batch));
  }

  /** Keeps the failure for the next flush; reports it as a fault if no flush was waiting for it. */
  #fail(error: unknown): void {
    const failure = { error };
    this.#failed ??= failure;
    // A flush waiting for this batch takes the failure first (its caller reports it); else nobody would hear of it.
    setImmediate(() => {
      if (this.#failed === failure) this.onError(error);
    });
  }
}
