// The conformance server: `npm run conformance-server` (PORT env, default
// 4100; host 127.0.0.1). Tests start it in-process with startConformanceServer.
import { pathToFileURL } from 'node:url';
import { type EventOptions } from '@contract-gen/runtime/server';
import { createServer, type ListeningServer } from '@contract-gen/runtime/server/node';
import { tickerHandlers } from './generated/ticker.server.js';
import { createTickerService } from './ticker-service.js';

/** Options of `startConformanceServer`. */
export interface ConformanceServerOptions {
  /** Default 4100; 0 takes any free port. */
  readonly port?: number;
  /** Default 127.0.0.1 (loopback only). */
  readonly host?: string;
  /** Event channel options (a short ttl for expiry tests, say). */
  readonly events?: EventOptions;
}

/** Starts a Ticker server with a fresh service; resolves once it listens. */
export function startConformanceServer(
  options: ConformanceServerOptions = {},
): Promise<ListeningServer> {
  const server = createServer({
    services: [tickerHandlers(createTickerService())],
    ...(options.events === undefined ? {} : { events: options.events }),
  });
  return server.listen(options.port ?? 4100, options.host ?? '127.0.0.1');
}

async function main(): Promise<void> {
  const port = process.env['PORT'] === undefined ? 4100 : Number(process.env['PORT']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(
      `contract-gen conformance server: PORT must be a port number, not ${JSON.stringify(process.env['PORT'])}`,
    );
    process.exit(2);
  }
  const server = await startConformanceServer({ port });
  console.log(`contract-gen conformance server listening on ${server.url}`);
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error('contract-gen conformance server failed to start:', error);
    process.exit(1);
  });
}
