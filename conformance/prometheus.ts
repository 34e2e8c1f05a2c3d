// The conformance server's metrics (METRICS_PORT): an OpenTelemetry
// MeterProvider read by the Prometheus exporter, as docs/operations.md sets it up.
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import type { MetricsOptions } from '@contract-gen/runtime/server';

/** A Prometheus endpoint at `http://127.0.0.1:<port>/metrics` and the router's `metrics` option feeding it. */
export interface PrometheusMetrics {
  readonly metrics: MetricsOptions;
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the exporter's own HTTP server on `port` (loopback); resolves once it listens. */
export async function startPrometheus(port: number): Promise<PrometheusMetrics> {
  const exporter = new PrometheusExporter({ port, host: '127.0.0.1', preventServerStart: true });
  await exporter.startServer();
  const provider = new MeterProvider({ readers: [exporter] });
  return {
    metrics: { meter: provider.getMeter('contract-gen-conformance') },
    url: `http://127.0.0.1:${port}/metrics`,
    close: () => provider.shutdown(),
  };
}
