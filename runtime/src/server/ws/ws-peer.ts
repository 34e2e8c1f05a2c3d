/**
 * A WebSocket as the transport-neutral session sees it. The `ws` library on
 * Node fits in a few lines (attach-web-socket.ts); so do Deno's and Bun's
 * server sockets. Text frames only.
 */
export interface WsPeer {
  /** Queues one text frame. */
  send(text: string): void;
  /** Starts the closing handshake. */
  close(code: number, reason: string): void;
  /** Drops the connection without a handshake (a dead peer); `close` is used where there is none. */
  terminate?(): void;
  /** Bytes queued but not yet handed to the network. */
  readonly bufferedAmount: number;
}

/** What the request that opened the socket tells a call made over it (auth headers, the origin). */
export interface UpgradeRequest {
  /** The absolute URL of the upgrade request. */
  readonly url: string;
  /** A header by lower-case name; several values joined with `, `. */
  header(name: string): string | undefined;
  /** Every header, for `ctx.request`. */
  headers(): Headers;
}

/** What an adapter tells the session about its socket. */
export interface WsSessionHandle {
  /** A frame arrived: its text, or `undefined` for a binary frame (refused). */
  message(text: string | undefined): void;
  /** The socket closed (either side, or the network). */
  closed(): void;
  /** The socket's buffer drained (optional: the session also checks `bufferedAmount` on a timer while it waits). */
  drained(): void;
}
