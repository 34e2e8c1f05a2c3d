/**
 * The pause of a retry loop (the poll loop's, the socket's): `sleep(ms)`
 * resolves after `ms`, or at once when `end()` is called, so closing or
 * a transport switch never waits out a backoff. One pause at a time.
 */
export class Nap {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #done: (() => void) | undefined;

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.#done = () => {
        this.#timer = this.#done = undefined;
        resolve();
      };
      this.#timer = setTimeout(this.#done, ms);
    });
  }

  /** Ends the pause in progress, if any. */
  end(): void {
    clearTimeout(this.#timer);
    this.#done?.();
  }
}
