import { ContractError } from '../protocol/contract-error.js';
import { fromErrorBody } from '../protocol/from-error-body.js';
import { EVENT_ENDPOINTS } from '../protocol/messages.js';
import { WS_ENDPOINT, type AnswerFrame, type ServerFrame } from '../protocol/ws-frames.js';
import { outageDelay } from './backoff.js';
import { isClientGone } from './client-gone.js';
import type { ChannelContext } from './channel-context.js';
import { dispatchEvents } from './dispatch-events.js';
import { fitsFrame } from './fits-frame.js';
import { parseAnswer } from './parse-answer.js';
import { readEventsAnswer } from './read-events-answer.js';
import { retryLoop } from './retry-loop.js';
import { openLink, type LinkEnd, type SocketLink } from './socket-link.js';
import { isUnreachable } from './state-cell.js';
import { socketUrl, type WebSocketConstructor } from './web-socket-like.js';
import { say } from '../messages.js';

/** `WS_CLOSE.unauthenticated`, as a literal: the bundle need not carry the whole table for one code. */
const UNAUTHENTICATED_CLOSE = 4401;

/** `WS_CLOSE.draining` (1012), as a literal: the server drains; it answered every call it ran. */
const DRAINING_CLOSE = 1012;

/** A socket that dies sooner than this after opening counts as dying (backoff; the fallback rule counts it). */
export const SHORT_LIFE_MS = 10_000;

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

/** Ms a socket may take to reach its welcome when `timeout` is not set. */
const SOCKET_OPEN_TIMEOUT_MS = 10_000;

/** What the transport switch hears from the socket channel. */
export interface SocketWatcher {
  /** A socket reached its welcome. */
  readonly up: () => void;
  /**
   * A socket ended (after `lived` ms, or before its welcome); the switch
   * decides whether to go on. `reachable`: after a socket that never reached
   * its welcome, whether the server answered HTTP (the upgrade itself
   * failed) or not (the server is down: no reason to leave the socket).
   */
  readonly down: (end: LinkEnd, lived: number, reachable: boolean) => void;
}

/** Events and calls over WebSocket: see `createSocketChannel`. */
export interface SocketChannel {
  /** Keeps a socket up from now on. */
  start(): void;
  /** Closes the socket and stops reconnecting; pending requests fail with `UNAVAILABLE`. */
  stop(): void;
  /**
   * Sends the request frame `build(id)` (a call, a release) over the open
   * socket and resolves with the answer's body: a 2xx answer frame (it has
   * the `result` member, like an HTTP body), or rejects with the error the
   * HTTP binding would give for its status and body. `undefined` when no
   * welcomed socket is up, or when `args`, a call's arguments, would not fit
   * in one frame: the caller goes over HTTP then (where the server answers
   * a call too large for HTTP too with 413 instead of closing the socket).
   * When the socket ends first, the request fails with `UNAVAILABLE`: like
   * a lost HTTP answer, it may or may not have run, so it is not sent again.
   */
  request(
    build: (id: number) => string,
    timeout: number | undefined,
    label: string,
    args?: string,
  ): Promise<unknown> | undefined;
}

interface Pending {
  readonly resolve: (body: unknown) => void;
  readonly reject: (error: ContractError) => void;
  readonly timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Events and calls over WebSocket: keeps one socket up (reconnecting with
 * backoff), resumes after the last seq delivered, dispatches events frames
 * exactly like poll answers (repeats dropped by seq), acknowledges
 * cumulatively (every 32 events, or a quarter of the server's window if
 * less, or 25 ms after the last frame), and carries requests while the
 * socket is open, by the id their frame carries.
 */
export function createSocketChannel(
  c: ChannelContext,
  WebSocket: WebSocketConstructor,
  watcher: SocketWatcher,
): SocketChannel {
  const { session, state, dispatch, options } = c;
  let link: SocketLink | undefined;
  let stopped = true;
  let failures = 0;
  /** When the failed attempts in a row began (`Date.now()`). */
  let outageSince = 0;
  let acked = 0;
  let ackEvery = 1;
  let ackTimer: ReturnType<typeof setTimeout> | undefined;
  /** The `error` frame the server sent before closing this socket: why it closed (a 401 after its credentials were revoked). */
  let refusal: ContractError | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const loop = retryLoop(() => !stopped && !session.closing.aborted, attempt);

  /** One socket, from open to end; returns the pause before the next. */
  async function attempt(): Promise<number> {
    let client: string | undefined;
    let headers: Readonly<Record<string, string>>;
    try {
      client = await session.open();
      // A server without the event channel has no socket either.
      if (client === undefined || stopped) {
        stopped = true;
        return 0;
      }
      // The connection's credentials (headers, token) go on the upgrade: the server's auth hook runs on it.
      headers = await session.credentials.current();
    } catch (error) {
      // A failed open has reported the state already.
      if (client !== undefined) state.offline(error);
      return retryDelay();
    }
    const after = session.ackSeq();
    const started = Date.now();
    refusal = undefined;
    const end = await new Promise<LinkEnd>((done) => {
      link = openLink({
        url: socketUrl(session.base, WS_ENDPOINT),
        WebSocket,
        headers: Object.keys(headers).length === 0 ? undefined : { ...headers },
        client,
        after,
        openTimeout: options.timeout ?? SOCKET_OPEN_TIMEOUT_MS,
        welcome(frame) {
          acked = after;
          ackEvery = Math.max(1, Math.min(ACK_EVERY, Math.floor(frame.window / 4)));
          state.online();
          watcher.up();
        },
        frame: (frame) => receive(frame, client),
        done,
      });
    });
    link = undefined;
    // 1012: the server answered every call it ran before closing, so the unanswered ones did not run: DRAINING
    // tells the caller to send them again (over HTTP, to another process).
    const draining = end.code === DRAINING_CLOSE && end.welcomed;
    const unanswered = draining ? new ContractError('DRAINING', say('draining')) : end.error;
    for (const id of [...pending.keys()]) settle(id, unanswered);
    clearTimeout(ackTimer);
    ackTimer = undefined;
    if (stopped) return 0;
    // Refused before the welcome: maybe an expired token (a browser cannot see the 401); closed with 4401: the server
    // no longer takes these credentials. Either way, ask for fresh ones next time.
    if (!end.welcomed || end.code === UNAUTHENTICATED_CLOSE) session.credentials.renew(headers);
    // A drained socket counts as a healthy one: the server asked for a new one (another process takes it).
    const lived = draining ? Math.max(SHORT_LIFE_MS, Date.now() - started) : Date.now() - started;
    // A socket that never reached its welcome: does the server answer HTTP? If not, it is down (restarting),
    // which is no reason to give up on the socket.
    const reachable = end.welcomed || (await probe(client));
    if (stopped) return 0;
    // The server's reason when it gave one (`onState` listeners learn why: a 401 when it withdrew the credentials).
    // An upgrade that failed while the server answers HTTP leaves the connection online: calls go over HTTP.
    // A drained socket leaves the state as it was: the next socket (or poll) goes to another process at once.
    if (!draining) {
      if (end.welcomed || !reachable || refusal !== undefined) state.offline(refusal ?? end.error);
      else state.online();
    }
    watcher.down(end, lived, reachable);
    // A socket that was up for a while comes back at once (a lost connection is often a moment's);
    // failed attempts and sockets that keep dying back off.
    if (end.welcomed && lived >= SHORT_LIFE_MS) {
      failures = 0;
      return 0;
    }
    return retryDelay();
  }

  /** The pause before the next attempt: backoff, at most a second early in an outage (see `outageDelay`). */
  function retryDelay(): number {
    if (failures === 0) outageSince = Date.now();
    return outageDelay(failures++, outageSince, options.backoff);
  }

  /**
   * A short HTTP request after a failed upgrade: a heartbeat poll
   * (`GET _events?wait=0`, acknowledging no more than the socket did; what
   * it brings is left for the socket or the poll loop to deliver): whether
   * the server answers (with any status; a 410 is the client's expiry).
   */
  async function probe(client: string): Promise<boolean> {
    try {
      parseAnswer(
        await session.request(
          `${EVENT_ENDPOINTS.events}?after=${session.ackSeq()}&wait=0`,
          'GET',
          client,
          undefined,
          options.timeout ?? 5_000,
        ),
      );
    } catch (error) {
      if (session.closing.aborted || isUnreachable(error)) return false;
      if (isClientGone(error)) c.expired(client, error);
    }
    return true;
  }

  function receive(frame: ServerFrame, client: string): void {
    switch (frame.type) {
      case 'events':
        return events(frame, client);
      case 'answer':
        return settle(frame.id, frame);
      case 'gone':
        link?.close(1000, 'client gone');
        return c.expired(client, fromErrorBody(410, frame));
      case 'error':
        refusal = fromErrorBody(frame.status, frame);
        // A hello for a client this principal does not own (another user signed in): like gone, open a fresh one.
        if (frame.error.code === 'FOREIGN_CLIENT')
          return c.expired(client, fromErrorBody(403, frame));
        // Otherwise the server closes the socket (it broke the protocol, or its authority was withdrawn): the close
        // ends the link, reported with this error.
        return;
    }
  }

  function events(frame: unknown, client: string): void {
    // Closed or expired meanwhile: these events belong to no one now.
    if (session.id !== client || dispatch.stopped()) return;
    let answer;
    try {
      answer = readEventsAnswer(frame);
    } catch (error) {
      return link?.close(1000, (error as Error).message);
    }
    session.lastSeen = dispatchEvents(answer, session.lastSeen, dispatch);
    if (session.ackSeq() - acked >= ackEvery) ack();
    else ackTimer ??= setTimeout(ack, ACK_DELAY_MS);
  }

  /** Acknowledges everything delivered (one cumulative seq), as far as a session store has saved it. */
  function ack(): void {
    clearTimeout(ackTimer);
    ackTimer = undefined;
    const seq = session.ackSeq();
    if (seq > acked && link?.send(`{"type":"ack","seq":${seq}}`) === true) acked = seq;
    // A store's save still running holds some back: try again shortly.
    if (session.lastSeen > acked && link?.open === true) ackTimer = setTimeout(ack, ACK_DELAY_MS);
  }

  /** Settles request `id` with an answer frame or, failing it, an error. */
  function settle(id: number, outcome: AnswerFrame | ContractError): void {
    const request = pending.get(id);
    if (request === undefined) return;
    pending.delete(id);
    clearTimeout(request.timer);
    if (outcome instanceof ContractError) request.reject(outcome);
    else if (outcome.status >= 200 && outcome.status < 300) request.resolve(outcome);
    else request.reject(fromErrorBody(outcome.status, outcome));
  }

  return {
    start() {
      stopped = false;
      loop.wake();
    },
    stop() {
      stopped = true;
      link?.close();
      loop.interrupt();
    },
    request(build, timeout, label, args) {
      const open = link?.open === true ? link : undefined;
      if (open === undefined || (args !== undefined && !fitsFrame(args, open.maxFrame)))
        return undefined;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer =
          timeout === undefined
            ? undefined
            : setTimeout(
                () =>
                  settle(id, new ContractError('TIMEOUT', say('no-socket-answer', label, timeout))),
                timeout,
              );
        pending.set(id, { resolve, reject, timer });
        if (!open.send(build(id)))
          settle(id, new ContractError('UNAVAILABLE', say('socket-closed-first', label)));
      });
    },
  };
}
