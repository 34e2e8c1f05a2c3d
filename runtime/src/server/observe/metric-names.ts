/**
 * The router's metric names (docs/operations.md lists them with their
 * attributes; Prometheus spells them with `_` and a unit or `_total` suffix).
 */
export const METRIC = {
  clients: 'contract_gen.clients',
  parkedPolls: 'contract_gen.polls.parked',
  queueDepth: 'contract_gen.queue.depth',
  queueBytes: 'contract_gen.queue.bytes',
  appended: 'contract_gen.events.appended',
  delivered: 'contract_gen.events.delivered',
  dropped: 'contract_gen.events.dropped',
  logAppended: 'contract_gen.log.appended',
  deliveryLag: 'contract_gen.events.delivery_lag',
  calls: 'contract_gen.calls',
  callDuration: 'contract_gen.call.duration',
} as const;

/** Histogram buckets in seconds, from 0.5 ms to 30 s. */
export const SECONDS_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
];
