// The project: the conformance Ticker (subscribe, publish) served by
// contract-gen's generated server on node:http, from the built package and
// the compiled generated code. `publish(symbol, count)` queues `count` ticks
// and a `done` for every subscription and returns; clients long-poll
// `GET /_events`.
//
// One change from the defaults: the per-client queue bounds (`maxQueue`,
// default 10,000, and `maxQueueBytes`, default 8 MiB) are raised to
// 1,000,000 events and 1 GiB so that one large burst to one client fits in
// its queue (socket.io's buffers have no bound at all).
// Everything else (events per answer, waits, ttl) is default.
//
// With the argument `metrics` (the observe suite), the router keeps its
// metrics in an OpenTelemetry MeterProvider read by the Prometheus
// exporter, as docs/operations.md sets it up (not scraped during the run).
import { createServer } from '@contract-gen/runtime/server/node';
import { tickerHandlers } from '../../build/apps/conformance/generated/ticker.server.js';
import { createTickerService } from '../../build/apps/conformance/ticker-service.js';

const server = await createServer({
  services: [tickerHandlers(createTickerService())],
  events: { maxQueue: 1_000_000, maxQueueBytes: 2 ** 30 },
  onError: () => {},
  ...(process.argv[2] === 'metrics' ? { metrics: await prometheusMetrics() } : {}),
}).listen(0, '127.0.0.1');
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);

// End on SIGTERM/SIGINT through process.exit (so --cpu-prof can write its
// profile), and with the suite: a server whose parent went away ends itself.
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => process.exit(0));
const parent = process.ppid;
setInterval(() => process.ppid !== parent && process.exit(0), 1_000).unref();

async function prometheusMetrics() {
  const { MeterProvider } = await import('@opentelemetry/sdk-metrics');
  const { PrometheusExporter } = await import('@opentelemetry/exporter-prometheus');
  const provider = new MeterProvider({
    readers: [new PrometheusExporter({ preventServerStart: true })],
  });
  return { meter: provider.getMeter('bench') };
}
