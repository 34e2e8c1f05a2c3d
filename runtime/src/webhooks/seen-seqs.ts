/**
 * Where a webhook receiver keeps the last seq it handled per sender queue,
 * so an event sent again (a lost acknowledgement, a sender that restarted)
 * is dropped. The default keeps them in memory; give one backed by your
 * database to drop repeats across restarts of the receiver too.
 */
export interface SeenSeqs {
  /** The last seq handled from `queue`, or 0. */
  get(queue: string): number | Promise<number>;
  /** `seq` of `queue` was handled (called after each event's handler returned). */
  set(queue: string, seq: number): void | Promise<void>;
}

/** `SeenSeqs` in a `Map`: repeats are dropped while the process lives. */
export function memorySeenSeqs(): SeenSeqs {
  const last = new Map<string, number>();
  return {
    get: (queue) => last.get(queue) ?? 0,
    set: (queue, seq) => void last.set(queue, seq),
  };
}

/**
 * The `webhook-id`s of requests handled lately, so a request replayed within
 * the timestamp tolerance is not handled twice (later ones are stale). At
 * most `max` ids; the oldest go first.
 */
export class RecentIds {
  readonly #ids = new Set<string>();
  constructor(private readonly max: number) {}

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  add(id: string): void {
    this.#ids.add(id);
    if (this.#ids.size > this.max) this.#ids.delete(this.#ids.values().next().value as string);
  }
}
