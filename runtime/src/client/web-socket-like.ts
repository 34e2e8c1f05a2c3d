/**
 * What the client needs of a WebSocket: the standard browser API, which
 * Deno and Bun have as `globalThis.WebSocket` and the `ws` package has on
 * Node. Typed structurally so the client never imports `ws` (nor its types).
 */
export interface WebSocketLike {
  /** 0 connecting, 1 open, 2 closing, 3 closed. */
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  // `never` parameters: any handler type fits (browser, ws), and ours are assigned to them.
  onopen: ((event: never) => void) | null;
  onmessage: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
}

/**
 * A WebSocket constructor: `globalThis.WebSocket`, or `WebSocket` from the
 * `ws` package on Node 20 (`connect(url, { WebSocket })`). A third argument
 * `{ headers }` is passed only when `ConnectOptions.headers` is set (`ws`
 * sends them; browsers cannot set headers on a WebSocket and ignore it).
 */
export type WebSocketConstructor = new (
  url: string,
  protocols?: string | string[],
  options?: { headers: Record<string, string> },
) => WebSocketLike;

/** The runtime's own WebSocket, if it has one (browsers, Deno, Bun, Node 22+). */
export function globalWebSocket(): WebSocketConstructor | undefined {
  const candidate = (globalThis as { WebSocket?: unknown }).WebSocket;
  return typeof candidate === 'function' ? (candidate as WebSocketConstructor) : undefined;
}

/** The `ws:`/`wss:` URL of `{base}/_ws` for an `http:`/`https:` base URL. */
export function socketUrl(base: string, endpoint: string): string {
  return `${base.replace(/^http/i, 'ws')}${endpoint}`;
}
