/**
 * The append times of one client's queued events, oldest first, kept as
 * runs (a time and how many events were appended at it): a burst appended
 * within one millisecond is one entry. Kept only while metrics are on, for
 * the delivery lag.
 */
export class TimeQueue {
  /** Run i: its time at `2i`, its count at `2i + 1` (a ring of runs). */
  #runs = new Float64Array(16);
  #head = 0;
  #length = 0;
  /** Events held, over every run. */
  size = 0;

  /** `count` events appended at `time` (no earlier than the last push's). */
  push(time: number, count = 1): void {
    this.size += count;
    const runs = this.#runs;
    const mask = (runs.length >> 1) - 1;
    if (this.#length > 0) {
      const last = ((this.#head + this.#length - 1) & mask) << 1;
      if (runs[last] === time) {
        runs[last + 1] = (runs[last + 1] as number) + count;
        return;
      }
    }
    if (this.#length === runs.length >> 1) this.#grow();
    const at = ((this.#head + this.#length) & this.#mask) << 1;
    this.#runs[at] = time;
    this.#runs[at + 1] = count;
    this.#length++;
  }

  /** Takes the `count` oldest events (fewer when fewer are held); the append time of the oldest, or -1 when none. */
  shift(count: number): number {
    let left = Math.min(count, this.size);
    const oldest = left > 0 ? (this.#runs[this.#head << 1] as number) : -1;
    this.size -= left;
    while (left > 0) {
      const at = this.#head << 1;
      const run = this.#runs[at + 1] as number;
      if (run > left) {
        this.#runs[at + 1] = run - left;
        break;
      }
      left -= run;
      this.#head = (this.#head + 1) & this.#mask;
      this.#length--;
    }
    return oldest;
  }

  get #mask(): number {
    return (this.#runs.length >> 1) - 1;
  }

  #grow(): void {
    const runs = new Float64Array(this.#runs.length * 2);
    for (let i = 0; i < this.#length; i++) {
      const at = ((this.#head + i) & this.#mask) << 1;
      runs[i << 1] = this.#runs[at] as number;
      runs[(i << 1) + 1] = this.#runs[at + 1] as number;
    }
    this.#runs = runs;
    this.#head = 0;
  }
}
