/** A member of a `PeriodicGroup`: ticked every `every` ms while it is in the group. */
export interface PeriodicMember {
  tick(now: number): void;
}

/**
 * Many members ticked on the same period, on one timer. A timer per member
 * (a `setInterval` per open WebSocket, say) costs every idle connection a
 * `Timeout` and a closure, about 250 bytes; here a member costs one `Map`
 * entry. Members share a period, so the order they were (re)scheduled in is
 * the order they fall due: the timer waits for the first one only, and each
 * tick looks at no member that is not due. Due times are rounded up to a
 * slice of the period (at most 250 ms), so members that joined close
 * together are ticked together: a tick is never early, and at most that
 * much late.
 */
export class PeriodicGroup<T extends PeriodicMember> {
  /** Member → when it falls due (ms since `#origin`, so a small integer), in due order. */
  readonly #due = new Map<T, number>();
  readonly #origin = Date.now();
  readonly #slice: number;
  #timer: ReturnType<typeof setTimeout> | undefined = undefined;
  /** When the armed timer fires (relative, like the due times). */
  #armedFor = 0;

  constructor(
    readonly every: number,
    /** Told when the group has no member left, so its owner may forget it. */
    private readonly emptied?: () => void,
  ) {
    this.#slice = Math.max(1, Math.min(250, Math.floor(every / 16)));
  }

  get size(): number {
    return this.#due.size;
  }

  /** Ticks `member` every `every` ms from now on (added again: from now on). */
  add(member: T): void {
    this.#due.delete(member);
    this.#due.set(member, this.#dueFrom(Date.now()));
    this.#arm();
  }

  delete(member: T): void {
    if (!this.#due.delete(member) || this.#due.size > 0) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.emptied?.();
  }

  #dueFrom(now: number): number {
    const due = now - this.#origin + this.every;
    return Math.ceil(due / this.#slice) * this.#slice;
  }

  /** Arms the timer for the first member, unless it is armed for then already. */
  #arm(): void {
    const first = this.#due.values().next();
    if (first.done === true) return;
    if (this.#timer !== undefined && this.#armedFor <= first.value) return;
    clearTimeout(this.#timer);
    this.#armedFor = first.value;
    this.#timer = setTimeout(
      () => this.#fire(),
      Math.max(0, first.value - (Date.now() - this.#origin)),
    );
    (this.#timer as { unref?: () => void }).unref?.();
  }

  #fire(): void {
    this.#timer = undefined;
    const now = Date.now();
    const at = now - this.#origin;
    const next = this.#dueFrom(now);
    // Rescheduled members go to the end with a later due time, so the loop stops before reaching them again.
    for (const [member, due] of this.#due) {
      if (due > at) break;
      this.#due.delete(member);
      this.#due.set(member, next);
      try {
        member.tick(now);
      } catch {
        // A member's failure must not stop the others' ticks; members report their own faults.
      }
    }
    this.#arm();
  }
}

/** `PeriodicGroup`s by period, made on first use and forgotten when they empty. */
export class PeriodicGroups<T extends PeriodicMember> {
  readonly #groups = new Map<number, PeriodicGroup<T>>();

  /** The group ticking every `every` ms. */
  for(every: number): PeriodicGroup<T> {
    let group = this.#groups.get(every);
    if (group === undefined) {
      const made = new PeriodicGroup<T>(
        every,
        () => this.#groups.get(every) === made && this.#groups.delete(every),
      );
      this.#groups.set(every, (group = made));
    }
    return group;
  }
}
