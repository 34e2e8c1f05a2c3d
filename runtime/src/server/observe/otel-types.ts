/**
 * The parts of the OpenTelemetry API (`@opentelemetry/api`) the router
 * uses, as plain types: the runtime imports nothing, the app passes its own
 * `Meter` and `Tracer` (`metrics: { meter }`, `tracing: { tracer }`), which
 * fit these shapes.
 */

/** Attribute values the router sets: strings and numbers. */
export type OtelAttributes = Record<string, string | number>;

export interface OtelCounter {
  add(value: number, attributes?: OtelAttributes): void;
}

export interface OtelHistogram {
  record(value: number, attributes?: OtelAttributes): void;
}

export interface OtelObservableResult {
  observe(value: number, attributes?: OtelAttributes): void;
}

export interface OtelObservable {
  addCallback(callback: (result: OtelObservableResult) => void): void;
  removeCallback(callback: (result: OtelObservableResult) => void): void;
}

export interface OtelInstrumentOptions {
  readonly description?: string;
  readonly unit?: string;
  readonly advice?: { readonly explicitBucketBoundaries?: number[] };
}

/** `Meter` of `@opentelemetry/api` (`metrics.getMeter('my-app')`). */
export interface OtelMeter {
  createCounter(name: string, options?: OtelInstrumentOptions): OtelCounter;
  createHistogram(name: string, options?: OtelInstrumentOptions): OtelHistogram;
  createObservableGauge(name: string, options?: OtelInstrumentOptions): OtelObservable;
  createObservableCounter(name: string, options?: OtelInstrumentOptions): OtelObservable;
}

/** A span's identity (W3C trace context). */
export interface OtelSpanContext {
  traceId: string;
  spanId: string;
  traceFlags: number;
  isRemote?: boolean;
}

export interface OtelSpan {
  spanContext(): OtelSpanContext;
  setAttribute(key: string, value: string | number): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  end(): void;
}

/** `SpanKind` of the API (its numbers). */
export const SPAN_KIND = { server: 1, producer: 3, consumer: 4 } as const;

/** `SpanStatusCode.ERROR` of the API. */
export const SPAN_ERROR = 2;

export interface OtelSpanOptions {
  kind?: number;
  attributes?: OtelAttributes;
  links?: { context: OtelSpanContext }[];
}

/** `Tracer` of `@opentelemetry/api` (`trace.getTracer('my-app')`). */
export interface OtelTracer {
  startSpan(name: string, options?: OtelSpanOptions): OtelSpan;
  startActiveSpan<F extends (span: OtelSpan) => unknown>(
    name: string,
    options: OtelSpanOptions,
    fn: F,
  ): ReturnType<F>;
}
