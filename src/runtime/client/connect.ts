import type { ConnectOptions, Connection } from './connection.js';
import { createConnection, pickWebSocket } from './create-connection.js';

/**
 * A connection to a contract-gen server at `baseUrl` (its origin plus the
 * router's base, e.g. `https://api.example.com/api`): over WebSocket where
 * the runtime has one (or `options.WebSocket` is given), else over `fetch`
 * with long polling; see `ConnectOptions.transport`. Works in browsers,
 * Node, Deno and Bun. Throws a `TypeError` when `transport: 'websocket'` is
 * asked for and there is no WebSocket.
 *
 * ```ts
 * const chat = chatClient(connect('http://localhost:3000', { headers: () => ({ authorization: token() }) }));
 * // Node 20: import { WebSocket } from 'ws'; connect(url, { WebSocket })
 * ```
 */
export function connect(baseUrl: string, options: ConnectOptions = {}): Connection {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  // Called as a plain function: some fetch implementations refuse a `this` other than globalThis.
  return createConnection(baseUrl, (url, init) => fetchImpl(url, init), options, pickWebSocket(options, true));
}
