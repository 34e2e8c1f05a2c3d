import type { EventsMode } from './connect-options.js';
import type { TransportKind } from './connection.js';
import { SHORT_LIFE_MS, type SocketChannel } from './socket-channel.js';
import type { LinkEnd } from './socket-link.js';
import type { StateCell } from './state-cell.js';

/** How a connection picks its transport: see `ConnectOptions.transport`. */
export type TransportOption = 'auto' | 'websocket' | 'long-poll' | 'poll';

/** Attempts in a row that fail before the welcome (the upgrade fails) after which `auto` falls back to polling. */
export const UPGRADE_FAILURES = 2;

/** Sockets in a row that die within `SHORT_LIFE_MS` of opening after which `auto` falls back to polling. */
export const SHORT_LIVES = 3;

/** What the switch drives besides the socket. */
export interface PollingLoop {
  wake(): void;
  interrupt(): void;
}

/**
 * Which transport carries the events, and the fallback rule of `auto`:
 * WebSocket first; long polling once the upgrade has failed
 * `UPGRADE_FAILURES` times in a row (while HTTP works: `_open` answered) or
 * sockets have died within `SHORT_LIFE_MS` of opening `SHORT_LIVES` times
 * in a row; WebSocket again after `retry` ms on polling if a probe socket
 * reaches its welcome (else polling for another `retry`). A switch is
 * seamless: both sides resume after the last seq delivered, and repeats
 * are dropped by seq, so nothing is lost or delivered twice.
 */
export class TransportSwitch {
  kind: TransportKind;
  #upgradeFailures = 0;
  #shortLives = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;
  readonly #mode: TransportOption;
  readonly #pollMode: EventsMode;
  readonly #socket: SocketChannel | undefined;
  readonly #poll: PollingLoop;
  readonly #state: StateCell;
  readonly #retry: number;

  constructor(
    mode: TransportOption,
    pollMode: EventsMode,
    socket: SocketChannel | undefined,
    poll: PollingLoop,
    state: StateCell,
    retry: number,
  ) {
    this.#mode = mode;
    this.#pollMode = pollMode;
    this.#socket = socket;
    this.#poll = poll;
    this.#state = state;
    this.#retry = retry;
    this.kind = socket === undefined ? pollMode : 'websocket';
  }

  /** Work arrived (a call, a registration): make sure the transport in use runs. */
  wake(): void {
    if (this.#stopped) return;
    if (this.kind === 'websocket') this.#socket?.start();
    else this.#poll.wake();
  }

  /** The last callback went, or the connection closes: a parked poll ends (the socket stays for calls). */
  interrupt(): void {
    this.#poll.interrupt();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    this.#socket?.stop();
    this.#poll.interrupt();
  }

  /** A socket reached its welcome. */
  up(): void {
    this.#upgradeFailures = 0;
    if (this.kind === 'websocket') return;
    this.kind = 'websocket';
    this.#state.changed();
    // The poll loop sees it is no longer wanted once its poll ends; end a parked one now.
    this.#poll.interrupt();
  }

  /** A socket ended (not by us). */
  down(end: LinkEnd, lived: number): void {
    if (this.#mode !== 'auto' || this.#stopped) return;
    if (!end.welcomed) this.#upgradeFailures++;
    else if (lived < SHORT_LIFE_MS) this.#shortLives++;
    else this.#shortLives = 0;
    // On polling, the socket only ever runs as a probe: one failure sends it back to wait.
    if (
      this.kind !== 'websocket' ||
      this.#upgradeFailures >= UPGRADE_FAILURES ||
      this.#shortLives >= SHORT_LIVES
    )
      this.#fallBack();
  }

  #fallBack(): void {
    this.#socket?.stop();
    this.#upgradeFailures = this.#shortLives = 0;
    if (this.kind === 'websocket') {
      this.kind = this.#pollMode;
      this.#state.changed();
    }
    this.#poll.wake();
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      if (!this.#stopped) this.#socket?.start();
    }, this.#retry);
  }
}
