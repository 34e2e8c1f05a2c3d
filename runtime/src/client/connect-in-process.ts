import { compiledCodec } from '../schema/decode.js';
import type { ConnectOptions, Connection } from './connection.js';
import { createConnection, pickWebSocket } from './create-connection.js';

/** What `connectInProcess` needs of a router: `createRouter`'s result fits. */
export interface InProcessRouter {
  fetch(request: Request): Promise<Response>;
  readonly base?: string;
}

/**
 * A connection straight to `router`, without a network: every call still
 * becomes a real `Request` through `router.fetch`, so arguments and results
 * are encoded, validated and decoded exactly as over HTTP. For tests and for
 * running client and server in one process. Events go over polling (there
 * is no socket in process); `transport: 'websocket'` is a `TypeError`.
 */
export function connectInProcess(
  router: InProcessRouter,
  options: Omit<ConnectOptions, 'fetch' | 'http'> = {},
): Connection {
  const send = (url: string, init: RequestInit): Promise<Response> =>
    router.fetch(new Request(url, init));
  return createConnection(
    `http://in-process${router.base ?? ''}`,
    send,
    options,
    pickWebSocket(options, false),
    compiledCodec,
  );
}
