// What every events benchmark client does with the events its application
// callbacks get, whichever library delivered them: count them, check their
// order, and note when they arrived. The same code for contract-gen,
// socket.io and the bare loop, so all are counted alike.
//
// A measurement has two parts on one subscription: a primer (a `publish` of
// 0 ticks, so just `done(symbol, 0)`), which shows that every poll is back
// and nothing is in flight, then the burst (`count` ticks n = 1..count, then
// `done(symbol, count)`). Events of the burst are counted, and timed from
// the first to the last; the primer is not counted.
import { deadline, wallNow } from '../lib/worker-process.mjs';

/** One subscription's view of the stream. */
export class Receiver {
  constructor(group) {
    this.group = group;
    this.reset(-1);
  }

  reset(burst) {
    this.burst = burst;
    this.next = 1;
    this.count = 0;
    this.primed = false;
    this.finished = false;
    this.primedAt = 0;
    this.firstAt = 0;
    this.lastAt = 0;
    /** Called with the arrival time of each tick (latency runs). */
    this.onTick = undefined;
    /** Called once the primer arrived (single-client runs trigger the burst from here). */
    this.onPrimed = undefined;
  }

  tick(symbol, n) {
    if (this.onTick !== undefined) return this.onTick(performance.now(), n);
    if (!this.primed || this.finished) return this.group.fail(`a tick (n=${n}) outside a burst`);
    if (this.count++ === 0) this.firstAt = wallNow();
    if (n !== this.next)
      this.group.fail(`tick n=${n} where n=${this.next} was due: events lost or out of order`);
    this.next = n + 1;
  }

  done(symbol, total) {
    if (this.onTick !== undefined) return;
    const at = wallNow();
    if (!this.primed) {
      if (total !== 0) return this.group.fail(`done(${total}) before the primer`);
      this.primed = true;
      this.primedAt = at;
      this.group.primedOne();
      this.onPrimed?.();
      return;
    }
    if (this.finished) return this.group.fail(`a second done(${total})`);
    if (this.count++ === 0) this.firstAt = at;
    this.lastAt = at;
    this.finished = true;
    if (total !== this.burst || this.count !== this.burst + 1) {
      this.group.fail(`done(${total}) after ${this.count - 1} ticks; the burst was ${this.burst}`);
    }
    this.group.finishedOne();
  }
}

/** The receivers of one client process. */
export class Group {
  constructor(size) {
    this.receivers = Array.from({ length: size }, () => new Receiver(this));
    this.error = undefined;
    this.arm(-1);
  }

  /** Readies every receiver for a primer and then a burst of `burst` ticks. */
  arm(burst) {
    for (const r of this.receivers) r.reset(burst);
    this.primedCount = 0;
    this.finishedCount = 0;
    this.primedWait = undefined;
    this.finishedWait = undefined;
  }

  fail(message) {
    this.error ??= message;
    this.primedWait?.fail(new Error(message));
    this.finishedWait?.fail(new Error(message));
  }

  primedOne() {
    if (++this.primedCount === this.receivers.length) this.primedWait?.settle();
  }

  finishedOne() {
    if (++this.finishedCount === this.receivers.length) this.finishedWait?.settle();
  }

  /** Resolves once every receiver has its primer; rejects after `ms`. */
  async primed(ms) {
    this.#check();
    if (this.primedCount === this.receivers.length) return;
    this.primedWait = deadline(
      ms,
      `${this.primedCount}/${this.receivers.length} subscriptions had the primer`,
    );
    await this.primedWait.promise;
    this.#check();
  }

  /**
   * Resolves once every receiver has the burst's `done`, with `{ events,
   * primedAt, firstAt, lastAt }`: events counted in all, the earliest primer,
   * the earliest first event of the burst and the latest last event (wall
   * clock, ms). Rejects after `ms`.
   */
  async finished(ms) {
    this.#check();
    if (this.finishedCount < this.receivers.length) {
      this.finishedWait = deadline(
        ms,
        `${this.finishedCount}/${this.receivers.length} subscriptions had the whole burst`,
      );
      await this.finishedWait.promise;
    }
    this.#check();
    let events = 0;
    let primedAt = Infinity;
    let firstAt = Infinity;
    let lastAt = 0;
    for (const r of this.receivers) {
      events += r.count;
      if (r.primedAt < primedAt) primedAt = r.primedAt;
      if (r.firstAt < firstAt) firstAt = r.firstAt;
      if (r.lastAt > lastAt) lastAt = r.lastAt;
    }
    return { events, primedAt, firstAt, lastAt };
  }

  #check() {
    if (this.error !== undefined) throw new Error(this.error);
  }
}

/**
 * Latency: `samples` times, `publish()` one tick (and its done), and time
 * from just before the call to the moment the tick reaches the application
 * callback, in this process's monotonic clock; `gapMs` between samples.
 * Returns the sorted samples in ms.
 */
export async function measureLatency(receiver, publish, { samples, gapMs, timeout }) {
  const times = [];
  try {
    for (let i = 0; i < samples; i++) {
      const got = deadline(timeout, `latency sample ${i}: the tick did not arrive`);
      receiver.onTick = (at) => got.settle(at);
      const start = performance.now();
      publish().catch((error) => got.fail(error));
      const at = await got.promise;
      times.push(at - start);
      await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
  } finally {
    receiver.onTick = undefined;
  }
  return times.sort((a, b) => a - b);
}

/** The q-quantile of sorted samples (nearest rank). */
export function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
