import { ContractError } from '../protocol/contract-error.js';
import { EVENT_ENDPOINTS } from '../protocol/messages.js';
import type { ServiceDescriptor } from '../schema/schema-types.js';
import { createCallbackHandle, type CallbackHandle } from './callback-handle.js';
import { CallbackRegistry } from './callback-registry.js';
import { ClientSession } from './client-session.js';
import type { ConnectOptions } from './connect-options.js';
import type { Connection, ConnectionState, StateListener, TransportKind } from './connection.js';
import { encodeArgs } from './encode-args.js';
import { EventLoop } from './event-loop.js';
import { logEventError, warnGap, type EventGap } from './event-reports.js';
import type { Send } from './exchange.js';
import { methodOf } from './method-of.js';
import { parseAnswer } from './parse-answer.js';
import { readAnswer } from './read-answer.js';
import { ReleaseBatch } from './release-batch.js';
import { StateCell } from './state-cell.js';

export type { Send } from './exchange.js';

/**
 * A connection over any `Send`. Both `connect` and `connectInProcess` are
 * this, so the in-process transport encodes, validates and polls exactly
 * like the network one.
 */
export function createConnection(baseUrl: string, send: Send, options: ConnectOptions = {}): Connection {
  return new PollingConnection(baseUrl, send, options);
}

/** Calls over HTTP, events over polling: the parts wired together. */
class PollingConnection implements Connection {
  readonly transport: TransportKind;
  private readonly closing = new AbortController();
  private readonly session: ClientSession;
  private readonly registry = new CallbackRegistry();
  private readonly stateCell = new StateCell();
  private readonly releases: ReleaseBatch;
  private readonly loop: EventLoop;
  private readonly onGap: (gap: EventGap) => void;
  private closed: Promise<void> | undefined;

  constructor(baseUrl: string, send: Send, private readonly options: ConnectOptions) {
    this.transport = options.events ?? 'long-poll';
    this.session = new ClientSession(baseUrl.replace(/\/+$/, ''), send, options.headers, this.closing.signal, options.timeout, this.stateCell);
    this.releases = new ReleaseBatch(this.session, options.timeout);
    this.onGap = options.onGap ?? warnGap;
    const dispatch = { registry: this.registry, limits: options.limits, onEventError: options.onEventError ?? logEventError, onGap: this.onGap, stopped: () => this.closing.signal.aborted };
    this.loop = new EventLoop({
      session: this.session,
      state: this.stateCell,
      dispatch,
      mode: this.transport,
      pollInterval: options.pollInterval ?? 500,
      wait: options.wait ?? 20_000,
      backoff: options.backoff,
      grace: options.timeout,
      active: () => this.registry.size > 0 && !this.closing.signal.aborted,
      expired: (client, error) => this.expired(client, error),
    });
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
        this.loop.wake();
        return id;
      });
      let client: string | undefined;
      try {
        client = await this.session.open();
        const raw = await this.session.request(`/${service.name}/${method}`, 'POST', client, body, { timeout: this.options.timeout });
        this.stateCell.online();
        const result = readAnswer(raw, descriptor.result, this.options.limits) as T;
        if (carried.length > 0 && client === this.session.id) this.registry.confirm(carried);
        return result;
      } catch (error) {
        // 410: the server refused before running anything, so sending again with a fresh client is safe.
        if (attempt === 0 && client !== undefined && error instanceof ContractError && error.status === 410) {
          this.expired(client, error);
          continue;
        }
        this.stateCell.observe(error);
        throw error;
      }
    }
  }

  release(target: object): Promise<void> {
    const id = this.registry.unregister(target);
    if (id === undefined) return Promise.resolve();
    if (this.registry.size === 0) this.loop.interrupt();
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
    this.closing.abort(new ContractError('UNAVAILABLE', 'The connection was closed.'));
    this.loop.interrupt();
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
