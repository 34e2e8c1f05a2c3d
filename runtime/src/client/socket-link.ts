import { ContractError } from '../protocol/contract-error.js';
import type { ServerFrame, WelcomeFrame } from '../protocol/ws-frames.js';
import type { WebSocketConstructor, WebSocketLike } from './web-socket-like.js';

/** How one socket ended: whether it reached the welcome, and why it closed. */
export interface LinkEnd {
  readonly welcomed: boolean;
  readonly code: number;
  readonly error: ContractError;
}

/** What a link reports. */
export interface LinkHandlers {
  welcome(frame: WelcomeFrame): void;
  /** Any later frame (events, answer, gone, error); pings are answered here. */
  frame(frame: ServerFrame): void;
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
}

const OPEN = 1;

/**
 * One WebSocket of one client: says hello (resuming `client` after
 * `after`), answers pings, and watches for silence: once welcomed, a socket
 * that hears nothing for the server's `ping + pingTimeout` is taken for dead
 * (browsers cannot see control pings, and a dead network may never close
 * the socket). `done` resolves once, whoever ended it.
 */
export class SocketLink {
  readonly done: Promise<LinkEnd>;
  /** The largest frame the server takes (from the welcome). */
  maxFrame = 0;
  #socket: WebSocketLike;
  #welcomed = false;
  #finish!: (end: LinkEnd) => void;
  #finished = false;
  #heard = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    init: LinkInit,
    private readonly handlers: LinkHandlers,
  ) {
    this.done = new Promise((resolve) => (this.#finish = resolve));
    const socket = (this.#socket =
      init.headers === undefined
        ? new init.WebSocket(init.url)
        : new init.WebSocket(init.url, undefined, { headers: init.headers }));
    const hello = JSON.stringify({ type: 'hello', client: init.client, after: init.after });
    socket.onopen = () => socket.send(hello);
    socket.onmessage = ((event: { data: unknown }) => this.#message(event.data)) as (
      event: never,
    ) => void;
    socket.onclose = ((event: { code: number; reason: string }) =>
      this.#end(
        event.code,
        `the WebSocket closed (${event.code}${event.reason === '' ? '' : ` ${event.reason}`})`,
      )) as (event: never) => void;
    socket.onerror = () => undefined; // a close event follows every error
    this.#timer = setTimeout(
      () => this.#end(1006, `no welcome within ${init.openTimeout} ms`),
      init.openTimeout,
    );
  }

  /** Whether the welcome came and the socket is still up. */
  get open(): boolean {
    return this.#welcomed && !this.#finished;
  }

  get bufferedAmount(): number {
    return this.#socket.bufferedAmount;
  }

  /** Sends a frame if the socket is open; whether it was sent. */
  send(text: string): boolean {
    if (this.#finished || this.#socket.readyState !== OPEN) return false;
    this.#socket.send(text);
    return true;
  }

  /** Ends the link from this side. */
  close(code = 1000, why = 'closed by the client'): void {
    this.#end(code, why);
  }

  #message(data: unknown): void {
    if (this.#finished) return;
    this.#heard = Date.now();
    let frame: ServerFrame;
    try {
      frame = JSON.parse(data as string) as ServerFrame;
    } catch {
      return this.#end(1008, 'the server sent a frame that is not JSON text');
    }
    if (frame.type === 'ping') {
      this.send('{"type":"pong"}');
    } else if (frame.type === 'welcome' && !this.#welcomed) {
      this.#welcomed = true;
      this.maxFrame = frame.maxFrame;
      clearTimeout(this.#timer);
      this.#watch(frame.ping + frame.pingTimeout);
      this.handlers.welcome(frame);
    } else {
      this.handlers.frame(frame);
    }
  }

  /** Checks for silence a few times per allowed interval. */
  #watch(allowed: number): void {
    const every = Math.max(50, Math.floor(allowed / 4));
    const check = (): void => {
      if (Date.now() - this.#heard > allowed)
        return this.#end(4408, `nothing heard from the server for ${allowed} ms`);
      this.#timer = setTimeout(check, every);
    };
    this.#timer = setTimeout(check, every);
  }

  #end(code: number, why: string): void {
    if (this.#finished) return;
    this.#finished = true;
    clearTimeout(this.#timer);
    const socket = this.#socket;
    socket.onmessage = socket.onclose = socket.onopen = null;
    if (socket.readyState <= OPEN) {
      try {
        socket.close(code >= 4000 || code === 1000 ? code : 1000);
      } catch {
        // Closing a socket that failed to connect may throw in some runtimes; it is gone either way.
      }
    }
    this.#finish({
      welcomed: this.#welcomed,
      code,
      error: new ContractError('UNAVAILABLE', `WebSocket: ${why}.`),
    });
  }
}
