import { ContractError } from '../protocol/contract-error.js';
import { EVENT_ENDPOINTS, REF_HEADER, UNREF_ENDPOINT } from '../protocol/messages.js';
import type { WireReference } from '../schema/reference-schema.js';
import { nodeOf, type ReferenceNode, type ServiceDescriptor } from '../schema/schema-types.js';
import type { Codec } from '../schema/walk-codec.js';
import { backoffDelay } from './backoff.js';
import { createCallbackHandle, type CallbackHandle } from './callback-handle.js';
import { createRegistry } from './callback-registry.js';
import { isClientGone } from './client-gone.js';
import { createSession } from './client-session.js';
import { callIds } from './call-ids.js';
import { isUnreachable } from './state-cell.js';
import type { ConnectOptions } from './connect-options.js';
import type {
  CallOptions,
  Connection,
  ConnectionState,
  StateListener,
  TransportKind,
} from './connection.js';
import { encodeArgs } from './encode-args.js';
import type { ChannelContext } from './channel-context.js';
import { createEventLoop } from './event-loop.js';
import { logEventError, warnGap, type LogPosition } from './event-reports.js';
import { warnFallbackOnce } from './fallback-report.js';
import type { Send } from './exchange.js';
import { methodOf } from './method-of.js';
import { parseAnswer } from './parse-answer.js';
import { readResult } from './read-answer.js';
import { releaseBatch } from './release-batch.js';
import type { ReleaseNotice, Subscriptions } from './resubscribe.js';
import type { CallbackBinding, ResumeOutcome } from './resume-bindings.js';
import { createSocketChannel } from './socket-channel.js';
import { createStateCell } from './state-cell.js';
import { createTransportSwitch, type TransportSwitch } from './transport-switch.js';
import { globalWebSocket, type WebSocketConstructor } from './web-socket-like.js';
import { say } from '../messages.js';

export type { Send } from './exchange.js';

/**
 * A connection over any `Send` (HTTP) and, when `webSocket` is given, a
 * WebSocket. Both `connect` and `connectInProcess` are this, so the
 * in-process transport encodes, validates and polls exactly like the
 * network one. `codec` decodes and encodes values: the compiled one, or
 * the walking one of the browser build (the same results, fewer bytes).
 *
 * Calls go over HTTP or the socket, events over the socket or polling: the
 * parts wired together. The state lives in this closure, not in fields, so
 * a minifier renames all of it (a page downloads this), and the connection
 * works the same when a framework wraps it in a Proxy (Vue's `reactive`),
 * which `#private` fields would refuse.
 */
export function createConnection(
  baseUrl: string,
  send: Send,
  options: ConnectOptions,
  webSocket: WebSocketConstructor | undefined,
  codec: Codec,
  /** Opens a connection to another server with the same options (a reference to it); none in-process. */
  openOther?: (url: string) => Connection,
): Connection {
  const { transport, timeout, limits } = options;
  const nextCallId = callIds();
  const resendCalls = options.resendCalls ?? 0;
  const closing = new AbortController();
  /** `closing.signal.aborted` as a plain variable: the dispatch loop asks after every event, and the signal's getter costs a brand check. */
  let ended = false;
  let closed: Promise<void> | undefined;
  const registry = createRegistry();
  const stateCell = createStateCell();
  const pollMode =
    transport === 'poll' || transport === 'long-poll' ? transport : (options.events ?? 'long-poll');
  const session = createSession(
    baseUrl.replace(/\/+$/, ''),
    send,
    options.headers,
    closing.signal,
    timeout,
    stateCell,
    options.token,
  );
  // A release goes over the open socket as a frame, else over HTTP.
  const releaseLater = releaseBatch(session, timeout, (ids) =>
    socket?.request(
      (id) => `{"type":"release","id":${id},"callbacks":${JSON.stringify(ids)}}`,
      timeout,
      '_release',
    ),
  );
  const onGap = options.onGap ?? warnGap;
  /** Log followers' positions (`logPosition`), kept by the dispatch. */
  const positions = new WeakMap<object, LogPosition>();
  /** The calls that carried each callback object, with `resubscribe` (`resubscribeCalls()`). */
  if ((options.resubscribe as unknown) === true) throw new TypeError(say('resubscribe-helper'));
  const subscriptions = options.resubscribe?.calls();
  // With a session store, what resumes this client in a later run is saved as it changes.
  const keeper = options.session?.keep({
    session,
    registry,
    setSeq: (seq) => (channel.dispatch.seq = seq),
    release: (id) => releaseLater(id),
    wake: () => transports.wake(),
    ended: () => ended,
  });
  /** The resume (`conn.resume`, or the first call's, binding nothing): before it, no request goes out. */
  let restoring: Promise<ResumeOutcome> | undefined;
  const channel: ChannelContext = {
    session,
    state: stateCell,
    dispatch: {
      registry,
      limits,
      decode: codec.decode,
      onEventError: options.onEventError ?? logEventError,
      onGap,
      onReleased: (target, reason) => released(target, reason),
      stopped: () => ended,
      seq: 0,
      positions,
      ...(keeper && {
        delivered(seq: number) {
          session.lastSeen = seq;
          keeper.changed();
        },
      }),
    },
    options,
    expired,
    ...(keeper && { settled: () => keeper.settled() }),
  };
  const loop = createEventLoop(
    channel,
    pollMode,
    () => registry.size > 0 && !ended && transports.kind !== 'websocket',
  );
  const socket =
    webSocket &&
    createSocketChannel(channel, webSocket, {
      up: () => transports.up(),
      down: (end, lived, reachable) => transports.down(end, lived, reachable),
    });
  const transports: TransportSwitch = createTransportSwitch(
    transport ?? options.events ?? 'auto',
    pollMode,
    socket,
    loop,
    stateCell,
    options.socketRetry ?? 60_000,
    options.onFallback ?? warnFallbackOnce(),
  );

  /** This server's base URL, as reference URLs are compared with it. */
  const ownUrl = baseUrl.replace(/\/+$/, '');
  /** Connections to other servers that references named, one per base URL, made on first use. */
  const others = new Map<string, Connection>();

  /** The typed proxy of a reference the server answered: on this connection, or on the one to the server it names. */
  function proxyOf(node: ReferenceNode, wire: WireReference): object {
    const service = node.service();
    const url = wire.url === undefined ? ownUrl : wire.url.replace(/\/+$/, '');
    const referenceProxy = node.proxy as (
      c: Connection,
      s: ServiceDescriptor,
      r: string,
      u: string,
    ) => object;
    if (url === ownUrl) return referenceProxy(connection, service, wire.ref, url);
    let other = others.get(url);
    if (other === undefined) {
      if (openOther === undefined)
        throw new ContractError('UNAVAILABLE', say('reference-elsewhere', url));
      others.set(url, (other = openOther(url)));
    }
    return referenceProxy(other, service, wire.ref, url);
  }

  /** Sends one call over the open socket when the frame fits, else over HTTP; the answer's parsed body. */
  async function sendCall(
    service: string,
    method: string,
    client: string | undefined,
    body: string,
    call: string | undefined,
    ref?: string,
  ): Promise<unknown> {
    // The call id goes with a client only: the server remembers calls per client.
    if (client === undefined) call = undefined;
    const callField = call === undefined ? '' : `,"call":"${call}"`;
    const frame = (id: number) =>
      `{"type":"call","id":${id}${callField},"service":${JSON.stringify(service)},"method":${JSON.stringify(method)},"args":${body}}`;
    const overHttp = async () =>
      parseAnswer(
        await session.request(
          `/${service}/${method}`,
          'POST',
          client,
          body,
          timeout,
          undefined,
          ref === undefined ? undefined : { [REF_HEADER]: ref },
          call,
        ),
      );
    // A call through a reference goes over HTTP: socket call frames carry no reference.
    if (ref !== undefined) return overHttp();
    const overSocket = socket?.request(frame, timeout, `${service}.${method}`, body);
    if (overSocket === undefined) return overHttp();
    try {
      return await overSocket;
    } catch (error) {
      // The socket closed with 1012 (the server drains) before answering: the call did not run there.
      if ((error as ContractError).code === 'DRAINING') return overHttp();
      // A 401 ran nothing: the socket's credentials were revoked (the server closes it, and it reconnects with fresh
      // ones). Over HTTP the call is sent again with renewed credentials, as any 401 is.
      if (error instanceof ContractError && error.status === 401 && session.credentials.renewable)
        return overHttp();
      throw error;
    }
  }

  /** The server forgot `client`: drop our side of it too, once, and make sure the application hears of it. */
  function expired(client: string, error: ContractError): void {
    const lastSeen = session.forget(client);
    if (lastSeen === undefined) return;
    const callbacks = registry.clear();
    channel.dispatch.seq = 0;
    keeper?.changed();
    // Nothing the server knew of: no events could have been queued, nothing is lost.
    if (callbacks.length === 0) return;
    if (subscriptions) for (const target of callbacks) void resubscribe(subscriptions, target);
    const detail = (error.details as { reason?: unknown } | undefined)?.reason;
    try {
      onGap({
        reason: 'expired',
        from: lastSeen + 1,
        callbacks,
        ...(typeof detail === 'string' ? { detail } : {}),
      });
    } catch {
      // The application's hook failing must not fail the call or the poll that noticed.
    }
  }

  /** The calls that carried `target`, made again (`resubscribe`). */
  function resubscribe(
    calls: Subscriptions,
    target: object,
  ): NonNullable<ReleaseNotice['resubscribed']> {
    return calls.rerun(
      target,
      (made) => connection.call(made.service, made.method, made.args),
      closing.signal,
      options.backoff,
    );
  }

  /** A release notice: the server released `target` by itself (its holder process went away). */
  function released(target: object, reason: string): void {
    if (registry.size === 0) transports.interrupt();
    const notice: ReleaseNotice = { callback: target, reason };
    if (subscriptions) Object.assign(notice, { resubscribed: resubscribe(subscriptions, target) });
    if (options.onReleased !== undefined) options.onReleased(notice);
    else if (!subscriptions) console.warn(say('callback-released', reason));
  }

  async function closeNow(): Promise<void> {
    const client = session.id;
    ended = true;
    closing.abort(new ContractError('UNAVAILABLE', say('connection-closed')));
    transports.stop();
    registry.clear();
    stateCell.close();
    // Closed for good: there is nothing to resume.
    keeper?.end();
    await Promise.all([...others.values()].map((other) => other.close()));
    others.clear();
    if (client === undefined) return;
    // Best effort, with a controller of its own (the connection's has just aborted): without it,
    // the server releases everything at the client's expiry anyway.
    await session
      .request(
        EVENT_ENDPOINTS.close,
        'POST',
        client,
        undefined,
        timeout ?? 5_000,
        new AbortController(),
      )
      .then(parseAnswer)
      .catch(() => undefined);
  }

  const release = (target: object): Promise<void> => {
    subscriptions?.forget(target);
    const id = registry.unregister(target);
    if (id === undefined) return Promise.resolve();
    keeper?.changed();
    if (registry.size === 0) transports.interrupt();
    return releaseLater(id);
  };

  const connection: Connection = {
    get transport(): TransportKind {
      return transports.kind;
    },

    get state(): ConnectionState {
      return stateCell.state;
    },

    get clientId(): string | undefined {
      return session.id;
    },

    get lastSeq(): number {
      return channel.dispatch.seq;
    },
    logPosition: (target: object) => positions.get(target),

    resume(...bindings: CallbackBinding[]): Promise<ResumeOutcome> {
      if (restoring !== undefined) return Promise.reject(new TypeError(say('resume-once')));
      return (restoring = keeper?.resume(bindings) ?? Promise.resolve(NOT_RESUMED));
    },

    onState(listener: StateListener): () => void {
      return stateCell.listen(listener);
    },

    async call<T>(
      service: ServiceDescriptor,
      method: string,
      args: readonly unknown[],
      callOptions?: CallOptions,
    ): Promise<T> {
      const descriptor = methodOf(service, method);
      const ref = callOptions?.ref;
      // A saved client is taken over (or let go) before anything is registered: new ids come after its ids.
      if (keeper !== undefined) await (restoring ??= keeper.resume([])).catch(() => undefined);
      let drains = 0;
      let renewed = false;
      let resends = 0;
      // One id for every sending of this call: a server that ran it answers a resend with its first answer.
      // Only a connection that resends calls needs one (and the server then records each answer).
      const call = resendCalls > 0 ? nextCallId() : undefined;
      for (;;) {
        if (closing.signal.aborted) throw closing.signal.reason;
        const carried: number[] = [];
        const targets: object[] = [];
        const body = encodeArgs(
          `${service.name}.${method}`,
          descriptor,
          args,
          codec.encode,
          (target, callbackInterface, path) => {
            const id = registry.register(
              target,
              callbackInterface,
              path,
              `${service.name}.${method} ${path}`,
            );
            carried.push(id);
            targets.push(target as object);
            // The event loop starts with the first registration, and keeps opening the client if this call fails.
            transports.wake();
            return id;
          },
        );
        let client: string | undefined;
        try {
          client = await session.open();
          // Saved before the call goes: the server may queue events for its callbacks before it answers.
          keeper?.changed();
          // The first call or registration brings the socket up; calls use it once it is open.
          transports.wake();
          const answer = await sendCall(service.name, method, client, body, call, ref);
          stateCell.online();
          let result = readResult(answer, descriptor.result, limits, codec.decode) as T;
          const resultNode = nodeOf(descriptor.result);
          if (resultNode.kind === 'reference')
            result = proxyOf(resultNode, result as WireReference) as T;
          if (carried.length > 0 && client === session.id) {
            registry.confirm(carried);
            if (subscriptions)
              for (const target of targets)
                subscriptions.carried(target, { service, method, args });
          }
          return result;
        } catch (error) {
          // 410 (or 403 FOREIGN_CLIENT): the server refused before running anything, so sending again with a fresh client is safe.
          if (!renewed && client !== undefined && isClientGone(error)) {
            renewed = true;
            expired(client, error);
            continue;
          }
          // A draining server ran nothing: send it again (a load balancer picks another process), a few times.
          if ((error as ContractError).code === 'DRAINING' && drains < 8) {
            await new Promise((resolve) =>
              setTimeout(resolve, backoffDelay(drains++, options.backoff)),
            );
            continue;
          }
          // The answer was lost (the connection failed, or a proxy found no server): the call may have run.
          // With an id and a client the server remembers it, so sending it again cannot run it twice.
          if (resends < resendCalls && client !== undefined && isLostAnswer(error)) {
            await new Promise((resolve) =>
              setTimeout(resolve, backoffDelay(resends++, options.backoff)),
            );
            continue;
          }
          stateCell.observe(error);
          throw error;
        }
      }
    },

    release,

    async unref(ref: string): Promise<void> {
      const client = session.id;
      parseAnswer(
        await session.request(UNREF_ENDPOINT, 'POST', client, JSON.stringify([ref]), timeout),
      );
    },

    callbackId: (target: object) => registry.idOf(target),

    callback<T extends object>(target: T): CallbackHandle<T> {
      return createCallbackHandle(target, release);
    },

    close(): Promise<void> {
      closed ??= closeNow();
      return closed;
    },
  };
  return connection;
}

const NOT_RESUMED: ResumeOutcome = Object.freeze({ resumed: false, callbacks: [], released: [] });

/** The WebSocket to use under `options`, or `undefined` for polling; throws when `websocket` is asked for and there is none. */
export function pickWebSocket(
  options: ConnectOptions,
  available: boolean,
): WebSocketConstructor | undefined {
  const mode = options.transport ?? options.events ?? 'auto';
  if (mode !== 'auto' && mode !== 'websocket') return undefined;
  const found = available ? (options.WebSocket ?? globalWebSocket()) : undefined;
  if (found === undefined && mode === 'websocket') {
    throw new TypeError(say('no-websocket'));
  }
  return found;
}

/** Whether a call's answer was lost on the way (the call may or may not have run): no answer, or a proxy's 502/503/504. */
function isLostAnswer(error: unknown): boolean {
  return (
    isUnreachable(error) ||
    (error instanceof ContractError && [502, 503, 504].includes(error.status))
  );
}
