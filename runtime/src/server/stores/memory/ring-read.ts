import type { WireGap } from '../../../protocol/messages.js';
import { ReadResult } from '../read-result.js';
import type { EventSlice } from './event-ring.js';

/**
 * A live read from a client's ring (see `EventSlice`): an answer or a
 * socket's frame is made from the slice's pieces in one `join` (`wrap`), and
 * the single texts only if `events` is read (by a pump that must slice its
 * frame). A subclass rather than accessors defined on each result, which
 * cost more than the texts they spared.
 */
export class RingRead extends ReadResult {
  readonly #slice: EventSlice;
  #texts: readonly string[] | undefined = undefined;

  constructor(slice: EventSlice, gap: WireGap | undefined) {
    super('live', gap);
    this.#slice = slice;
  }

  override get events(): readonly string[] {
    return (this.#texts ??= this.#slice.texts());
  }

  override get count(): number {
    return this.#slice.count;
  }

  override wrap(before: string, after: string): string {
    return this.#slice.wrapped(before, after);
  }
}
