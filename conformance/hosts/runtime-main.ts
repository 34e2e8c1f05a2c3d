// The conformance router on Deno or Bun (started by start-on-runtime.ts from
// build/apps, under that runtime): env PORT and BASE; prints its URL.
import { createRouter } from '@contract-gen/runtime/server';
import { createDenoHandler } from '@contract-gen/runtime/server/deno';
import { createBunServe, type BunServerLike } from '@contract-gen/runtime/server/bun';
import { tickerHandlers } from '../generated/ticker.server.js';
import { createTickerService } from '../ticker-service.js';
import { HELLO_PATH, hello, urlOf } from './host-server.js';

interface Runtimes {
  Deno?: {
    env: { get(name: string): string | undefined };
    serve(
      options: { port: number; hostname: string; onListen(addr: { port: number }): void },
      handler: (request: Request) => Response | Promise<Response>,
    ): unknown;
  };
  Bun?: {
    env: Record<string, string | undefined>;
    serve(options: unknown): { port: number };
  };
}

const { Deno, Bun } = globalThis as Runtimes;
const env = (name: string): string | undefined => Deno?.env.get(name) ?? Bun?.env[name];
const port = Number(env('PORT') ?? '4100');
const base = env('BASE') ?? '';
const hostname = '127.0.0.1';
const router = createRouter({ services: [tickerHandlers(createTickerService())], base });
const isHello = (request: Request): boolean => new URL(request.url).pathname === HELLO_PATH;
const announce = (runtime: string, bound: number): void =>
  console.log(`listening on ${urlOf(hostname, bound, base)} (runtime: ${runtime})`);

if (Deno !== undefined) {
  const handler = createDenoHandler(router);
  Deno.serve(
    { port, hostname, onListen: ({ port: bound }) => announce('deno', bound) },
    (request) => (isHello(request) ? new Response(hello('deno')) : handler(request)),
  );
} else if (Bun !== undefined) {
  const serve = createBunServe(router);
  const server = Bun.serve({
    port,
    hostname,
    ...serve,
    fetch: (request: Request, bunServer: BunServerLike) =>
      isHello(request) ? new Response(hello('bun')) : serve.fetch(request, bunServer),
  });
  announce('bun', server.port);
} else {
  throw new Error('runtime-main runs on Deno or Bun');
}
