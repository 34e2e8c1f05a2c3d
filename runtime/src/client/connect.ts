import { compiledCodec } from '../schema/decode.js';
import type { ConnectOptions, Connection } from './connection.js';
import { createConnection, pickWebSocket } from './create-connection.js';
import { otherServerOptions } from './connect-options.js';
import type { Send } from './exchange.js';
import { fetchSend } from './fetch-send.js';
import { checkHttpModule, nodeHttpSend } from './node-http-send.js';

/**
 * A connection to a contract-gen server at `baseUrl` (its origin plus the
 * router's base, e.g. `https://api.example.com/api`): over WebSocket where
 * the runtime has one (or `options.WebSocket` is given), else over `fetch`
 * with long polling; see `ConnectOptions.transport`. Works in browsers,
 * Node, Deno and Bun. Throws a `TypeError` when `transport: 'websocket'` is
 * asked for and there is no WebSocket, and for an `http` module of the
 * other scheme than the URL's. Bundlers building for the browser get
 * connect-browser.ts instead, the same without `http`.
 *
 * ```ts
 * const chat = chatClient(connect('http://localhost:3000', { headers: () => ({ authorization: token() }) }));
 * // Node 20: import { WebSocket } from 'ws'; import * as http from 'node:http'; connect(url, { WebSocket, http })
 * ```
 */
export function connect(baseUrl: string, options: ConnectOptions = {}): Connection {
  return createConnection(
    baseUrl,
    pickSend(baseUrl, options),
    options,
    pickWebSocket(options, true),
    compiledCodec,
    (url) => connect(url, otherServerOptions(options)),
  );
}

/** `options.http` through a keep-alive agent, else `options.fetch`, else the global `fetch`. */
function pickSend(baseUrl: string, options: ConnectOptions): Send {
  const { http } = options;
  if (http !== undefined) {
    if (options.fetch !== undefined)
      throw new TypeError('contract-gen: connect() takes either fetch or http, not both.');
    checkHttpModule(http, baseUrl);
    return nodeHttpSend(http);
  }
  return fetchSend(options.fetch);
}
