import { createRequire } from 'node:module';
import type * as Ws from 'ws';

let loaded: typeof Ws | null | undefined;

/**
 * The optional peer `ws`, or `undefined` when it is not installed. Loaded on
 * first use rather than imported, so an application that serves no
 * WebSocket (or cannot install `ws`) still runs `createServer`: the runtime
 * has no dependencies, and `ws` is only needed for the socket endpoint.
 */
export function loadWs(): typeof Ws | undefined {
  if (loaded === undefined) {
    try {
      loaded = createRequire(import.meta.url)('ws') as typeof Ws;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'MODULE_NOT_FOUND') throw error;
      loaded = null;
    }
  }
  return loaded ?? undefined;
}

/** Why there is no WebSocket endpoint, and the fix. */
export const WS_MISSING =
  "the WebSocket endpoint needs the optional peer dependency 'ws': npm install ws@^8 (or pass webSocket: false to serve long polling only)";
