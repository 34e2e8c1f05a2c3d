import { ContractError } from '../protocol/contract-error.js';
import type { ServerFrame, WelcomeFrame } from '../protocol/ws-frames.js';
import type { WebSocketConstructor } from './web-socket-like.js';
import { say } from '../messages.js';

/** How one socket ended: whether it reached the welcome, and why it closed. */
export interface LinkEnd {
  readonly welcomed: boolean;
  /** The close code (the server's, or the one this side closed with). */
  readonly code: number;
  readonly error: ContractError;
}

/** One WebSocket of one client, from `openLink`. */
export interface SocketLink {
  /** Whether the welcome came and the socket is still up. */
  readonly open: boolean;
  /** The largest frame the server takes (from the welcome). */
  maxFrame: number;
  /** Sends a frame if the socket is open; whether it was sent. */
  send(text: string): boolean;
  /** Ends the link from this side. */
  close(code?: number, why?: string): void;
}

/** What a link is opened with. */
export interface LinkInit {
  readonly url: string;
  readonly WebSocket: WebSocketConstructor;
  readonly headers: Record<string, string> | undefined;
  readonly client: string;
  readonly after: number;
  /** Ms to reach the welcome before the attempt counts as failed. */
  readonly openTimeout: number;
  readonly welcome: (frame: WelcomeFrame) => void;
  /** Any later frame (events, answer, gone, error); pings are answered here. */
  readonly frame: (frame: ServerFrame) => void;
  /** Told once how the link ended, whoever ended it. */
  readonly done: (end: LinkEnd) => void;
}

const OPEN = 1;

/**
 * One WebSocket of one client: says hello (resuming `client` after
 * `after`), answers pings, and watches for silence: once welcomed, a socket
 * that hears nothing for the server's `ping + pingTimeout` is taken for dead
 * (browsers cannot see control pings, and a dead network may never close
 * the socket).
 */
export function openLink(init: LinkInit): SocketLink {
  const { url, headers, openTimeout } = init;
  const socket =
    headers === undefined
      ? new init.WebSocket(url)
      : new init.WebSocket(url, undefined, { headers });
  let welcomed = false;
  let finished = false;
  let heard = 0;
  let timer = setTimeout(() => end(1006, say('no-welcome', openTimeout)), openTimeout);
  const link: SocketLink = {
    get open() {
      return welcomed && !finished;
    },
    maxFrame: 0,
    send(text) {
      if (finished || socket.readyState !== OPEN) return false;
      socket.send(text);
      return true;
    },
    close: (code = 1000, why = say('closed-by-client')) => end(code, why),
  };

  function message(data: unknown): void {
    if (finished) return;
    heard = Date.now();
    let frame: ServerFrame;
    try {
      frame = JSON.parse(data as string) as ServerFrame;
    } catch {
      return end(1008, say('frame-not-json'));
    }
    if (frame.type === 'ping') link.send('{"type":"pong"}');
    else if (frame.type === 'welcome' && !welcomed) {
      welcomed = true;
      link.maxFrame = frame.maxFrame;
      clearTimeout(timer);
      watch(frame.ping + frame.pingTimeout);
      init.welcome(frame);
    } else init.frame(frame);
  }

  /** Checks for silence a few times per allowed interval. */
  function watch(allowed: number): void {
    const every = Math.max(50, Math.floor(allowed / 4));
    const check = (): void => {
      if (Date.now() - heard > allowed) return end(4408, say('server-silent', allowed));
      timer = setTimeout(check, every);
    };
    timer = setTimeout(check, every);
  }

  function end(code: number, why: string): void {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    socket.onmessage = socket.onclose = socket.onopen = null;
    if (socket.readyState <= OPEN) {
      try {
        socket.close(code >= 4000 || code === 1000 ? code : 1000);
      } catch {
        // Closing a socket that failed to connect may throw in some runtimes; it is gone either way.
      }
    }
    init.done({ welcomed, code, error: new ContractError('UNAVAILABLE', say('websocket', why)) });
  }

  const hello = JSON.stringify({ type: 'hello', client: init.client, after: init.after });
  socket.onopen = () => socket.send(hello);
  socket.onmessage = (event: { data: unknown }) => message(event.data);
  socket.onclose = (event: { code: number; reason: string }) =>
    end(event.code, say('socket-closed', event.code, event.reason));
  socket.onerror = () => undefined; // a close event follows every error
  return link;
}
