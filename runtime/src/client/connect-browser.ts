import { walkCodec } from '../schema/walk-codec.js';
import type { ConnectOptions, Connection } from './connection.js';
import { createConnection, pickWebSocket } from './create-connection.js';
import { otherServerOptions } from './connect-options.js';
import { fetchSend } from './fetch-send.js';
import { say } from '../messages.js';

/**
 * `connect` as browsers get it: `@contract-gen/runtime/client` under the
 * `browser` export condition, which bundlers use when they build for the
 * browser. The same connection over `fetch` and WebSocket, without the
 * node:http sender of the `http` option (only Node has node:http) and
 * without the compiled decoders and encoders (values are walked, with the
 * same results), so a page's bundle does not carry them. Throws a `TypeError` when `http` is
 * given anyway, rather than ignore it.
 */
export function connect(baseUrl: string, options: ConnectOptions = {}): Connection {
  if (options.http !== undefined) throw new TypeError(say('http-in-browser'));
  return createConnection(
    baseUrl,
    fetchSend(options.fetch),
    options,
    pickWebSocket(options, true),
    walkCodec,
    (url) => connect(url, otherServerOptions(options)),
  );
}
