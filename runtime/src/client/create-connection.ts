import { ContractError } from '../protocol/contract-error.js';
import { EVENT_ENDPOINTS } from '../protocol/messages.js';
import type { ServiceDescriptor } from '../schema/schema-types.js';
import { createCallbackHandle, type CallbackHandle } from './callback-handle.js';
import { CallbackRegistry } from './callback-registry.js';
import { isClientGone } from './client-gone.js';
import { ClientSession } from './client-session.js';
import type { ConnectOptions } from './connect-options.js';
import type { Connection, ConnectionState, StateListener, TransportKind } from './connection.js';
import { encodeArgs } from './encode-args.js';
import { EventLoop } from './event-loop.js';
import { logEventError, warnGap, type EventGap } from './event-reports.js';
import type { Send } from './exchange.js';
import { methodOf } from './method-of.js';
import { parseAnswer } from './parse-answer.js';
import { readResult } from './read-answer.js';
import { ReleaseBatch } from './release-batch.js';
import { SocketChannel } from './socket-channel.js';
import { StateCell } from './state-cell.js';
import { TransportSwitch } from './transport-switch.js';
import { globalWebSocket, type WebSocketConstructor } from './web-socket-like.js';
import { fitsFrame } from './fits-frame.js';

export type { Send } from './exchange.js';

/** Ms a socket may take to reach its welcome when `timeout` is not set. */
const SOCKET_OPEN_TIMEOUT_MS = 10_000;

/**
 * A connection over any `Send` (HTTP) and, when `webSocket` is given, a
 * WebSocket. Both `connect` and `connectInProcess` are this, so the
 * in-process transport encodes, validates and polls exactly like the
 * network one.
 */
export function createConnection(baseUrl: string, send: Send, options: ConnectOptions = {}, webSocket?: WebSocketConstructor): Connection {
  return new ClientConnection(baseUrl, send, options, webSocket);
}

/** The WebSocket to use under `options`, or `undefined` for polling; throws when `websocket` is asked for and there is none. */
export function pickWebSocket(options: ConnectOptions, available: boolean): WebSocketConstructor | undefined {
  const mode = options.transport ?? options.events ?? 'auto';
  if (mode !== 'auto' && mode !== 'websocket') return undefined;
  const found = available ? (options.WebSocket ?? globalWebSocket()) : undefined;
  if (found === undefined && mode === 'websocket') {
    throw new TypeError("contract-gen: transport 'websocket' needs a WebSocket; this runtime has none: pass one, e.g. connect(url, { WebSocket }) with WebSocket from the ws package.");
  }
  return found;
}

/** Calls over HTTP or the socket, events over the socket or polling: the parts wired together. */
class ClientConnection implements Connection {
  private readonly closing = new AbortController();
  /** `closing.signal.aborted` as a plain field: the dispatch loop asks after every event, and the signal's getter costs a brand check. */
  private ended = false;
  private readonly session: ClientSession;
  private readonly registry = new CallbackRegistry();
  private readonly stateCell = new StateCell();
  private readonly releases: ReleaseBatch;
  private readonly loop: EventLoop;
  private readonly socket: SocketChannel | undefined;
  private readonly transports: TransportSwitch;
  private readonly onGap: (gap: EventGap) => void;
  private closed: Promise<void> | undefined;

  constructor(baseUrl: string, send: Send, private readonly options: ConnectOptions, webSocket: WebSocketConstructor | undefined) {
    const { transport } = options;
    const pollMode = transport === 'poll' || transport === 'long-poll' ? transport : (options.events ?? 'long-poll');
    this.session = new ClientSession(baseUrl.replace(/\/+$/, ''), send, options.headers, this.closing.signal, options.timeout, this.stateCell, options.token);
    this.releases = new ReleaseBatch(this.session, options.timeout, (ids) => this.socketRequest('release', `"callbacks":${JSON.stringify(ids)}`));
    this.onGap = options.onGap ?? warnGap;
    const dispatch = { registry: this.registry, limits: options.limits, onEventError: options.onEventError ?? logEventError, onGap: this.onGap, stopped: () => this.ended };
    this.loop = new EventLoop({
      session: this.session,
      state: this.stateCell,
      dispatch,
      mode: pollMode,
      pollInterval: options.pollInterval ?? 500,
      wait: options.wait ?? 20_000,
      backoff: options.backoff,
      grace: options.timeout,
      active: () => this.registry.size > 0 && !this.ended && this.transports.kind !== 'websocket',
      expired: (client, error) => this.expired(client, error),
    });
    this.socket =
      webSocket === undefined
        ? undefined
        : new SocketChannel({
            session: this.session,
            state: this.stateCell,
            dispatch,
            WebSocket: webSocket,
            headers: options.headers,
            backoff: options.backoff,
            openTimeout: options.timeout ?? SOCKET_OPEN_TIMEOUT_MS,
            expired: (client, error) => this.expired(client, error),
            up: () => this.transports.up(),
            down: (end, lived) => this.transports.down(end, lived),
          });
    this.transports = new TransportSwitch(options.transport ?? options.events ?? 'auto', pollMode, this.socket, this.loop, this.stateCell, options.socketRetry ?? 60_000);
  }

  get transport(): TransportKind {
    return this.transports.kind;
  }

  get state(): ConnectionState {
    return this.stateCell.state;
  }

  get clientId(): string | undefined {
    return this.session.id;
  }

  onState(listener: StateListener): () => void {
    return this.stateCell.listen(listener);
  }

  async call<T>(service: ServiceDescriptor, method: string, args: readonly unknown[]): Promise<T> {
    const descriptor = methodOf(service, method);
    for (let attempt = 0; ; attempt++) {
      if (this.closing.signal.aborted) throw this.closing.signal.reason;
      const carried: number[] = [];
      const body = encodeArgs(`${service.name}.${method}`, descriptor, args, (target, callbackInterface, path) => {
        const id = this.registry.register(target, callbackInterface, path);
        carried.push(id);
        // The event loop starts with the first registration, and keeps opening the client if this call fails.
        this.transports.wake();
        return id;
      });
      let client: string | undefined;
      try {
        client = await this.session.open();
        // The first call or registration brings the socket up; calls use it once it is open.
        this.transports.wake();
        const answer = await this.send(service.name, method, client, body);
        this.stateCell.online();
        const result = readResult(answer, descriptor.result, this.options.limits) as T;
        if (carried.length > 0 && client === this.session.id) this.registry.confirm(carried);
        return result;
      } catch (error) {
        // 410 (or 403 FOREIGN_CLIENT): the server refused before running anything, so sending again with a fresh client is safe.
        if (attempt === 0 && client !== undefined && isClientGone(error)) {
          this.expired(client, error);
          continue;
        }
        this.stateCell.observe(error);
        throw error;
      }
    }
  }

  /** Sends one call over the open socket when the frame fits, else over HTTP; the answer's parsed body. */
  private async send(service: string, method: string, client: string | undefined, body: string): Promise<unknown> {
    const link = this.socket?.link;
    const { timeout } = this.options;
    if (link === undefined || !fitsFrame(body, link.maxFrame)) {
      return parseAnswer(await this.session.request(`/${service}/${method}`, 'POST', client, body, { timeout }));
    }
    const frame = (id: number) => `{"type":"call","id":${id},"service":${JSON.stringify(service)},"method":${JSON.stringify(method)},"args":${body}}`;
    return (this.socket as SocketChannel).requests.request(frame, (text) => link.send(text), timeout, `${service}.${method}`);
  }

  /** A request frame (`release`) over the open socket, or `undefined` when there is none. */
  private socketRequest(type: 'release', members: string): Promise<unknown> | undefined {
    const link = this.socket?.link;
    if (link === undefined) return undefined;
    const frame = (id: number) => `{"type":"${type}","id":${id},${members}}`;
    return (this.socket as SocketChannel).requests.request(frame, (text) => link.send(text), this.options.timeout, `_${type}`);
  }

  release(target: object): Promise<void> {
    const id = this.registry.unregister(target);
    if (id === undefined) return Promise.resolve();
    if (this.registry.size === 0) this.transports.interrupt();
    return this.releases.add(id);
  }

  callback<T extends object>(target: T): CallbackHandle<T> {
    return createCallbackHandle(target, (t) => this.release(t));
  }

  close(): Promise<void> {
    this.closed ??= this.closeNow();
    return this.closed;
  }

  private async closeNow(): Promise<void> {
    const client = this.session.id;
    this.ended = true;
    this.closing.abort(new ContractError('UNAVAILABLE', 'The connection was closed.'));
    this.transports.stop();
    this.registry.clear();
    this.stateCell.close();
    if (client === undefined) return;
    // Best effort: without it, the server releases everything at the client's expiry anyway.
    const own = { timeout: this.options.timeout ?? 5_000, signal: new AbortController().signal };
    await this.session
      .request(EVENT_ENDPOINTS.close, 'POST', client, undefined, own)
      .then(parseAnswer)
      .catch(() => undefined);
  }

  /** The server forgot `client`: drop our side of it too, once, and make sure the application hears of it. */
  private expired(client: string, error: ContractError): void {
    const lastSeen = this.session.forget(client);
    if (lastSeen === undefined) return;
    const callbacks = this.registry.clear();
    // Nothing the server knew of: no events could have been queued, nothing is lost.
    if (callbacks.length === 0) return;
    const detail = (error.details as { reason?: unknown } | undefined)?.reason;
    try {
      this.onGap({ reason: 'expired', from: lastSeen + 1, callbacks, ...(typeof detail === 'string' ? { detail } : {}) });
    } catch {
      // The application's hook failing must not fail the call or the poll that noticed.
    }
  }
}
