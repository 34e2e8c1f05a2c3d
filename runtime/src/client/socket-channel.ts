import { ContractError } from '../protocol/contract-error.js';
import { fromErrorBody } from '../protocol/from-error-body.js';
import { WS_ENDPOINT, type ServerFrame, type WelcomeFrame } from '../protocol/ws-frames.js';
import { backoffDelay } from './backoff.js';
import type { ClientSession } from './client-session.js';
import type { BackoffOptions, HeadersOption } from './connect-options.js';
import { dispatchEvents, type DispatchContext } from './dispatch-events.js';
import { Nap } from './nap.js';
import { readEventsAnswer } from './read-events-answer.js';
import { SocketLink, type LinkEnd } from './socket-link.js';
import { SocketRequests } from './socket-requests.js';
import type { StateCell } from './state-cell.js';
import { socketUrl, type WebSocketConstructor } from './web-socket-like.js';

/** A socket that dies sooner than this after opening counts as dying (backoff; the fallback rule counts it). */
export const SHORT_LIFE_MS = 10_000;

/** `WS_CLOSE.unauthenticated`, as a literal: the bundle need not carry the whole table for one code. */
const UNAUTHENTICATED_CLOSE = 4401;

/** Ms after a delivered frame before its events are acknowledged, when fewer than `ACK_EVERY` are waiting. */
const ACK_DELAY_MS = 25;

/**
 * Delivered events acknowledged at once, at most (a quarter of the server's
 * window when that is smaller). The server reads the client's queue from
 * its last ack, in-flight events included, for every frame it sends: with
 * one event per frame and an ack every 1,000, that read copied ~500 events
 * per event sent. An ack per 32 events costs a small frame per 32.
 */
const ACK_EVERY = 32;

/** What the socket channel needs from its connection. */
export interface SocketContext {
  readonly session: ClientSession;
  readonly state: StateCell;
  readonly dispatch: DispatchContext;
  readonly WebSocket: WebSocketConstructor;
  readonly headers: HeadersOption | undefined;
  readonly backoff: BackoffOptions | undefined;
  /** Ms to reach the welcome. */
  readonly openTimeout: number;
  /** The server answered `gone` (a 410) for `client`. */
  readonly expired: (client: string, error: ContractError) => void;
  /** A socket reached its welcome. */
  readonly up: () => void;
  /** A socket ended (after `lived` ms, or before its welcome); the switch decides whether to go on. */
  readonly down: (end: LinkEnd, lived: number) => void;
}

/**
 * Events and calls over WebSocket: keeps one socket up (reconnecting with
 * backoff), resumes after the last seq delivered, dispatches events frames
 * exactly like poll answers (repeats dropped by seq), acknowledges
 * cumulatively (every 32 events, or a quarter of the server's window if
 * less, or 25 ms after the last frame), and carries calls while the socket
 * is open.
 */
export class SocketChannel {
  readonly requests = new SocketRequests();
  #link: SocketLink | undefined;
  #running = false;
  #stopped = true;
  #failures = 0;
  #acked = 0;
  #ackEvery = 1;
  #ackTimer: ReturnType<typeof setTimeout> | undefined;
  /** The `error` frame the server sent before closing this socket: why it closed (a 401 after its credentials were revoked). */
  #refusal: ContractError | undefined;
  readonly #nap = new Nap();

  constructor(private readonly c: SocketContext) {}

  /** Whether a welcomed socket is up (calls may use it). */
  get open(): boolean {
    return this.#link?.open === true;
  }

  /** The open link, for calls. */
  get link(): SocketLink | undefined {
    return this.open ? this.#link : undefined;
  }

  /** Keeps a socket up from now on. */
  start(): void {
    this.#stopped = false;
    if (this.#running) return;
    this.#running = true;
    void this.#run();
  }

  /** Closes the socket and stops reconnecting; pending calls fail with `UNAVAILABLE`. */
  stop(): void {
    this.#stopped = true;
    this.#link?.close();
    this.#nap.end();
  }

  async #run(): Promise<void> {
    while (!this.#stopped && !this.c.session.closing.aborted) {
      const pause = await this.#attempt();
      if (pause > 0 && !this.#stopped) await this.#nap.sleep(pause);
    }
    this.#running = false;
  }

  /** One socket, from open to end; returns the pause before the next. */
  async #attempt(): Promise<number> {
    const { session } = this.c;
    let client: string | undefined;
    try {
      client = await session.open();
    } catch {
      return backoffDelay(this.#failures++, this.c.backoff); // the session reported the state
    }
    // A server without the event channel has no socket either.
    if (client === undefined || this.#stopped) return this.#giveUp();
    // The connection's credentials (headers, token) go on the upgrade: the server's auth hook runs on it.
    let headers: Readonly<Record<string, string>>;
    try {
      headers = await session.credentials.current();
    } catch (error) {
      this.c.state.offline(error);
      return backoffDelay(this.#failures++, this.c.backoff);
    }
    const after = session.lastSeen;
    const link = new SocketLink(
      {
        url: socketUrl(session.base, WS_ENDPOINT),
        WebSocket: this.c.WebSocket,
        headers: Object.keys(headers).length === 0 ? undefined : { ...headers },
        client,
        after,
        openTimeout: this.c.openTimeout,
      },
      {
        welcome: (frame) => this.#welcome(frame, after),
        frame: (frame) => this.#frame(frame, client),
      },
    );
    this.#link = link;
    const started = Date.now();
    this.#refusal = undefined;
    const end = await link.done;
    const refusal = this.#refusal;
    this.#link = undefined;
    this.requests.failAll(end.error);
    this.#flushAckTimer();
    if (this.#stopped) return 0;
    // The server's reason when it gave one (`onState` listeners learn why: a 401 when it withdrew the credentials).
    this.c.state.offline(refusal ?? end.error);
    // Refused before the welcome: maybe an expired token (a browser cannot see the 401); closed with 4401: the server
    // no longer takes these credentials. Either way, ask for fresh ones next time.
    if (!end.welcomed || end.code === UNAUTHENTICATED_CLOSE) session.credentials.renew(headers);
    const lived = Date.now() - started;
    // A socket that was up for a while comes back at once (a lost connection is often a moment's);
    // failed attempts and sockets that keep dying back off.
    const healthy = end.welcomed && lived >= SHORT_LIFE_MS;
    this.#failures = healthy ? 0 : this.#failures + 1;
    this.c.down(end, lived);
    return healthy ? 0 : backoffDelay(this.#failures - 1, this.c.backoff);
  }

  #giveUp(): number {
    this.#stopped = true;
    return 0;
  }

  #welcome(frame: WelcomeFrame, after: number): void {
    this.#acked = after;
    this.#ackEvery = Math.max(1, Math.min(ACK_EVERY, Math.floor(frame.window / 4)));
    this.c.state.online();
    this.c.up();
  }

  #frame(frame: ServerFrame, client: string): void {
    switch (frame.type) {
      case 'events':
        return this.#events(frame, client);
      case 'answer':
        return this.requests.settle(frame);
      case 'gone':
        this.#link?.close(1000, 'client gone');
        return this.c.expired(client, fromErrorBody(410, frame));
      case 'error':
        this.#refusal = fromErrorBody(frame.status, frame);
        // A hello for a client this principal does not own (another user signed in): like gone, open a fresh one.
        if (frame.error.code === 'FOREIGN_CLIENT')
          return this.c.expired(client, fromErrorBody(403, frame));
        // Otherwise the server closes the socket (it broke the protocol, or its authority was withdrawn): the close
        // ends the link, reported with this error.
        return;
    }
  }

  #events(frame: unknown, client: string): void {
    const { session, dispatch } = this.c;
    // Closed or expired meanwhile: these events belong to no one now.
    if (session.id !== client || dispatch.stopped()) return;
    let answer;
    try {
      answer = readEventsAnswer(frame);
    } catch (error) {
      return this.#link?.close(1000, (error as Error).message);
    }
    session.lastSeen = dispatchEvents(answer, session.lastSeen, dispatch);
    if (session.lastSeen - this.#acked >= this.#ackEvery) this.#ack();
    else this.#ackTimer ??= setTimeout(() => this.#ack(), ACK_DELAY_MS);
  }

  /** Acknowledges everything delivered (one cumulative seq). */
  #ack(): void {
    clearTimeout(this.#ackTimer);
    this.#ackTimer = undefined;
    const seq = this.c.session.lastSeen;
    if (seq <= this.#acked) return;
    if (this.#link?.send(`{"type":"ack","seq":${seq}}`) === true) this.#acked = seq;
  }

  #flushAckTimer(): void {
    clearTimeout(this.#ackTimer);
    this.#ackTimer = undefined;
  }
}
