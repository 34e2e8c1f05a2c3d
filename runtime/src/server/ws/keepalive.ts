import {
  PeriodicGroups,
  type PeriodicGroup,
  type PeriodicMember,
} from '../events/periodic-group.js';
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
 * How often the keepalive looks at its sockets: a twentieth of the shorter of
 * `ping` and `pingTimeout`, between 10 ms and 1 s. A ping goes, and a dead
 * socket is dropped, at most one tick (plus the group's spread) late. It
 * used to tick every min(ping, pingTimeout): with the defaults a ping went
 * 40 s after the last instead of 25 s, and a dead socket went at 60 s, not 45
 * (issue 18).
 */
export function keepaliveTick(ping: number, pingTimeout: number): number {
  return Math.max(10, Math.min(1_000, Math.floor(Math.min(ping, pingTimeout) / 20)));
}

/** One timer per period for every socket of the process (`PeriodicGroup`), not one per socket. */
const groups = new PeriodicGroups<Keepalive>();

/**
 * Keepalive and dead-peer detection for one socket. Every `ping` ms the
 * server sends a ping frame; a socket from which no frame at all (a pong, an
 * ack, a call) has come for `pingTimeout` ms after a ping is dead. Pings are
 * frames, not WebSocket control pings, so a browser client, which cannot see
 * control frames, learns of a dead server the same way. A socket that stops
 * answering is dropped `pingTimeout` after the first ping it leaves
 * unanswered, at most two ticks (`keepaliveTick`) late: so at most
 * `ping + pingTimeout` + two ticks after the last frame it sent. The tick also touches the
 * client four times per ttl. The ticks of every socket
 * with the same period share one timer (a timer per socket cost each idle
 * socket about 250 bytes; issue 11).
 */
export class Keepalive implements PeriodicMember {
  #group: PeriodicGroup<Keepalive> | undefined = undefined;
  #pinged = 0;
  #touched = 0;
  #waiting = false;
  readonly #every: number;
  readonly #touchEvery: number;

  constructor(
    private readonly options: Pick<ResolvedWebSocketOptions, 'ping' | 'pingTimeout'>,
    ttl: number,
    private readonly actions: KeepaliveActions,
  ) {
    this.#every = keepaliveTick(options.ping, options.pingTimeout);
    this.#touchEvery = Math.max(10, Math.floor(ttl / 4));
  }

  start(): void {
    this.#pinged = this.#touched = Date.now();
    this.#group = groups.for(this.#every);
    this.#group.add(this);
  }

  /** A frame arrived from the peer. */
  heard(): void {
    this.#waiting = false;
  }

  stop(): void {
    this.#group?.delete(this);
    this.#group = undefined;
  }

  /** Called by the group every period while started. */
  tick(now: number): void {
    if (this.#waiting && now - this.#pinged >= this.options.pingTimeout) {
      this.stop();
      this.actions.dead();
      return;
    }
    if (now - this.#touched >= this.#touchEvery) {
      this.#touched = now;
      this.actions.touch();
    }
    if (now - this.#pinged >= this.options.ping) {
      this.#pinged = now;
      this.#waiting = true;
      this.actions.ping();
    }
  }
}
