import type { EndReason, QueueStats, StoreObserver } from '../stores/client-store.js';
import { METRIC, SECONDS_BUCKETS } from './metric-names.js';
import type { OtelHistogram, OtelMeter, OtelObservableResult } from './otel-types.js';
import { TimeQueue } from './time-queue.js';

/** What the event channel reports for the gauges (`EventChannel.counts`). */
export interface ChannelCounts {
  /** Clients with an open WebSocket in this process. */
  readonly sockets: number;
  /** Clients known in this process (polled, hold stand-ins) without a socket. */
  readonly polling: number;
  /** Long polls parked now. */
  readonly parked: number;
}

/**
 * The event metrics: counts kept as plain numbers (an event costs an
 * increment, no call into the SDK) and reported when the meter collects,
 * as observable counters. The delivery lag is one histogram record per
 * acknowledgement: how long the oldest event it acknowledged waited since
 * its append (append times are kept per client while queued, as runs).
 */
export class EventMetrics implements StoreObserver {
  #appended = 0;
  #delivered = 0;
  readonly #dropped = new Map<EndReason, number>();
  /** Events appended to each log by this process, by log name. */
  readonly #logAppended = new Map<string, number>();
  readonly #times = new Map<string, TimeQueue>();
  /**
   * The run of appends under way: a broadcast appends a member's events in a
   * row, so an event of the run costs two increments; the run goes to the
   * client's `TimeQueue` when another client's event comes, when the client
   * acknowledges or drops, and at the end of the task.
   */
  #runClient: string | undefined;
  #runCount = 0;
  #runTime = 0;
  readonly #lag: OtelHistogram;
  readonly #now: () => number;
  /**
   * The clock as read by the first append of the current task: a burst of
   * appends in one synchronous run reads it once (they are within that
   * run's time of each other), a lone append reads it itself.
   */
  #clock = 0;
  #clockRead = false;
  readonly #clockStale = (): void => {
    this.#clockRead = false;
    this.#endRun();
  };

  constructor(
    meter: OtelMeter,
    counts: () => ChannelCounts,
    stats: (() => QueueStats) | undefined,
    now: () => number = Date.now,
  ) {
    this.#now = now;
    this.#lag = meter.createHistogram(METRIC.deliveryLag, {
      description:
        'Per acknowledgement: time from the append of the oldest event it acknowledged to the acknowledgement',
      unit: 's',
      advice: { explicitBucketBoundaries: SECONDS_BUCKETS },
    });
    const observe = (
      name: string,
      description: string,
      unit: string,
      kind: 'gauge' | 'counter',
      callback: (result: OtelObservableResult) => void,
    ): void => {
      const options = { description, unit };
      const instrument =
        kind === 'gauge'
          ? meter.createObservableGauge(name, options)
          : meter.createObservableCounter(name, options);
      instrument.addCallback(callback);
    };
    observe(METRIC.appended, 'Events appended to client queues', '{event}', 'counter', (r) =>
      r.observe(this.#appended),
    );
    observe(METRIC.delivered, 'Events acknowledged by their client', '{event}', 'counter', (r) =>
      r.observe(this.#delivered),
    );
    observe(METRIC.dropped, 'Events dropped unacknowledged', '{event}', 'counter', (r) => {
      for (const [reason, count] of this.#dropped) r.observe(count, { reason });
    });
    observe(
      METRIC.logAppended,
      'Events appended to logs by this process',
      '{event}',
      'counter',
      (r) => {
        for (const [log, count] of this.#logAppended) r.observe(count, { log });
      },
    );
    observe(METRIC.clients, 'Clients served by this process', '{client}', 'gauge', (r) => {
      const { sockets, polling } = counts();
      r.observe(sockets, { transport: 'websocket' });
      r.observe(polling, { transport: 'long-poll' });
    });
    observe(METRIC.parkedPolls, 'Long polls parked', '{poll}', 'gauge', (r) =>
      r.observe(counts().parked),
    );
    if (stats !== undefined) {
      observe(
        METRIC.queueDepth,
        'Unacknowledged events held by the store',
        '{event}',
        'gauge',
        (r) => r.observe(stats().events),
      );
      observe(METRIC.queueBytes, 'Bytes of unacknowledged events held', 'By', 'gauge', (r) =>
        r.observe(stats().bytes),
      );
    }
  }

  appended(client: string): void {
    this.#appended++;
    if (client === this.#runClient) {
      this.#runCount++;
      return;
    }
    this.#endRun();
    if (!this.#clockRead) {
      this.#clock = this.#now();
      this.#clockRead = true;
      queueMicrotask(this.#clockStale);
    }
    this.#runClient = client;
    this.#runCount = 1;
    this.#runTime = this.#clock;
  }

  /** Hands the run under way to its client's `TimeQueue`. */
  #endRun(): void {
    const client = this.#runClient;
    if (client === undefined) return;
    let queue = this.#times.get(client);
    if (queue === undefined) this.#times.set(client, (queue = new TimeQueue()));
    queue.push(this.#runTime, this.#runCount);
    this.#runClient = undefined;
    this.#runCount = 0;
  }

  acknowledged(client: string, count: number): void {
    this.#delivered += count;
    if (client === this.#runClient) this.#endRun();
    const queue = this.#times.get(client);
    if (queue === undefined) return;
    const oldest = queue.shift(count);
    if (oldest >= 0) this.#lag.record((this.#now() - oldest) / 1000);
    if (queue.size === 0) this.#forget(client);
  }

  dropped(client: string, count: number, reason: EndReason): void {
    this.#dropped.set(reason, (this.#dropped.get(reason) ?? 0) + count);
    if (client === this.#runClient) this.#endRun();
    const queue = this.#times.get(client);
    if (queue === undefined) return;
    queue.shift(count);
    if (queue.size === 0) this.#forget(client);
  }

  /** One event was appended to `log` (stored once, whatever its followers). */
  logAppended(log: string): void {
    this.#logAppended.set(log, (this.#logAppended.get(log) ?? 0) + 1);
  }

  #forget(client: string): void {
    this.#times.delete(client);
  }
}
