import type { CallOutput } from '../call-input.js';
import { METRIC, SECONDS_BUCKETS } from './metric-names.js';
import type { MetricsOptions, TracingOptions } from './observe-options.js';
import {
  SPAN_ERROR,
  SPAN_KIND,
  type OtelAttributes,
  type OtelCounter,
  type OtelHistogram,
  type OtelSpan,
  type OtelTracer,
} from './otel-types.js';

/** How a call arrived. */
export type CallTransport = 'http' | 'websocket';

/**
 * Counts and times calls (`contract_gen.calls`, `contract_gen.call.duration`,
 * by service, method, transport and status) and makes each call's span, the
 * active span while its handler runs (events it publishes are its children).
 */
export class CallObserver {
  readonly #calls: OtelCounter | undefined;
  readonly #duration: OtelHistogram | undefined;
  readonly #tracer: OtelTracer | undefined;

  constructor(metrics: MetricsOptions | undefined, tracing: TracingOptions | undefined) {
    if (metrics !== undefined) {
      this.#calls = metrics.meter.createCounter(METRIC.calls, {
        description: 'Calls answered, by service, method, transport and status',
        unit: '{call}',
      });
      this.#duration = metrics.meter.createHistogram(METRIC.callDuration, {
        description: 'Time from routing a call to its answer',
        unit: 's',
        advice: { explicitBucketBoundaries: SECONDS_BUCKETS },
      });
    }
    this.#tracer = tracing?.tracer;
  }

  /** Runs the call `run` (which never rejects) observed. */
  call(
    service: string,
    method: string,
    transport: CallTransport,
    run: () => Promise<CallOutput>,
  ): Promise<CallOutput> {
    const tracer = this.#tracer;
    if (tracer === undefined) return this.#timed(service, method, transport, run);
    const attributes = {
      'rpc.system': 'contract-gen',
      'rpc.service': service,
      'rpc.method': method,
      'contract_gen.transport': transport,
    };
    return tracer.startActiveSpan(
      `${service}/${method}`,
      { kind: SPAN_KIND.server, attributes },
      (span: OtelSpan) =>
        this.#timed(service, method, transport, run).then((output) => {
          span.setAttribute('http.response.status_code', output.status);
          if (output.status >= 500) span.setStatus({ code: SPAN_ERROR });
          span.end();
          return output;
        }),
    );
  }

  async #timed(
    service: string,
    method: string,
    transport: CallTransport,
    run: () => Promise<CallOutput>,
  ): Promise<CallOutput> {
    if (this.#calls === undefined) return run();
    const start = performance.now();
    const output = await run();
    const attributes: OtelAttributes = { service, method, transport, status: output.status };
    this.#calls.add(1, attributes);
    (this.#duration as OtelHistogram).record((performance.now() - start) / 1000, attributes);
    return output;
  }
}
