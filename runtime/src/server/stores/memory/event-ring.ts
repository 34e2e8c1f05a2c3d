import { eventJson } from '../client-store.js';

/**
 * One client's event queue in memory: a ring buffer of events with their
 * seq numbers. Push, acknowledge and drop are O(1) per event (no
 * `Array.shift`), slots are cleared as events leave so their strings can be
 * collected, and capacity doubles on demand (a quiet client costs 8 events'
 * slots, not its bound).
 *
 * An event is kept as the two strings it was appended with (see
 * `ClientStore.append`): its callback's prefix (`"cb":3,"method":"tick","args":`,
 * one string per callback method, shared by all its events) and its encoded
 * arguments (shared by every client a `Broadcast` reached). Queuing an event
 * allocates nothing but its two slots; its text, with the seq, is made when
 * it is read and dies young. A fan-out of 1,000 events to 1,000 clients
 * used to build a million event texts that all survived collections until
 * their polls took them (a third of the server's time went to the GC).
 */
export class EventRing {
  /** Two slots per event, `head` then `tail`. */
  #slots: (string | undefined)[] = new Array<string | undefined>(16);
  /** Event capacity − 1 (a power of two − 1). */
  #mask = 7;
  #head = 0;
  #size = 0;
  /** The seq of the event in the head slot (the next one when empty). */
  #first = 1;
  /** The summed lengths of the held events' texts (`eventText`): the store's `maxQueueBytes` bounds it. */
  #chars = 0;

  /** Events held. */
  get size(): number {
    return this.#size;
  }

  /** The summed lengths (UTF-16 code units) of the held events' JSON texts, seqs as the ring numbers them. */
  get chars(): number {
    return this.#chars;
  }

  /** The last seq assigned (0 before the first event). */
  get lastSeq(): number {
    return this.#first + this.#size - 1;
  }

  /** The seq the next pushed event gets. */
  get nextSeq(): number {
    return this.#first + this.#size;
  }

  /** Appends the event with seq `nextSeq`: its members after `seq` are `head + tail`. */
  push(head: string, tail: string): void {
    if (this.#size > this.#mask) this.#grow();
    const at = ((this.#head + this.#size) & this.#mask) << 1;
    this.#slots[at] = head;
    this.#slots[at + 1] = tail;
    this.#chars += textLength(this.#first + this.#size, head, tail);
    this.#size++;
  }

  /** Forgets every event with seq <= `after`. */
  ack(after: number): void {
    let drop = Math.min(after - this.#first + 1, this.#size);
    while (drop-- > 0) this.dropOldest();
  }

  /** Forgets the oldest event and returns its seq (the queue must not be empty). */
  dropOldest(): number {
    const at = this.#head << 1;
    this.#chars -= textLength(
      this.#first,
      this.#slots[at] as string,
      this.#slots[at + 1] as string,
    );
    this.#slots[at] = undefined;
    this.#slots[at + 1] = undefined;
    this.#head = (this.#head + 1) & this.#mask;
    this.#size--;
    return this.#first++;
  }

  /**
   * Up to `max` events with seq > `after`, oldest first, as an `EventSlice`:
   * their pieces, from which the texts or the answer's joined text are made.
   * `seqOffset` is added to the seqs they carry (see `MemoryStore`). The
   * slice stops before the event that would take the texts' total length
   * past `maxChars`, but holds at least one event when there is one.
   */
  slice(after: number, max: number, seqOffset = 0, maxChars = Infinity): EventSlice {
    const skip = Math.max(0, after - this.#first + 1);
    const available = Math.max(0, Math.min(max, this.#size - skip));
    const seq = this.#first + skip + seqOffset;
    let count = available;
    if (maxChars !== Infinity) {
      // `{"seq":` + the digits + `,` + head + tail + `}`: 9 + the digits, counted as if every seq had the last one's.
      const frame = 9 + digits(seq + available - 1);
      let chars = 0;
      for (let i = 0; i < available; i++) {
        const at = ((this.#head + skip + i) & this.#mask) << 1;
        chars +=
          frame + (this.#slots[at] as string).length + (this.#slots[at + 1] as string).length;
        if (chars > maxChars && i > 0) {
          count = i;
          break;
        }
      }
    }
    const parts = new Array<string | number>(count * PARTS);
    for (let i = 0, k = 0; i < count; i++) {
      const at = ((this.#head + skip + i) & this.#mask) << 1;
      parts[k++] = i === 0 ? '{"seq":' : '},{"seq":';
      parts[k++] = seq + i;
      parts[k++] = ',';
      parts[k++] = this.#slots[at] as string;
      parts[k++] = this.#slots[at + 1] as string;
    }
    return new EventSlice(parts, count);
  }

  #grow(): void {
    const slots = new Array<string | undefined>(this.#slots.length * 2);
    for (let i = 0; i < this.#size; i++) {
      const at = ((this.#head + i) & this.#mask) << 1;
      slots[i << 1] = this.#slots[at];
      slots[(i << 1) + 1] = this.#slots[at + 1];
    }
    this.#slots = slots;
    this.#mask = (slots.length >> 1) - 1;
    this.#head = 0;
  }
}

/** The length of `eventJson(seq, head + tail)`, without making it: `{"seq":` + the digits + `,` + the payload + `}`. */
function textLength(seq: number, head: string, tail: string): number {
  return 9 + digits(seq) + head.length + tail.length;
}

/** The decimal digits of a positive integer. */
function digits(n: number): number {
  let d = 1;
  while (n >= 10) {
    n = Math.floor(n / 10);
    d++;
  }
  return d;
}

/** Entries of `EventSlice.parts` per event. */
const PARTS = 5;

/**
 * Events read from a ring, as the pieces of their texts: per event
 * `{"seq":` (`},{"seq":` after the first), the seq, `,`, the head and the
 * tail. `wrapped()` makes the text of a whole answer with one `join` and no
 * string per event: a long poll answering 1,000 events used to build 1,000
 * event texts (three concatenations each) only to join them, and with
 * thousands of answers in flight the young-generation GC copied them for
 * about 40 % of a fan-out server's time; joined in one go it is half that.
 * `texts()` makes the single texts for readers that need them (a socket's
 * pump slicing its frames).
 */
export class EventSlice {
  constructor(
    private readonly parts: readonly (string | number)[],
    readonly count: number,
  ) {}

  /**
   * `before` + the events' texts joined with `,` + `after`, made by the one `join`: the answer around
   * the events is not a second long string, which writing it as UTF-8 would
   * flatten into a third (an 80 KiB answer cost three 80 KiB strings).
   */
  wrapped(before: string, after: string): string {
    if (this.count === 0) return before + after;
    const parts = this.parts as (string | number)[];
    const first = parts[0] as string;
    parts[0] = before + first;
    parts.push(`}${after}`);
    const text = parts.join('');
    parts.pop();
    parts[0] = first;
    return text;
  }

  /** Each event's text. */
  texts(): string[] {
    const { parts } = this;
    const out = new Array<string>(this.count);
    for (let i = 0, k = 0; i < this.count; i++, k += PARTS)
      out[i] = eventJson(
        parts[k + 1] as number,
        (parts[k + 3] as string) + (parts[k + 4] as string),
      );
    return out;
  }
}
