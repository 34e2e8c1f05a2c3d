// The conformance server: `npm run conformance-server`, on any host and store
// (env ADAPTER, STORE, STORE_PATH, REDIS_URL, REDIS_PREFIX, BASE, PORT, METRICS_PORT;
// conformance/server-env.ts; host 127.0.0.1). Tests start it in-process
// with startConformanceServer.
import { pathToFileURL } from 'node:url';
import {
  createRouter,
  type EventOptions,
  type MetricsOptions,
  type TracingOptions,
} from '@contract-gen/runtime/server';
import { tickerHandlers } from './generated/ticker.server.js';
import { createTickerService } from './ticker-service.js';
import { readServerEnv, type Adapter } from './server-env.js';
import { openStore } from './open-store.js';
import type { HostServer, StartHost } from './hosts/host-server.js';
import { startNode } from './hosts/node.js';
import { startExpress } from './hosts/express.js';
import { startFastify } from './hosts/fastify.js';
import { startHono } from './hosts/hono.js';
import { startKoa } from './hosts/koa.js';
import { startOnRuntime } from './hosts/start-on-runtime.js';
import { startPrometheus } from './prometheus.js';

/** Options of `startConformanceServer`. */
export interface ConformanceServerOptions {
  /** Default 4100; 0 takes any free port. */
  readonly port?: number;
  /** Default 127.0.0.1 (loopback only). */
  readonly host?: string;
  /** Event channel options (a short ttl for expiry tests, say). */
  readonly events?: EventOptions;
  /** The framework or runtime the router is mounted in (default node). */
  readonly adapter?: Adapter;
  /** The router's base path (default ''). */
  readonly base?: string;
  /** The router's metrics and tracing (Node hosts). */
  readonly metrics?: MetricsOptions;
  readonly tracing?: TracingOptions;
}

const nodeHosts: Record<Exclude<Adapter, 'deno' | 'bun'>, StartHost> = {
  node: startNode,
  express: startExpress,
  fastify: startFastify,
  hono: startHono,
  koa: startKoa,
};

/** Starts a Ticker server with a fresh service on `options.adapter`; resolves once it listens. */
export function startConformanceServer(
  options: ConformanceServerOptions = {},
): Promise<HostServer> {
  const adapter = options.adapter ?? 'node';
  const port = options.port ?? 4100;
  const host = options.host ?? '127.0.0.1';
  const base = options.base ?? '';
  if (adapter === 'deno' || adapter === 'bun') return startOnRuntime(adapter, { port, base });
  const router = createRouter({
    services: [tickerHandlers(createTickerService())],
    base,
    ...(options.events === undefined ? {} : { events: options.events }),
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
    ...(options.tracing === undefined ? {} : { tracing: options.tracing }),
  });
  return nodeHosts[adapter](router, port, host);
}

async function main(): Promise<void> {
  let env;
  try {
    env = readServerEnv(process.env);
  } catch (error) {
    console.error(`contract-gen conformance server: ${(error as Error).message}`);
    process.exit(2);
  }
  const store = await openStore(env);
  const prometheus =
    env.metricsPort === undefined ? undefined : await startPrometheus(env.metricsPort);
  const server = await start(env.adapter, env.port, env.base, store, prometheus?.metrics);
  const metrics = prometheus === undefined ? '' : `, metrics: ${prometheus.url}`;
  console.log(
    `contract-gen conformance server listening on ${server.url} (host: ${env.adapter}, store: ${env.store}${metrics})`,
  );
  const stop = (): void =>
    void Promise.all([server.close(), prometheus?.close()]).then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function start(
  adapter: Adapter,
  port: number,
  base: string,
  store: EventOptions['store'],
  metrics: MetricsOptions | undefined,
): Promise<HostServer> {
  // readServerEnv allows only the memory store here.
  if (adapter === 'deno' || adapter === 'bun') return startOnRuntime(adapter, { port, base });
  const router = createRouter({
    services: [tickerHandlers(createTickerService())],
    base,
    ...(store === undefined ? {} : { events: { store } }),
    ...(metrics === undefined ? {} : { metrics }),
  });
  return nodeHosts[adapter](router, port, '127.0.0.1');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error('contract-gen conformance server failed to start:', error);
    process.exit(1);
  });
}
