import type { ResolvedWebSocketOptions } from './web-socket-options.js';

/** What the keepalive does on its ticks. */
export interface KeepaliveActions {
  /** Send a ping frame. */
  ping(): void;
  /** Nothing came back within the ping timeout: drop the socket. */
  dead(): void;
  /** Refresh the client's expiry (an open socket is activity). */
  touch(): void;
}

/**
 * Keepalive and dead-peer detection for one socket, on one timer. Every
 * `ping` ms the server sends a ping frame; a socket from which no frame at
 * all (a pong, an ack, a call) has come for `pingTimeout` ms after a ping is
 * dead. Pings are frames, not WebSocket control pings, so a browser client,
 * which cannot see control frames, learns of a dead server the same way.
 * The tick also touches the client at least four times per ttl.
 */
export class Keepalive {
  #timer: ReturnType<typeof setInterval> | undefined;
  #pinged = 0;
  #waiting = false;
  readonly #every: number;

  constructor(
    private readonly options: Pick<ResolvedWebSocketOptions, 'ping' | 'pingTimeout'>,
    ttl: number,
    private readonly actions: KeepaliveActions,
  ) {
    this.#every = Math.max(10, Math.min(options.ping, options.pingTimeout, Math.floor(ttl / 4)));
  }

  start(): void {
    this.#pinged = Date.now();
    this.#timer = setInterval(() => this.#tick(), this.#every);
    (this.#timer as { unref?: () => void }).unref?.();
  }

  /** A frame arrived from the peer. */
  heard(): void {
    this.#waiting = false;
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #tick(): void {
    const now = Date.now();
    if (this.#waiting && now - this.#pinged >= this.options.pingTimeout) {
      this.stop();
      this.actions.dead();
      return;
    }
    this.actions.touch();
    if (now - this.#pinged >= this.options.ping) {
      this.#pinged = now;
      this.#waiting = true;
      this.actions.ping();
    }
  }
}
