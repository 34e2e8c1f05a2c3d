import type { CallbackInterfaceDescriptor } from '../schema/schema-types.js';
import { closingUnread, type CallOutput } from './call-input.js';
import { createTopic, type Topic } from './events/topic.js';
import { createLog, type Log, type LogOptions } from './events/log-topic.js';
import { RouterCore } from './router-core.js';
import type { RouterOptions } from './router-options.js';
import { securityHeaders } from './security-headers.js';
import { WebCallInput } from './web-call-input.js';

/** Where a router keeps its transport-neutral core, for adapters that skip `Request` (node:http). */
export const routerCore: unique symbol = Symbol('contract-gen.router-core');

/** A router: a web-standard handler that mounts in node:http, Hono, Deno, Bun, a service worker. */
export interface Router {
  /** Answers one request. Never rejects: every failure is an error answer. */
  fetch(request: Request): Promise<Response>;
  /** The normalised mount path (`''` or `/api`). */
  readonly base: string;
  /**
   * Stops the event channel: its timers stop and parked polls answer
   * `{"events":[]}`. Nothing is released (a durable store keeps its clients
   * for the next server). Call it when the server shuts down.
   */
  close(): Promise<void>;
  /**
   * A graceful stop, for a rolling deploy (docs/restarts.md): takes no new
   * clients (`_open` answers 503 `DRAINING`), answers parked long polls now
   * and later ones at once, tells each WebSocket to reconnect (its calls in
   * flight are answered, then it closes with 1012; calls it sends after that
   * are not run, and the client sends them again), waits for calls in flight
   * (at most `timeout` ms, default 30,000), releases the callbacks this
   * process holds in memory with a release notice to their clients
   * (`server-restart`; a topic's members stay), flushes the store, then
   * `close`s. With a shared store (Redis) another process serves the clients
   * from there, nothing lost. Stop routing new connections here first (the
   * node server's `close({ drain: true })` stops listening).
   */
  drain(options?: { readonly timeout?: number }): Promise<void>;
  /**
   * The topic `name` for callbacks of `callbacks` (the generated
   * `<Name>Callback` descriptor): a subscription list kept in the event
   * store, so with a shared store (Redis) a publish on any server process
   * reaches members that subscribed on any other. Members leave by
   * themselves when released or when their client ends.
   *
   * ```ts
   * const lobby = router.topic<ChatEvents>(ChatEventsCallback, 'room:lobby');
   * await lobby.add(events);          // in a handler: a stand-in it received
   * lobby.messagePosted(message);     // on any process: one event per member
   * ```
   *
   * Throws a `TypeError` when the event channel is off. See docs/internals.md
   * for when to use a `Broadcast` (in-process) instead.
   */
  topic<T extends object>(callbacks: CallbackInterfaceDescriptor, name: string): Topic<T>;
  /**
   * The log `name` for callbacks of `callbacks`: a topic with history. Each
   * event is appended once to a log kept in the event store (memory, SQLite,
   * Redis), with an offset and an epoch, and trimmed by `options` (count,
   * age, bytes); a follower reads it from where it starts (`live`, `start`,
   * or a saved `{ offset, epoch }`), replay then live, each event once and in
   * order, over the same transports. docs/logs.md.
   *
   * ```ts
   * const prices = router.log<TickerEvents>(TickerEventsCallback, 'prices', { maxEvents: 100_000 });
   * await prices.follow(events, from);   // in a handler: a stand-in it received
   * prices.tick('AAPL', 190.1);          // on any process: stored once
   * ```
   *
   * Throws a `TypeError` when the event channel is off or its store holds no logs.
   */
  log<T extends object>(
    callbacks: CallbackInterfaceDescriptor,
    name: string,
    options?: LogOptions,
  ): Log<T>;
  /**
   * Ends what `principalId` has open in this server process, now: its
   * WebSockets get an `error` frame (401 `UNAUTHENTICATED`, `details.reason`
   * `disconnected`, `reason` as the message) and close with 4401; its
   * parked long polls are answered with that 401. Its clients stay (their
   * events wait in the queue); whatever it sends next goes through the auth
   * hook again, so revoke its credentials first to keep it out. Resolves
   * with how many sockets and polls it ended here. With a store several
   * processes share (Redis) it then tells them through the store, and each
   * ends the principal's sockets and polls it holds; it resolves once told
   * (rejects if the store could not take the notice). Needs an auth hook
   * (else a `TypeError`). docs/security.md, "Live authority".
   *
   * ```ts
   * sessions.revoke(token);
   * await router.disconnect(user.id, 'You were signed out.');
   * ```
   */
  disconnect(principalId: string, reason?: string): Promise<number>;
  /** `disconnect` for one client: its socket and its parked long poll, in this process; how many (0 to 2). Other processes sharing the store are told too (a failure goes to `onError`). */
  disconnectClient(client: string, reason?: string): number;
  /**
   * Re-checks the open sockets of `principalId` (of every principal without
   * it) now, as the periodic re-check does: call it after changing a
   * principal's groups or revoking its credentials. Resolves once every
   * verdict is applied (sockets refused are closed, 4401/4403; the others
   * carry the new principal). Needs an auth hook (else a `TypeError`).
   */
  reauthenticate(principalId?: string): Promise<void>;
  /**
   * Whether `GET {base}/_ready` answers ready (200) or 503 `UNAVAILABLE`
   * (`details.reason` `not-ready`): set it `false` while the app warms up or
   * before it stops taking traffic. Default `true`. `_ready` is also not
   * ready while the server drains or its store does not answer.
   */
  setReady(ready: boolean): void;
}

/**
 * Serves `services` at `POST {base}/{Service}/{method}`: the body is a JSON
 * array of the arguments in order, the answer `{"result": ...}` or
 * `{"error": {...}}`. Every argument is decoded against the contract before
 * the handler runs; the handler is called as `handler.call(handlers,
 * ...args, ctx)` with omitted optional arguments as `undefined`.
 *
 * Unless `events: false`, it also serves the event channel
 * (`{base}/_open`, `_events`, `_release`, `_close`; docs/protocol.md):
 * callback arguments reach handlers as stand-ins whose calls queue events
 * for their client.
 *
 * ```ts
 * const router = createRouter({ services: [chatHandlers(chat)], base: '/api' });
 * Deno.serve((request) => router.fetch(request));
 * ```
 */
export function createRouter(options: RouterOptions): Router {
  const core = new RouterCore(options);
  const router = {
    base: core.base,
    fetch: async (request: Request) => {
      const input = new WebCallInput(request);
      return toResponse(closingUnread(input, await core.handle(input)));
    },
    close: () => core.close(),
    drain: (options?: { readonly timeout?: number }) => core.drain(options?.timeout ?? 30_000),
    disconnect: (principalId: string, reason?: string) => core.disconnect(principalId, reason),
    disconnectClient: (client: string, reason?: string) => core.disconnectClient(client, reason),
    reauthenticate: (principalId?: string) => core.reauthenticate(principalId),
    setReady: (ready: boolean) => {
      core.readiness.ready = ready;
    },
    topic: <T extends object>(callbacks: CallbackInterfaceDescriptor, name: string): Topic<T> => {
      const channel = core.channel;
      if (channel === undefined)
        throw new TypeError(
          'contract-gen: topics live in the event channel, which this router has turned off.',
        );
      return createTopic<T>(channel, callbacks, name);
    },
    log: <T extends object>(
      callbacks: CallbackInterfaceDescriptor,
      name: string,
      options?: LogOptions,
    ): Log<T> => {
      const channel = core.channel;
      if (channel === undefined)
        throw new TypeError(
          'contract-gen: logs live in the event channel, which this router has turned off.',
        );
      return createLog<T>(channel, callbacks, name, options);
    },
    [routerCore]: core,
  };
  return router;
}

/** The core a router made by `createRouter` carries, if `router` is one. */
export function coreOf(router: Pick<Router, 'fetch'>): RouterCore | undefined {
  const core = (router as Router & { [routerCore]?: unknown })[routerCore];
  return core instanceof RouterCore ? core : undefined;
}

function toResponse(output: CallOutput): Response {
  // A 204 (a CORS preflight's answer) has no body, so no content type either.
  if (output.status === 204)
    return new Response(null, { status: 204, headers: { ...securityHeaders, ...output.headers } });
  const headers: Record<string, string> = {
    ...securityHeaders,
    'content-type': output.contentType ?? 'application/json',
  };
  if (output.csp !== undefined) headers['content-security-policy'] = output.csp;
  if (output.allow !== undefined) headers['allow'] = output.allow;
  if (output.noStore === true) headers['cache-control'] = 'no-store';
  // The rest of the body is not read: a host that keeps the connection would read the next request from it.
  if (output.close === true) headers['connection'] = 'close';
  if (output.headers !== undefined) Object.assign(headers, output.headers);
  return new Response(output.body, { status: output.status, headers });
}
