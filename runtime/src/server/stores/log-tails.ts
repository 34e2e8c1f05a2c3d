import type { LogSlice, LogStoreMethods } from './log-store.js';

/** Events a process keeps per log, newest last: a few read batches (followers that lag more read the store). */
export const TAIL_EVENTS = 4000;

/** Characters of event text a process keeps over all its tails; past it, the least recently read tails go. */
export const TAIL_CHARS = 16 * 2 ** 20;

/** Events one read of the store brings into a tail at most. */
const TAIL_READ = 1000;

/** The newest events of one log as this process last read them. */
interface Tail {
  epoch: string;
  /** The log's oldest kept offset, as of the last read. */
  first: number;
  /** The offset of `events[0]`. */
  from: number;
  events: string[];
  /** The summed length of `events`. */
  chars: number;
  /** No append notice for the log since `events` were read, and they reached the log's end then. */
  fresh: boolean;
  /** Bumped by every append notice: a read begun before one may miss what it announced. */
  generation: number;
  /** The read of the store under way, and the generation it began in. */
  loading: { readonly generation: number; readonly done: Promise<void> } | undefined;
}

/**
 * One process's copy of the newest events of each log its followers read,
 * so that an append announced to N followers here costs one read of the log
 * from the store, not N (issue 25: fan-out across processes).
 *
 * The store's listener tells it of every append (`appended`, in every
 * process sharing the store, before the followers are woken) and of notices
 * it may have missed (`missed`); until then, what it holds is the log's end.
 * A tail answers only reads that fall inside it, of the epoch the caller
 * expects, and never decides a gap: a read before the tail's oldest event,
 * past its end, or of another epoch goes to the store, as does everything
 * while a notice is newer than the tail's last read.
 */
export class LogTails {
  /** In the order they were last read, least recent first. */
  readonly #tails = new Map<string, Tail>();

  constructor(
    /** Where the logs are (reads that the tails do not answer go to it). */
    readonly store: Pick<LogStoreMethods, 'logRead'>,
    private readonly keep = TAIL_EVENTS,
    private readonly budget = TAIL_CHARS,
  ) {}

  /** `log` grew (any process): the next read of it reads the store. */
  appended(log: string): void {
    const tail = this.#tails.get(log);
    if (tail === undefined) return;
    tail.fresh = false;
    tail.generation++;
  }

  /** Notices may have been lost: every tail reads the store again. */
  missed(): void {
    for (const log of this.#tails.keys()) this.appended(log);
  }

  /**
   * As the store's `logRead(log, after, max)`, for a reader that expects
   * `epoch`: from the tail when it holds offset `after + 1` (or its end is
   * `after`) in that epoch, else from the store.
   */
  async read(log: string, after: number, max: number, epoch: string): Promise<LogSlice> {
    let tail = this.#tails.get(log);
    if (tail !== undefined) {
      // Most recently read last.
      this.#tails.delete(log);
      this.#tails.set(log, tail);
    }
    if (tail === undefined || !tail.fresh) tail = await this.#refresh(log, after);
    const next = tail.from + tail.events.length;
    if (tail.epoch !== epoch || after + 1 < tail.from || after + 1 > next)
      return this.store.logRead(log, after, max);
    const start = after + 1 - tail.from;
    return {
      epoch: tail.epoch,
      first: tail.first,
      next,
      from: after + 1,
      events: tail.events.slice(start, start + max),
    };
  }

  /** Reads what the log gained since the tail's end (a new tail: from `after`), once for every reader waiting. */
  async #refresh(log: string, after: number): Promise<Tail> {
    let tail = this.#tails.get(log);
    if (tail === undefined) {
      tail = {
        epoch: '',
        first: 0,
        from: after + 1,
        events: [],
        chars: 0,
        fresh: false,
        generation: 0,
        loading: undefined,
      };
      this.#tails.set(log, tail);
    }
    const generation = tail.generation;
    if (tail.loading?.generation !== generation) {
      // One read of the store at a time per tail: a read begun while an older one is out would start from the
      // same end, and both would add what they read (the events twice, at the wrong offsets).
      const before = tail.loading?.done;
      const done =
        before === undefined
          ? this.#load(log, tail, generation)
          : before.catch(() => undefined).then(() => this.#load(log, tail, generation));
      tail.loading = { generation, done };
      // Both ways: a failed read reaches the readers awaiting `done`; a derived promise that rejects unheard
      // (`done.finally(...)`) would end the process as an unhandled rejection.
      const settled = (): void => {
        if (tail.loading?.done === done) tail.loading = undefined;
      };
      done.then(settled, settled);
    }
    await tail.loading.done;
    return tail;
  }

  async #load(log: string, tail: Tail, generation: number): Promise<void> {
    const end = tail.from + tail.events.length;
    const slice = await this.store.logRead(log, end - 1, TAIL_READ);
    if (slice.epoch === tail.epoch && slice.from === end) {
      for (const event of slice.events) {
        tail.events.push(event);
        tail.chars += event.length;
      }
    } else {
      // A new tail, another epoch, or the log was trimmed past the tail's end: start again from this read
      // (a position past the log's end starts it at the end).
      tail.epoch = slice.epoch;
      tail.from = Math.min(slice.from, slice.next);
      tail.events = slice.events.slice();
      tail.chars = 0;
      for (const event of slice.events) tail.chars += event.length;
    }
    tail.first = slice.first;
    // What retention trimmed is not answered from here (a follower there gets its gap from the store).
    const over = Math.max(
      tail.events.length - this.keep,
      Math.min(slice.first, slice.next) - tail.from,
    );
    if (over > 0) dropOldest(tail, over, 0);
    // Fresh only when no notice came meanwhile and the read reached the log's end.
    tail.fresh = tail.generation === generation && slice.from + slice.events.length === slice.next;
    this.#fitBudget(tail);
  }

  /** Over the budget: the least recently read tails go (their next read reads the store), then `tail`'s oldest events. */
  #fitBudget(tail: Tail): void {
    let chars = 0;
    for (const one of this.#tails.values()) chars += one.chars;
    for (const [log, old] of this.#tails) {
      if (chars <= this.budget) return;
      if (old === tail) continue;
      this.#tails.delete(log);
      chars -= old.chars;
    }
    if (chars > this.budget) dropOldest(tail, Infinity, chars - this.budget);
  }
}

/** Drops the oldest `count` events of `tail`, or (`chars` > 0) the oldest that hold `chars` characters but the newest. */
function dropOldest(tail: Tail, count: number, chars: number): void {
  let n = 0;
  let dropped = 0;
  const most = chars > 0 ? tail.events.length - 1 : Math.min(count, tail.events.length);
  while (n < most && (chars <= 0 || dropped < chars))
    dropped += (tail.events[n++] as string).length;
  tail.events.splice(0, n);
  tail.from += n;
  tail.chars -= dropped;
}
