/** A loop of steps with pauses between them: see `retryLoop`. */
export interface RetryLoop {
  /** Starts the loop unless it runs or `active()` says there is nothing to do. */
  readonly wake: () => void;
  /** Ends the pause in progress, if any, so the loop checks `active()` at once. */
  readonly interrupt: () => void;
}

/**
 * The loop of the poll channel and of the socket channel: runs `step` while
 * `active()`, pausing after each as long as it asks (0: none; a negative
 * pause yields to timers once). `interrupt` ends a pause, so closing or a
 * transport switch never waits out a backoff.
 */
export function retryLoop(active: () => boolean, step: () => Promise<number>): RetryLoop {
  let running = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let endPause: (() => void) | undefined;
  async function run(): Promise<void> {
    while (active()) {
      const pause = await step();
      if (pause !== 0 && active())
        await new Promise<void>((resolve) => {
          endPause = resolve;
          timer = setTimeout(resolve, Math.max(0, pause));
        });
    }
    // No await between the last check and this line: a wake now finds the loop stopped and starts it.
    running = false;
  }
  return {
    wake() {
      if (running || !active()) return;
      running = true;
      void run();
    },
    interrupt() {
      clearTimeout(timer);
      endPause?.();
    },
  };
}
