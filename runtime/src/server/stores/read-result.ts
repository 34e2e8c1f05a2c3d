import type { ClientEndReason, WireGap } from '../../protocol/messages.js';

/** No events: shared by every read that finds none. */
const NO_TEXTS: readonly string[] = Object.freeze([]);

/**
 * What `ClientStore.read` finds, one shape from every store: the client's
 * status, and for a live client its events, each as its JSON text
 * (`{"seq":7,"cb":3,"method":"tick","args":[...]}`, in seq order), and its
 * gap. A store makes one with `ReadResult.live(texts, gap)` or
 * `ReadResult.ended(reason)`; a store that can answer without making a text
 * per event (the memory store) extends it and makes `events` on first use.
 *
 * Readers take the answer through `wrap` (a long poll's body, a socket's
 * frame) and the size through `count`, so a store's lazy texts stay unmade.
 */
export class ReadResult {
  /** The live read with no event and no gap, what most reads of an idle client find: made once. */
  static readonly #empty = ReadResult.#shared('live');
  static readonly #ended = new Map<ClientEndReason, ReadResult>();

  /** A live client's read: `events` (JSON texts, in seq order) and the gap, if any. */
  static live(events: readonly string[], gap?: WireGap): ReadResult {
    return events.length === 0 && gap === undefined
      ? ReadResult.#empty
      : new ReadResult('live', gap, events);
  }

  /** What `read` finds for a client that is not live: why (one shared result per reason). */
  static ended(reason: ClientEndReason): ReadResult {
    let result = ReadResult.#ended.get(reason);
    if (result === undefined) ReadResult.#ended.set(reason, (result = ReadResult.#shared(reason)));
    return result;
  }

  /** A result without events or gap, frozen: one instance serves every read that finds it. */
  static #shared(status: 'live' | ClientEndReason): ReadResult {
    const result = new ReadResult(status, undefined);
    Object.freeze(result);
    return result;
  }

  readonly #events: readonly string[];

  protected constructor(
    /** `live`, or why the client is no longer served (then there are no events). */
    readonly status: 'live' | ClientEndReason,
    /** Dropped, unacknowledged events, until the client acknowledges past them. */
    readonly gap: WireGap | undefined,
    events: readonly string[] = NO_TEXTS,
  ) {
    this.#events = events;
  }

  /** Each event's JSON text, in seq order; none when the client is not live. */
  get events(): readonly string[] {
    return this.#events;
  }

  /** How many events were read (`events.length`, without making `events`). */
  get count(): number {
    return this.#events.length;
  }

  /**
   * `before` + the events' texts joined with `,` + `after`: what an answer's
   * `"events":[...]` or a socket's frame holds, made in one piece (a long
   * answer is then not copied again to be written).
   */
  wrap(before: string, after: string): string {
    return `${before}${this.#events.join(',')}${after}`;
  }

  /** The result as plain data, `{ status, events, gap }` (no `gap` when there is none): how it prints and compares. */
  toJSON(): {
    readonly status: 'live' | ClientEndReason;
    readonly events: readonly string[];
    readonly gap?: WireGap;
  } {
    const { status, events, gap } = this;
    return gap === undefined ? { status, events } : { status, events, gap };
  }
}
