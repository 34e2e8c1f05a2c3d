import type { OtelMeter, OtelTracer } from './otel-types.js';

/**
 * `createRouter({ metrics })`: the router's metrics through an
 * OpenTelemetry `Meter` the app passes (`metrics.getMeter('chat')` of
 * `@opentelemetry/api`, with an SDK installed). docs/operations.md lists them.
 * Absent: no metric is kept and nothing is counted.
 */
export interface MetricsOptions {
  readonly meter: OtelMeter;
}

/**
 * `createRouter({ tracing })`: spans through an OpenTelemetry `Tracer` the
 * app passes (`trace.getTracer('chat')`): one per call, and per event one
 * when it is published and one when it is delivered, linked through the
 * `trace` member the event carries (docs/protocol.md). Absent: no span, and
 * events carry no `trace`.
 */
export interface TracingOptions {
  readonly tracer: OtelTracer;
}

/**
 * `createRouter({ probes })`: `GET {base}/_health` and `GET {base}/_ready`
 * for load balancers and orchestrators (docs/operations.md). On by default;
 * `false` turns both off.
 */
export interface ProbeOptions {
  /** How long `_ready` waits for the store's `ping` before it answers not ready. Default 2,000 ms. */
  readonly storeTimeout?: number;
}
