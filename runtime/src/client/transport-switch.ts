import type { EventsMode } from './connect-options.js';
import { transportFallback, type TransportFallback } from './fallback-report.js';
import type { TransportKind } from './connection.js';
import type { RetryLoop } from './retry-loop.js';
import { SHORT_LIFE_MS, type SocketChannel } from './socket-channel.js';
import type { LinkEnd } from './socket-link.js';
import type { StateCell } from './state-cell.js';

/** How a connection picks its transport: see `ConnectOptions.transport`. */
export type TransportOption = 'auto' | 'websocket' | 'long-poll' | 'poll';

/** Attempts in a row that fail before the welcome (the upgrade fails) after which `auto` falls back to polling. */
export const UPGRADE_FAILURES = 2;

/** Sockets in a row that die within `SHORT_LIFE_MS` of opening after which `auto` falls back to polling. */
export const SHORT_LIVES = 3;

/** Which transport carries the events: see `createTransportSwitch`. */
export interface TransportSwitch {
  /** The transport in use. */
  readonly kind: TransportKind;
  /** Work arrived (a call, a registration): make sure the transport in use runs. */
  wake(): void;
  /** The last callback went, or the connection closes: a parked poll ends (the socket stays for calls). */
  interrupt(): void;
  stop(): void;
  /** A socket reached its welcome. */
  up(): void;
  /** A socket ended (not by us), after `lived` ms; `reachable`: the server answered HTTP (see `SocketWatcher`). */
  down(end: LinkEnd, lived: number, reachable: boolean): void;
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
export function createTransportSwitch(
  mode: TransportOption,
  pollMode: EventsMode,
  socket: SocketChannel | undefined,
  poll: RetryLoop,
  state: StateCell,
  retry: number,
  onFallback: (fallback: TransportFallback) => void,
): TransportSwitch {
  let upgradeFailures = 0;
  let shortLives = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  /** Kind `kind` carries the events now: listeners hear the current state again. */
  function use(kind: TransportKind): void {
    transports.kind = kind;
    state.changed();
  }

  function fallBack(reason: TransportFallback['reason'] | undefined): void {
    if (reason !== undefined) onFallback(transportFallback(reason));
    socket?.stop();
    upgradeFailures = shortLives = 0;
    if (transports.kind === 'websocket') use(pollMode);
    poll.wake();
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      if (!stopped) socket?.start();
    }, retry);
  }

  const transports: { -readonly [K in keyof TransportSwitch]: TransportSwitch[K] } = {
    kind: socket === undefined ? pollMode : 'websocket',
    wake() {
      if (stopped) return;
      if (transports.kind === 'websocket') socket?.start();
      else poll.wake();
    },
    interrupt: () => poll.interrupt(),
    stop() {
      stopped = true;
      clearTimeout(retryTimer);
      socket?.stop();
      poll.interrupt();
    },
    up() {
      upgradeFailures = 0;
      if (transports.kind === 'websocket') return;
      use('websocket');
      // The poll loop sees it is no longer wanted once its poll ends; end a parked one now.
      poll.interrupt();
    },
    down(end, lived, reachable) {
      if (mode !== 'auto' || stopped) return;
      // An upgrade that failed while HTTP did not answer either: the server is down (a restart), not a proxy
      // refusing WebSocket. It does not count, and the socket stays the transport.
      if (!end.welcomed && !reachable && transports.kind === 'websocket') return;
      if (!end.welcomed) upgradeFailures++;
      else if (lived < SHORT_LIFE_MS) shortLives++;
      else shortLives = 0;
      // On polling, the socket only ever runs as a probe: one failure sends it back to wait.
      if (transports.kind !== 'websocket') fallBack(undefined);
      else if (upgradeFailures >= UPGRADE_FAILURES) fallBack('upgrade-failed');
      else if (shortLives >= SHORT_LIVES) fallBack('short-lived');
    },
  };
  return transports;
}
