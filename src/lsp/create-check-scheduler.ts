export interface CheckScheduler {
  /** Asks for a run once things have been quiet for the settle time. */
  schedule(): void;
  /** Drops a pending run (a run under way finishes). */
  cancel(): void;
}

/**
 * Runs `run` once a burst of requests has settled (keystrokes arrive a few
 * milliseconds apart; checking after each would only fall behind), never
 * two runs at once: a request during a run makes one more run after it.
 * A run that throws is reported through `onError` and the scheduler goes on.
 */
export function createCheckScheduler(
  run: () => Promise<void>,
  settleMs: number,
  onError: (error: unknown) => void,
): CheckScheduler {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;

  const fire = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await run();
    } catch (error) {
      onError(error);
    } finally {
      running = false;
      if (again) {
        again = false;
        scheduler.schedule();
      }
    }
  };

  const scheduler: CheckScheduler = {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(() => void fire(), settleMs);
    },
    cancel() {
      clearTimeout(timer);
      again = false;
    },
  };
  return scheduler;
}
