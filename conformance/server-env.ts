// The environment of `npm run conformance-server`, read and checked: a bad
// value is an error that names the variable, what it got and what it takes.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The hosts the conformance server runs on (`ADAPTER`). */
export const adapters = ['node', 'express', 'fastify', 'hono', 'koa', 'deno', 'bun'] as const;
export type Adapter = (typeof adapters)[number];

/** The event stores it keeps clients in (`STORE`). */
export const stores = ['memory', 'sqlite', 'redis'] as const;
export type StoreKind = (typeof stores)[number];

/** Where the conformance server runs: host, store, base, port. */
export interface ServerEnv {
  readonly adapter: Adapter;
  readonly store: StoreKind;
  /** SQLite file (`STORE_PATH`; default a file in the temp folder). */
  readonly storePath: string;
  /** `REDIS_URL` (default redis://127.0.0.1:6379) and `REDIS_PREFIX`. */
  readonly redisUrl: string;
  readonly redisPrefix: string | undefined;
  /** `BASE`: '' or a path such as `/api`. */
  readonly base: string;
  readonly port: number;
  /** `METRICS_PORT`: serve the router's metrics for Prometheus at `http://127.0.0.1:<port>/metrics` (default off). */
  readonly metricsPort: number | undefined;
}

/** Reads `env`; throws an Error whose message is the hint to print (exit 2). */
export function readServerEnv(env: Record<string, string | undefined>): ServerEnv {
  const adapter = pick('ADAPTER', env['ADAPTER'] ?? 'node', adapters);
  const store = pick('STORE', env['STORE'] ?? 'memory', stores);
  if ((adapter === 'deno' || adapter === 'bun') && store !== 'memory')
    throw new Error(
      `ADAPTER=${adapter} runs with STORE=memory only (the SQLite and Redis stores use Node drivers), not STORE=${store}`,
    );
  const port = env['PORT'] === undefined ? 4100 : Number(env['PORT']);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number (0..65535), not ${JSON.stringify(env['PORT'])}`);
  const metricsPort = env['METRICS_PORT'] === undefined ? undefined : Number(env['METRICS_PORT']);
  if (
    metricsPort !== undefined &&
    !(Number.isInteger(metricsPort) && metricsPort > 0 && metricsPort <= 65535)
  )
    throw new Error(
      `METRICS_PORT must be a port number (1..65535), not ${JSON.stringify(env['METRICS_PORT'])}`,
    );
  if (metricsPort !== undefined && (adapter === 'deno' || adapter === 'bun'))
    throw new Error(`METRICS_PORT works with the Node hosts, not ADAPTER=${adapter}`);
  const base = env['BASE'] ?? '';
  if (base !== '' && !/^\/[A-Za-z0-9._~\-/]*[^/]$/.test(base))
    throw new Error(
      `BASE must be empty or a path starting with '/' and not ending with one (BASE=/api), not ${JSON.stringify(base)}`,
    );
  return {
    adapter,
    store,
    storePath:
      env['STORE_PATH'] ?? join(tmpdir(), `contract-gen-conformance-${process.pid}.sqlite`),
    redisUrl: env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    redisPrefix: env['REDIS_PREFIX'],
    base,
    port,
    metricsPort,
  };
}

function pick<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((item) => item === value);
  if (found === undefined)
    throw new Error(
      `${name} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)} (e.g. ${name}=${allowed[1] ?? allowed[0]} npm run conformance-server)`,
    );
  return found;
}
