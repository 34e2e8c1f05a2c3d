import type { GapReason, WireGap } from '../../../protocol/messages.js';
import { EventSizes } from '../event-sizes.js';

/** A client's row in `cg_clients`. */
export interface ClientRow {
  readonly n: number;
  readonly id: string;
  readonly last_seen: number;
  readonly seq: number;
  readonly head: number;
  readonly gap_from: number;
  readonly gap_to: number;
  /** The principal that opened it (`ClientStore.open`); NULL without one. */
  readonly owner: string | null;
  /** Why the gap's events are gone (`overflow` when NULL: files written before `lost` existed). */
  readonly gap_reason?: string | null;
}

/**
 * What the SQLite store keeps in memory for one live client: its row (the
 * queue's bounds and gap) and its callback ids. Events themselves stay in
 * the database. The queue holds exactly the seqs `head + 1 .. seq`: acks and
 * drops both remove from the head, appends add at the tail.
 */
export class SqliteClient {
  /** The last seq assigned (0 before the first event). */
  seq: number;
  /** Every seq <= head is acknowledged or dropped. */
  head: number;
  /** Dropped unacknowledged seqs `gapFrom`..`gapTo`; 0 when none. */
  gapFrom: number;
  gapTo: number;
  gapReason: GapReason;
  lastSeen: number;
  /** The head last written: the next commit deletes events up to `head`. */
  storedHead: number;
  /** Appends not yet committed (a read commits them first: only stored events are ever served). */
  uncommitted = 0;
  /** Set once the client ended: queued writes of its row are skipped. */
  ended = false;
  readonly owner: string | undefined;
  /**
   * The last seq the file held when this store loaded the client (a client
   * opened since: Infinity). Events after it were appended by this run.
   */
  loadedSeq = Infinity;
  /** The text lengths of the events `head + 1 .. seq` (for `maxQueueBytes`). */
  readonly sizes = new EventSizes();
  /** Topics each callback is a member of (`TopicMembers`' index). */
  readonly topics = new Map<number, Set<string>>();
  /**
   * Release notices in the queue, by callback: their seqs. Until acknowledged,
   * a read marks one `stale` when its callback was registered again since.
   */
  readonly notices = new Map<number, number>();

  constructor(
    readonly n: number,
    readonly id: string,
    readonly callbacks: Set<number>,
    row: Omit<ClientRow, 'n' | 'id'>,
  ) {
    this.lastSeen = row.last_seen;
    this.seq = row.seq;
    this.head = this.storedHead = row.head;
    this.gapFrom = row.gap_from;
    this.gapTo = row.gap_to;
    this.gapReason = row.gap_reason ?? 'overflow';
    this.owner = row.owner ?? undefined;
  }

  /** Unacknowledged events held. */
  get size(): number {
    return this.seq - this.head;
  }

  /** Forgets the oldest event for the bound and records it in the gap. */
  dropOldest(): void {
    const dropped = ++this.head;
    this.sizes.shift(1);
    if (this.gapTo === 0) this.gapFrom = dropped;
    this.gapTo = dropped;
    this.gapReason = 'overflow';
  }

  /**
   * The client acknowledges `after`, beyond the last seq assigned: the file
   * lost commits it had seen (a power cut under synchronous=NORMAL). Every
   * queued event is at or below `after`; seq `after + 1` becomes the `lost`
   * gap and the next event follows it.
   */
  skipTo(after: number): void {
    this.seq = this.head = after + 1;
    this.sizes.clear();
    this.gapFrom = this.gapTo = after + 1;
    this.gapReason = 'lost';
  }

  /** Acknowledges every seq <= `after` and returns the gap as the client must see it then. */
  ack(after: number): WireGap | undefined {
    if (after > this.head) {
      this.sizes.shift(after - this.head);
      this.head = after;
    }
    if (this.gapTo === 0) return undefined;
    if (after >= this.gapTo) {
      this.gapFrom = this.gapTo = 0;
      return undefined;
    }
    if (after >= this.gapFrom) this.gapFrom = after + 1;
    const count = this.gapReason === 'lost' ? 0 : this.gapTo - this.gapFrom + 1;
    return { from: this.gapFrom, to: this.gapTo, count, reason: this.gapReason };
  }
}
