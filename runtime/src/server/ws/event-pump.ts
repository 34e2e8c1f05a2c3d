import type { ClientEndReason } from '../../protocol/messages.js';
import type { ClientStore } from '../stores/client-store.js';
import type { ReadResult } from '../stores/read-result.js';
import { listEnd } from '../events/events-output.js';
import type { ResolvedWebSocketOptions } from './web-socket-options.js';
import type { WsPeer } from './ws-peer.js';

/** What a pump tells its socket's session. */
export interface PumpOwner {
  /** The store found the client not live: why. */
  pumpEnded(reason: ClientEndReason): void;
  /** Reading or sending failed. */
  pumpFault(error: unknown): void;
}

/** How often a pump blocked on a full socket looks at `bufferedAmount` again, when the adapter does not say it drained. */
const DRAIN_CHECK_MS = 10;
/** After a failed store read, the first pause before reading again, and the longest. */
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 5_000;
/**
 * Ms an acknowledgement waits for a read to carry it (the next append's) before the pump reads just to
 * trim the queue: in a burst, a read per ack cost a store call per follower per ack (issue 25). A pump that
 * waits for room in its window reads at once.
 */
const ACK_READ_MS = 200;

/**
 * Pushes one client's queue down one socket. Its reads acknowledge the
 * client's last acknowledgement (so an event is forgotten only once the
 * client said it has it, whatever happens to the socket) and ask for the
 * events after what this socket has sent (`read`'s `from`: a client that
 * acknowledges now and then is not read its whole window again per frame);
 * it sends only what this socket has not sent yet (a store may ignore
 * `from`: the pump then asks for the in-flight events too and skips them),
 * batched: every event queued by the time it
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
  /** A read again after a failed one (`#retryLater`), and its pause. */
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #retryDelay = 0;
  /** A read to carry the last acknowledgement, when no other read does (`ACK_READ_MS`). */
  #ackTimer: ReturnType<typeof setTimeout> | undefined;
  /** How many events the read under way asked for. */
  #asked = 0;
  /** The `from` of the read under way (what was sent when it began). */
  #from = 0;
  /** The store answered a read from its `after`, not its `from`: ask for the in-flight events too. */
  #ignoresFrom = false;

  constructor(
    private readonly store: ClientStore,
    private readonly client: string,
    after: number,
    private readonly peer: WsPeer,
    private readonly options: ResolvedWebSocketOptions,
    /** Told what the pump cannot handle itself (an object, not two closures per socket: sockets are many). */
    private readonly owner: PumpOwner,
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
      if (!this.#running) this.#run();
    });
  }

  /** The client acknowledged every seq up to `seq` (cumulative). */
  ack(seq: number): void {
    if (seq <= this.#acked) return;
    const waiting = this.#sent - this.#acked >= this.options.window;
    this.#acked = seq;
    // Events the client has from elsewhere (a poll that raced the socket) need not be sent again.
    if (seq > this.#sent) this.#sent = seq;
    else if (!waiting) {
      // Nothing waits for the ack: the next read carries it, or this one, soon.
      this.#ackTimer ??= setTimeout(this.#ackRead, ACK_READ_MS);
      return;
    }
    this.wake();
  }

  readonly #ackRead = (): void => {
    this.#ackTimer = undefined;
    this.wake();
  };

  /** The adapter says the socket drained. */
  drained(): void {
    if (this.#drainTimer === undefined) return;
    clearTimeout(this.#drainTimer);
    this.#drainTimer = undefined;
    this.wake();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#ackTimer);
    this.#ackTimer = undefined;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    clearTimeout(this.#drainTimer);
    this.#drainTimer = undefined;
  }

  /**
   * One frame per store read, then the next at once while there is more and
   * room for it. Plain callbacks, no async functions: with one event per
   * frame, every promise and microtask this costs is paid per event.
   */
  #run(): void {
    this.#running = true;
    const { peer, options } = this;
    if (this.#stopped) return this.#idle();
    if (peer.bufferedAmount > options.highWater) {
      this.#waitForDrain();
      return this.#idle();
    }
    const inFlight = this.#sent - this.#acked;
    const room = options.window - inFlight;
    if (room <= 0) return this.#idle(); // the next ack wakes the pump
    this.#again = false;
    const batch = Math.min(room, options.maxBatch);
    this.#asked = this.#ignoresFrom ? inFlight + batch : batch;
    this.#from = this.#sent;
    // This read carries the last acknowledgement.
    clearTimeout(this.#ackTimer);
    this.#ackTimer = undefined;
    let reading: Promise<ReadResult>;
    try {
      reading = this.store.read(this.client, this.#acked, this.#asked, this.#from);
    } catch (error) {
      return this.#failed(error);
    }
    reading.then(this.#onRead, this.#failed);
  }

  // Made once: a read per frame must not allocate its callbacks.
  readonly #onRead = (result: ReadResult): void => this.#read(result, this.#asked);
  readonly #failed = (error: unknown): void => {
    this.owner.pumpFault(error);
    this.#idle();
    this.#retryLater();
  };

  /**
   * After a failed read (the store was unreachable), reads again after a
   * pause that doubles up to `RETRY_MAX_MS`, rather than wait for a wake:
   * the appends made meanwhile may have been announced while no one heard.
   */
  #retryLater(): void {
    if (this.#stopped || this.#retryTimer !== undefined) return;
    this.#retryDelay = Math.min(RETRY_MAX_MS, this.#retryDelay * 2 || RETRY_FIRST_MS);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      this.wake();
    }, this.#retryDelay);
  }

  #read(result: ReadResult, asked: number): void {
    this.#retryDelay = 0;
    if (this.#stopped) return this.#idle();
    if (result.status !== 'live') {
      this.stop();
      this.owner.pumpEnded(result.status);
      return this.#idle();
    }
    let more: boolean;
    try {
      more = this.#send(result, asked);
    } catch (error) {
      this.owner.pumpFault(error);
      return this.#idle();
    }
    if (more) this.#run();
    else this.#idle();
  }

  /** Sends what `result` holds that this socket has not sent; whether to read again at once. */
  #send(result: ReadResult, asked: number): boolean {
    const { options } = this;
    // `count` and `wrap`, not `events`: a store may make the single texts only if they are read.
    const { count } = result;
    const gap = result.gap !== undefined && result.gap.to > this.#gapSent ? result.gap : undefined;
    // The whole read as a frame, in the read's own join (`ReadResult.wrap`): its first seq is read there.
    const framed = result.wrap(FRAME_HEAD, listEnd(gap));
    // The texts of one read are consecutive seqs: the first one's seq places them all.
    const first = count === 0 ? 0 : seqOf(framed, FRAME_HEAD.length);
    // From then on the in-flight events are asked for as well, so a read still brings a batch of fresh ones.
    if (count > 0 && first <= this.#from) this.#ignoresFrom = true;
    // At most a batch: when drops overtook what was sent, everything read is fresh.
    const skip = Math.max(0, this.#sent - first + 1);
    const whole = skip === 0 && count <= options.maxBatch;
    const fresh = whole ? undefined : result.events.slice(skip, skip + options.maxBatch);
    const sent = fresh === undefined ? count : fresh.length;
    if (sent === 0 && gap === undefined) return this.#again;
    this.peer.send(fresh === undefined ? framed : `${FRAME_HEAD}${fresh.join(',')}${listEnd(gap)}`);
    if (gap !== undefined) this.#gapSent = gap.to;
    if (sent > 0) this.#sent = first + skip + sent - 1;
    // A read that was not full emptied the queue: read again only if more was appended meanwhile.
    return count >= asked || this.#again;
  }

  /** The pump stopped pulling; a wake that came meanwhile starts it again. */
  #idle(): void {
    this.#running = false;
    if (this.#again && !this.#stopped) {
      this.#again = false;
      this.wake();
    }
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

/** The seq of the event text at `at` in `text`: the store's texts begin `{"seq":<n>,` (see `eventJson`). */
export function seqOf(text: string, at = 0): number {
  return Number(text.slice(at + 7, text.indexOf(',', at + 7)));
}

/** An events frame up to its first event. */
const FRAME_HEAD = '{"type":"events","events":[';
