import type { WireGap } from '../../protocol/messages.js';
import type { ClientStore, ReadResult } from '../events/client-store.js';
import type { ResolvedWebSocketOptions } from './web-socket-options.js';
import type { WsPeer } from './ws-peer.js';

/** How often a pump blocked on a full socket looks at `bufferedAmount` again, when the adapter does not say it drained. */
const DRAIN_CHECK_MS = 10;

/**
 * Pushes one client's queue down one socket. It reads from the store after
 * the client's last acknowledgement (so an event is forgotten only once the
 * client said it has it, whatever happens to the socket) and sends only what
 * this socket has not sent yet, batched: every event queued by the time it
 * reads goes in one frame (up to `maxBatch`). It stops pulling while the
 * socket holds more than `highWater` bytes or `window` events are
 * unacknowledged, so a slow reader costs bounded memory here and the rest
 * waits in the queue, under its bound and overflow policy.
 */
export class EventPump {
  #acked: number;
  #sent: number;
  /** The `to` of the last gap notice sent: a notice goes out once per change, not in every frame. */
  #gapSent = 0;
  #running = false;
  #again = false;
  #wakeQueued = false;
  #stopped = false;
  #drainTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly store: ClientStore,
    private readonly client: string,
    after: number,
    private readonly peer: WsPeer,
    private readonly options: ResolvedWebSocketOptions,
    /** The store answered something else than events: the client ended, or `after` was beyond its last seq. */
    private readonly onEnd: (result: Exclude<ReadResult, { status: 'live' }>) => void,
    private readonly onFault: (error: unknown) => void,
  ) {
    this.#acked = this.#sent = after;
  }

  /** Events were appended: pump once the current task has appended the rest of its burst. */
  wake(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    if (this.#wakeQueued || this.#stopped) return;
    this.#wakeQueued = true;
    queueMicrotask(() => {
      this.#wakeQueued = false;
      void this.#run();
    });
  }

  /** The client acknowledged every seq up to `seq` (cumulative). */
  ack(seq: number): void {
    if (seq <= this.#acked) return;
    this.#acked = seq;
    // Events the client has from elsewhere (a poll that raced the socket) need not be sent again.
    if (seq > this.#sent) this.#sent = seq;
    this.wake();
  }

  /** The adapter says the socket drained. */
  drained(): void {
    if (this.#drainTimer === undefined) return;
    clearTimeout(this.#drainTimer);
    this.#drainTimer = undefined;
    this.wake();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#drainTimer);
    this.#drainTimer = undefined;
  }

  async #run(): Promise<void> {
    this.#running = true;
    try {
      while (!this.#stopped && (await this.#step())) {
        // Each step sends one frame; loop while there is more and room for it.
      }
    } catch (error) {
      this.onFault(error);
    } finally {
      this.#running = false;
    }
    if (this.#again && !this.#stopped) {
      this.#again = false;
      this.wake();
    }
  }

  /** Reads and sends one frame; whether to go on at once. */
  async #step(): Promise<boolean> {
    const { peer, options } = this;
    if (peer.bufferedAmount > options.highWater) {
      this.#waitForDrain();
      return false;
    }
    const inFlight = this.#sent - this.#acked;
    const room = options.window - inFlight;
    if (room <= 0) return false; // the next ack wakes the pump
    this.#again = false;
    const asked = inFlight + Math.min(room, options.maxBatch);
    const result = await this.store.read(this.client, this.#acked, asked);
    if (this.#stopped) return false;
    if (result.status !== 'live') {
      this.stop();
      this.onEnd(result);
      return false;
    }
    // At most a batch: when drops overtook what was sent, everything read is fresh.
    const fresh = eventsAfter(result.events, this.#sent, options.maxBatch);
    const gap = result.gap !== undefined && result.gap.to > this.#gapSent ? result.gap : undefined;
    if (fresh.length === 0 && gap === undefined) return this.#again;
    peer.send(eventsFrame(fresh, gap));
    if (gap !== undefined) this.#gapSent = gap.to;
    if (fresh.length > 0) this.#sent = seqOf(fresh[fresh.length - 1] as string);
    // A read that was not full emptied the queue: read again only if more was appended meanwhile.
    return result.events.length >= asked || this.#again;
  }

  #waitForDrain(): void {
    if (this.#drainTimer !== undefined) return;
    const check = (): void => {
      if (this.#stopped) return;
      if (this.peer.bufferedAmount > this.options.highWater) {
        this.#drainTimer = setTimeout(check, DRAIN_CHECK_MS);
        return;
      }
      this.#drainTimer = undefined;
      this.wake();
    };
    this.#drainTimer = setTimeout(check, DRAIN_CHECK_MS);
  }
}

/** The seq of an event text: the store's texts begin `{"seq":<n>,` (see `eventJson`). */
export function seqOf(text: string): number {
  return Number(text.slice(7, text.indexOf(',', 7)));
}

/** The first `max` events (contiguous, in seq order) with seq > `sent`. */
function eventsAfter(events: readonly string[], sent: number, max: number): readonly string[] {
  if (events.length === 0) return events;
  const skip = Math.max(0, sent - seqOf(events[0] as string) + 1);
  return skip === 0 && events.length <= max ? events : events.slice(skip, skip + max);
}

/** `{"type":"events","events":[...]}`, with the gap when there is one; the texts are joined, never re-serialised. */
function eventsFrame(events: readonly string[], gap: WireGap | undefined): string {
  const list = `{"type":"events","events":[${events.join(',')}]`;
  return gap === undefined ? `${list}}` : `${list},"gap":${JSON.stringify(gap)}}`;
}
