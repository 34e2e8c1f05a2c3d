/**
 * The text lengths of a client's unacknowledged events, oldest first, and
 * their sum: what a store that keeps its events elsewhere (the SQLite file)
 * holds in memory to apply `StoreConfig.maxQueueBytes` without reading
 * them back. A ring of numbers in a typed array, doubled on demand: no
 * allocation per event, and a client that never had an event has none.
 */
export class EventSizes {
  #sizes: Float64Array | undefined = undefined;
  #head = 0;
  #count = 0;
  /** The sum of the held sizes. */
  total = 0;

  /** Sizes held (the client's unacknowledged events). */
  get count(): number {
    return this.#count;
  }

  /** Adds the newest event's size. */
  push(size: number): void {
    let sizes = this.#sizes;
    if (sizes === undefined || this.#count === sizes.length) sizes = this.#grow();
    sizes[(this.#head + this.#count) & (sizes.length - 1)] = size;
    this.#count++;
    this.total += size;
  }

  /** Forgets the `n` oldest sizes (at most all of them). */
  shift(n: number): void {
    const sizes = this.#sizes;
    if (sizes === undefined) return;
    for (let left = Math.min(n, this.#count); left > 0; left--) {
      this.total -= sizes[this.#head] as number;
      this.#head = (this.#head + 1) & (sizes.length - 1);
      this.#count--;
    }
  }

  /** Forgets every size. */
  clear(): void {
    this.#sizes = undefined;
    this.#head = this.#count = this.total = 0;
  }

  #grow(): Float64Array {
    const old = this.#sizes;
    const sizes = new Float64Array(old === undefined ? 8 : old.length * 2);
    for (let i = 0; i < this.#count; i++)
      sizes[i] = (old as Float64Array)[(this.#head + i) & (sizes.length / 2 - 1)] as number;
    this.#sizes = sizes;
    this.#head = 0;
    return sizes;
  }
}
