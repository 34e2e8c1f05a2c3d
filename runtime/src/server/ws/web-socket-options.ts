/** Options of the WebSocket endpoint (`createServer({ webSocket: {...} })`, `attachWebSocket`). */
export interface WebSocketOptions {
  /** Milliseconds between the server's `ping` frames. Default 25,000 (under the 60 s idle timeout of common proxies). */
  readonly ping?: number;
  /** Milliseconds the server waits for any frame after a ping before dropping the socket as dead. Default 20,000. */
  readonly pingTimeout?: number;
  /**
   * Bytes queued on the socket (its `bufferedAmount`) above which the server
   * stops reading events from the client's queue until the socket drains.
   * A slow reader then costs at most this plus one frame; what it has not
   * read stays in the queue, whose bound and overflow policy apply.
   * Default 1 MiB.
   */
  readonly highWater?: number;
  /** Most unacknowledged events in flight before the server waits for an `ack`. Default 4,000. */
  readonly window?: number;
}

/** The options with defaults applied. */
export interface ResolvedWebSocketOptions {
  readonly ping: number;
  readonly pingTimeout: number;
  readonly highWater: number;
  readonly window: number;
  /** Most events per frame: the event channel's `maxBatch`, at most `FRAME_EVENTS`. */
  readonly maxBatch: number;
}

/**
 * Most events in one frame. A long-poll answer costs a round trip, so it
 * carries as much as `maxBatch` allows; a socket's frames stream without
 * one, and smaller frames keep both ends busy (the server builds the next
 * while the client decodes the last): frames of up to 4,000 events (the
 * window) pushed about 12 % fewer events per second than frames of 1,000
 * (medians of six runs of the websocket benchmark each).
 */
export const FRAME_EVENTS = 1_000;

/** The defaults of the WebSocket endpoint. */
export const defaultWebSocketOptions = Object.freeze({
  ping: 25_000,
  pingTimeout: 20_000,
  highWater: 1_048_576,
  window: 4_000,
} as const);

/** Applies the defaults; throws a `TypeError` at startup for a value that cannot work. */
export function resolveWebSocketOptions(
  options: WebSocketOptions,
  maxBatch: number,
): ResolvedWebSocketOptions {
  return {
    ping: positive('ping', options.ping ?? defaultWebSocketOptions.ping),
    pingTimeout: positive(
      'pingTimeout',
      options.pingTimeout ?? defaultWebSocketOptions.pingTimeout,
    ),
    highWater: positive('highWater', options.highWater ?? defaultWebSocketOptions.highWater),
    window: positive('window', options.window ?? defaultWebSocketOptions.window),
    maxBatch: Math.min(maxBatch, FRAME_EVENTS),
  };
}

function positive(name: string, value: number): number {
  if (Number.isSafeInteger(value) && value > 0) return value;
  throw new TypeError(
    `contract-gen: webSocket.${name} must be a positive integer, not ${String(value)}`,
  );
}
