// A log follower's range entries: the next one a follow gets (`pull`), and a read's entries answered as the
// log's events (`expand`), from this process's tails (log-tails.ts) or the store. Used by `withLogs` (log-feed.ts).
import type { ClientStore } from './client-store.js';
import {
  entryRange,
  type LogFollow,
  type LogGap,
  type LogRange,
  type LogSlice,
  type LogStoreMethods,
} from './log-store.js';
import type { LogTails } from './log-tails.js';
import { ReadResult } from './read-result.js';

type LogStore = ClientStore & LogStoreMethods;

/**
 * The range entry `follow` gets next, when its log has events (or a gap) past its position: from this
 * process's tail when it has them, and from the store for anything that looks like a gap.
 */
export async function pull(
  store: LogStore,
  tails: LogTails,
  follow: LogFollow,
  max: number,
  slices: Map<string, LogSlice>,
): Promise<LogRange | undefined> {
  let slice = await tails.read(follow.log, follow.next - 1, max, follow.epoch);
  if (slice.epoch !== follow.epoch || follow.next > slice.next || slice.from > follow.next)
    slice = await store.logRead(follow.log, follow.next - 1, max);
  let gap: LogGap | undefined;
  if (slice.epoch !== follow.epoch) {
    // The log's history is not the one the follower had: everything after its position may be gone.
    gap = { reason: 'epoch', from: follow.next, epoch: follow.epoch };
    if (slice.from !== slice.first) slice = await store.logRead(follow.log, slice.first - 1, max);
  } else if (follow.next > slice.next) {
    // A position past the log's last offset: the store lost events it had (SQLite with synchronous=NORMAL
    // after a machine crash), and offsets the follower had seen will be given again. It resumes at the next one.
    gap = { reason: 'lost', from: slice.next, to: follow.next - 1 };
    slice = await store.logRead(follow.log, slice.next - 1, max);
  } else if (slice.from > follow.next) {
    gap = { reason: 'trimmed', from: follow.next, to: slice.from - 1 };
  }
  if (slice.events.length === 0 && gap === undefined) return undefined;
  slices.set(sliceKey(follow.log, slice.epoch, slice.from), slice);
  return {
    log: follow.log,
    epoch: slice.epoch,
    from: slice.from,
    to: slice.from + slice.events.length - 1,
    ...(gap === undefined ? {} : { gap }),
  };
}

/** The `count` events of `range` from this process's tail, or from the store when the tail does not hold them all. */
async function readRange(tails: LogTails, range: LogRange, count: number): Promise<LogSlice> {
  const slice = await tails.read(range.log, range.from - 1, count, range.epoch);
  return slice.events.length < count
    ? tails.store.logRead(range.log, range.from - 1, count)
    : slice;
}

function sliceKey(log: string, epoch: string, from: number): string {
  return `${from} ${epoch} ${log}`;
}

/** The read with its range entries answered as the log's events. */
export async function expand(
  tails: LogTails,
  result: ReadResult,
  slices: Map<string, LogSlice>,
): Promise<ReadResult> {
  let texts: string[] | undefined;
  const events = result.events;
  for (let i = 0; i < events.length; i++) {
    const text = events[i] as string;
    const entry = entryRange(text);
    if (entry === undefined) continue;
    texts ??= events.slice();
    const seq = Number.parseInt(text.slice(7, text.indexOf(',')), 10);
    texts[i] = await logEntryText(tails, seq, entry.callback, entry.range, slices);
  }
  return texts === undefined ? result : ReadResult.live(texts, result.gap);
}

/** The wire text of a range entry: the events it names as the log has them now, and its gap. */
async function logEntryText(
  tails: LogTails,
  seq: number,
  callback: number,
  range: LogRange,
  slices: Map<string, LogSlice>,
): Promise<string> {
  const count = range.to - range.from + 1;
  let slice = slices.get(sliceKey(range.log, range.epoch, range.from));
  if (slice === undefined || slice.events.length < count)
    slice = count === 0 ? undefined : await readRange(tails, range, count);
  let gap = range.gap;
  let offset = range.from;
  let bodies: readonly string[] = [];
  if (slice !== undefined && slice.epoch !== range.epoch) {
    // The log lost its history since the range was queued: its events are gone.
    gap = { reason: 'epoch', from: gap?.from ?? range.from, epoch: gap?.epoch ?? range.epoch };
    offset = range.to + 1;
  } else if (slice !== undefined) {
    if (slice.from > range.from) {
      // Trimmed while queued: the trimmed part joins the gap (which ends right before the range, if any).
      const to = Math.min(slice.from - 1, range.to);
      gap =
        gap?.reason === 'trimmed'
          ? { reason: 'trimmed', from: gap.from, to }
          : gap === undefined
            ? { reason: 'trimmed', from: range.from, to }
            : gap;
      offset = to + 1;
    }
    bodies = slice.events.slice(0, Math.max(0, range.to - offset + 1));
  }
  const head = `{"seq":${seq},"cb":${callback},"log":${JSON.stringify(range.log)},"epoch":${JSON.stringify(range.epoch)},"offset":${offset},"events":[`;
  const tail = gap === undefined ? ']}' : `],"gap":${JSON.stringify(gap)}}`;
  return bodies.length === 0 ? head + tail : `${head}{${bodies.join('},{')}}${tail}`;
}
