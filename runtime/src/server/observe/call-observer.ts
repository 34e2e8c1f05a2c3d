import type { CallOutput } from '../call-input.js';
import type { CallRecord } from './call-record.js';
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

/** Who made a call: for the `onCall` record. */
export interface Caller {
  readonly client: string | undefined;
  readonly principal: string;
}

/**
 * Counts and times calls (`contract_gen.calls`, `contract_gen.call.duration`,
 * by service, method, transport and status), makes each call's span, the
 * active span while its handler runs (events it publishes are its children),
 * and hands `onCall` a record of each.
 */
export class CallObserver {
  readonly #calls: OtelCounter | undefined;
  readonly #duration: OtelHistogram | undefined;
  readonly #tracer: OtelTracer | undefined;
  readonly #onCall: ((record: CallRecord) => void) | undefined;
  readonly #fault: (error: unknown) => void;

  constructor(
    metrics: MetricsOptions | undefined,
    tracing: TracingOptions | undefined,
    onCall: ((record: CallRecord) => void) | undefined,
    /** Told what `onCall` throws. */
    fault: (error: unknown) => void,
  ) {
    this.#onCall = onCall;
    this.#fault = fault;
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
    caller: Caller,
    run: () => Promise<CallOutput>,
  ): Promise<CallOutput> {
    const tracer = this.#tracer;
    if (tracer === undefined) return this.#timed(service, method, transport, caller, run);
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
        this.#timed(service, method, transport, caller, run).then((output) => {
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
    caller: Caller,
    run: () => Promise<CallOutput>,
  ): Promise<CallOutput> {
    if (this.#calls === undefined && this.#onCall === undefined) return run();
    const start = performance.now();
    const output = await run();
    const { status } = output;
    const elapsed = performance.now() - start;
    if (this.#calls !== undefined) {
      const attributes: OtelAttributes = { service, method, transport, status };
      this.#calls.add(1, attributes);
      (this.#duration as OtelHistogram).record(elapsed / 1000, attributes);
    }
    if (this.#onCall !== undefined) {
      const { client, principal } = caller;
      const record: CallRecord = {
        service,
        method,
        transport,
        status,
        durationMs: elapsed,
        principal,
      };
      try {
        this.#onCall(client === undefined ? record : { ...record, client });
      } catch (error) {
        this.#fault(error);
      }
    }
    return output;
  }
}
