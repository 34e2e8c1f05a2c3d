/**
 * The append times of one client's queued events, oldest first (a ring of
 * numbers): the delivery lag of an event is the time from its append to the
 * client's acknowledgement. Kept only while metrics are on.
 */
export class TimeQueue {
  #times = new Float64Array(8);
  #head = 0;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  push(time: number): void {
    if (this.#size === this.#times.length) this.#grow();
    this.#times[(this.#head + this.#size) & (this.#times.length - 1)] = time;
    this.#size++;
  }

  /** Takes the `count` oldest times (fewer when fewer are held), handing each to `each`. */
  shift(count: number, each?: (time: number) => void): void {
    const n = Math.min(count, this.#size);
    const mask = this.#times.length - 1;
    for (let i = 0; i < n; i++) {
      if (each !== undefined) each(this.#times[this.#head] as number);
      this.#head = (this.#head + 1) & mask;
    }
    this.#size -= n;
  }

  #grow(): void {
    const times = new Float64Array(this.#times.length * 2);
    for (let i = 0; i < this.#size; i++)
      times[i] = this.#times[(this.#head + i) & (this.#times.length - 1)] as number;
    this.#times = times;
    this.#head = 0;
  }
}
