import { WS_ENDPOINT } from '../../protocol/ws-frames.js';
import type { UpgradeRequest } from '../ws/ws-peer.js';

/** Headers that describe the socket handshake, not the caller: kept out of a call's `ctx.request`. */
const HANDSHAKE_HEADERS = [
  'connection',
  'upgrade',
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
];

/** Whether `request` asks to open the router's WebSocket endpoint (`GET {base}/_ws` with `upgrade: websocket`). */
export function isSocketUpgrade(request: Request, base: string): boolean {
  if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') return false;
  return new URL(request.url).pathname === `${base}${WS_ENDPOINT}`;
}

/** A web-standard upgrade `Request` as calls over its socket see it (Deno, Bun, Hono). */
export function webUpgrade(request: Request): UpgradeRequest {
  const kept = new Headers(request.headers);
  for (const name of HANDSHAKE_HEADERS) kept.delete(name);
  return {
    url: request.url,
    header: (name) => request.headers.get(name) ?? undefined,
    headers: () => new Headers(kept),
  };
}
