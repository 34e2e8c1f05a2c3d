import type { ConnectOptions, Connection } from './connection.js';
import { createConnection } from './create-connection.js';

/**
 * A connection to a contract-gen server at `baseUrl` (its origin plus the
 * router's base, e.g. `https://api.example.com/api`) over `fetch`. Works in
 * browsers, Node, Deno and Bun.
 *
 * ```ts
 * const chat = chatClient(connect('http://localhost:3000', { headers: () => ({ authorization: token() }) }));
 * ```
 */
export function connect(baseUrl: string, options: ConnectOptions = {}): Connection {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  // Called as a plain function: some fetch implementations refuse a `this` other than globalThis.
  return createConnection(baseUrl, (url, init) => fetchImpl(url, init), options);
}
