import { ContractError } from '../protocol/contract-error.js';
import {
  CALL_HEADER,
  CALL_ID_PATTERN,
  CLIENT_HEADER,
  REF_HEADER,
  UNREF_ENDPOINT,
  type OpenBody,
} from '../protocol/messages.js';
import { wireReferenceOf } from '../client/reference-proxy.js';
import type { ReferenceNode } from '../schema/schema-types.js';
import { encode } from '../schema/decode.js';
import { RouterCallContext } from './call-context.js';
import type { CallInput, CallOutput } from './call-input.js';
import { readCallBody, type CallBody } from './read-call-body.js';
import { decodeArgs } from './decode-args.js';
import { findRoute } from './find-route.js';
import { errorOutput, failure, resultOutput, voidOutput } from './outputs.js';
import { resolveCallbacks, type WebhookResolver } from './resolve-callbacks.js';
import { callNameOf } from './auth/call-name.js';
import { createGuard } from './auth/create-guard.js';
import type { LiveAuthority } from './auth/live-authority.js';
import { LivePrincipal } from './auth/live-principal.js';
import { ANONYMOUS, type Principal } from './auth/principal.js';
import type { RequestGuard } from './auth/request-guard.js';
import type { FaultContext } from './fault-context.js';
import { OriginPolicy } from './origin/origin-policy.js';
import {
  normaliseBase,
  resolveLimits,
  type CallbackResolver,
  type RouterLimits,
  type RouterOptions,
} from './router-options.js';
import { createRouteTable, type MethodRoute, type RouteTable } from './route-table.js';
import { DepthWatch } from './json/depth-watch.js';
import { CALL_BODY, parseLimitedJson } from './json/parse-limited-json.js';
import { createEventChannel } from './events/create-event-channel.js';
import { answerEventEndpoint } from './events/event-endpoints.js';
import type { EventChannel } from './events/event-channel.js';
import { unknownRef } from './events/references.js';
import { drainingError } from './events/gone-error.js';
import type { UpgradeRequest } from './ws/ws-peer.js';
import { isJson, requirePreflight } from './origin/require-preflight.js';
import { CallObserver } from './observe/call-observer.js';
import { Probes } from './observe/probes.js';
import { Readiness } from './observe/readiness.js';
import { ADMIN_SERVICE } from './admin/admin-contract.js';
import { resolveAdmin } from './admin/admin-options.js';
import { AdminPage } from './admin/admin-page.js';
import { AdminWatch } from './admin/admin-watch.js';
import { withAdmin } from './admin/with-admin.js';

/** The transport-neutral router: `CallInput` in, `CallOutput` out. Never throws. */
export class RouterCore {
  readonly base: string;
  readonly table: RouteTable;
  readonly limits: RouterLimits;
  /** Which pages may use the server (the `origins` option); adapters ask it about WebSocket upgrades. */
  readonly origins: OriginPolicy;
  readonly #options: RouterOptions;
  readonly #channel: EventChannel | undefined;
  readonly #resolver: CallbackResolver | undefined;
  /** Auth, access rules and client ownership; `undefined` without an auth hook (every caller anonymous). */
  readonly #guard: RequestGuard | undefined;
  /** Calls running now (HTTP and socket): a drain waits for them. */
  #running = 0;
  /** Calls with an id running now, by `{client} {call}`: a resend that arrives meanwhile waits for the same answer. */
  readonly #callsRunning = new Map<string, Promise<CallOutput>>();
  /** Set once a drain has closed the channel: what still arrives is answered 503 `DRAINING` (nothing runs). */
  #drained = false;
  /** Whether `_ready` says ready: the app's flag, draining, the store's ping. */
  readonly readiness: Readiness;
  readonly #probes: Probes | undefined;
  /** Metrics and spans of calls; `undefined` when both are off. */
  readonly #calls: CallObserver | undefined;

  /** The admin page and its watchers; `undefined` when `admin` is off. */
  readonly #admin: { readonly page: AdminPage; readonly watch: AdminWatch } | undefined;

  constructor(given: RouterOptions) {
    this.base = normaliseBase(given.base);
    const report = (error: unknown, where: FaultContext): void => this.#report(error, where);
    const admin = resolveAdmin(
      given.admin,
      given.auth !== undefined,
      given.events !== false && given.callbacks === undefined,
    );
    const watch =
      admin &&
      new AdminWatch(admin, (error) => report(error, { service: ADMIN_SERVICE, method: 'watch' }));
    const options = admin && watch ? withAdmin(given, admin, watch.registration) : given;
    this.table = createRouteTable(options.services);
    this.limits = resolveLimits(options.limits);
    this.#options = options;
    this.origins = new OriginPolicy(options.origins, (error) =>
      report(error, { service: '(origins)', method: 'allow' }),
    );
    const channel = (this.#channel = createEventChannel(options, this.limits, report, (client) =>
      this.#guard?.ended(client),
    ));
    if (admin && watch && channel) {
      watch.bind(channel);
      this.#admin = { page: new AdminPage(this.base, admin), watch };
    }
    this.#resolver =
      channel === undefined
        ? options.callbacks
        : (client, callbackInterface, id) => channel.standIn(client, callbackInterface, id);
    this.#guard = createGuard(
      options,
      this.table,
      channel,
      this.limits,
      (error) => report(error, { service: '(auth)', method: 'auth' }),
      this.base,
    );
    this.readiness = new Readiness(
      channel?.options.store,
      (options.probes === false ? undefined : options.probes?.storeTimeout) ?? 2000,
    );
    this.#probes = options.probes === false ? undefined : new Probes(this.base, this.readiness);
    this.#calls =
      options.metrics === undefined && options.tracing === undefined && options.onCall === undefined
        ? undefined
        : new CallObserver(options.metrics, options.tracing, options.onCall, (error) =>
            report(error, { service: '(onCall)', method: 'onCall' }),
          );
  }

  /** Answers one request; every failure becomes an error answer, never an exception. */
  handle(input: CallInput): Promise<CallOutput> {
    // Probes first: a draining process still says it lives, and that it is not ready.
    if (this.#probes?.owns(input.pathname) === true) return this.#probes.answer(input);
    if (this.#drained) return Promise.resolve(errorOutput(drainingError()));
    // A web page's request (it names its origin) is checked first, before the auth hook could act on its cookies.
    const origin = input.header('origin');
    return origin === undefined
      ? this.#admitted(input)
      : this.origins.handle(input, origin, this.#admitted);
  }

  /** Not async itself: without auth the hot path adds no promise of its own. */
  readonly #admitted = (input: CallInput): Promise<CallOutput> =>
    this.#guard === undefined ? this.#route(input, ANONYMOUS) : this.#guarded(this.#guard, input);

  async #guarded(guard: RequestGuard, input: CallInput): Promise<CallOutput> {
    // The hook is told the method a call reaches, decoded as routed: `/Ticker/%61dd` is `Ticker.add` to it too.
    const found = this.#isEndpoint(input)
      ? undefined
      : findRoute(this.table, this.base, input.pathname);
    const call =
      found === undefined || found instanceof ContractError ? undefined : callNameOf(found);
    const principal = await guard.authenticate(input, call);
    // Refused before its body is read: the transport closes the connection (closingUnread) rather than read the upload.
    if (principal instanceof ContractError) return errorOutput(principal);
    return this.#route(input, principal, found);
  }

  /**
   * The caller of a WebSocket upgrade (the auth hook on the upgrade
   * request), or the refusal to answer; the anonymous principal when the
   * router has no hook.
   */
  async authenticateUpgrade(upgrade: UpgradeRequest): Promise<Principal | ContractError> {
    return this.#guard === undefined ? ANONYMOUS : this.#guard.authenticateUpgrade(upgrade);
  }

  /** A new client for `principal` (with auth: owned by it, within its client limit; throws the 429). */
  openClient(principal: Principal): Promise<OpenBody> {
    const channel = this.#channel as EventChannel;
    return this.#guard === undefined ? channel.open() : this.#guard.open(principal);
  }

  /** `undefined` when `principal` may use `client` (always, without auth), else the 403 `FOREIGN_CLIENT`. */
  async checkOwner(principal: Principal, client: string): Promise<ContractError | undefined> {
    return this.#guard?.own(principal, client);
  }

  /**
   * Not async itself: a parked long poll must not hold a suspended frame here (memory per idle client).
   * `found`: the route of a call, when the guard looked it up already.
   */
  #route(
    input: CallInput,
    principal: Principal,
    found?: MethodRoute | ContractError,
  ): Promise<CallOutput> {
    // The admin page, when on: after the auth hook (its 401), before the protocol's own paths.
    if (this.#admin?.page.owns(input.pathname) === true)
      return Promise.resolve(this.#admin.page.answer(input, principal));
    const endpoint =
      this.#channel === undefined ? undefined : protocolEndpoint(input.pathname, this.base);
    if (endpoint === UNREF_ENDPOINT) return this.#unref(input);
    return endpoint !== undefined
      ? this.#endpoint(endpoint, input, principal)
      : this.#routeCall(
          input,
          principal,
          found ?? findRoute(this.table, this.base, input.pathname),
        );
  }

  /** Whether `input` is for a protocol endpoint (`_open`...), served by the event channel. */
  #isEndpoint(input: CallInput): boolean {
    return this.#channel !== undefined && protocolEndpoint(input.pathname, this.base) !== undefined;
  }

  async #routeCall(
    input: CallInput,
    principal: Principal,
    route: MethodRoute | ContractError,
  ): Promise<CallOutput> {
    if (route instanceof ContractError) return errorOutput(route);
    if (input.httpMethod !== 'POST') {
      return errorOutput(
        new ContractError(
          'METHOD_NOT_ALLOWED',
          `Calls are POST requests, not ${input.httpMethod}.`,
        ),
        { allow: 'POST' },
      );
    }
    if (!isJson(input.header('content-type'))) {
      return failure(
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the arguments as JSON with the header content-type: application/json.',
      );
    }
    // Access rules before the body: a refused caller costs no reading or parsing (and the connection closes on an unread body).
    const denied = this.#guard?.permit(principal, route.service, route.method);
    if (denied !== undefined) return errorOutput(denied);
    const read = await this.#readArgs(input);
    if ('refused' in read) return read.refused;
    const body = parseBody(read.text, this.limits);
    if (body instanceof ContractError) return errorOutput(body);
    return this.#call(route, input, body, principal, 'http');
  }

  /**
   * Answers a call that arrived already parsed (a WebSocket frame): `input`
   * names the route (`pathname`) and the client (its header); `args` is the
   * argument array. The same checks and answers as over HTTP, without the
   * HTTP-only ones (method, content type, body size: the frame was checked).
   * `caller` is the socket's: with an auth hook its `LivePrincipal`, which
   * gives the principal of this call (by default the hook runs again, told
   * the call's decoded names); its client's ownership was checked when the
   * socket said hello, so it is not again.
   */
  async handleParsed(
    input: CallInput,
    args: unknown,
    caller: Principal | LivePrincipal = ANONYMOUS,
  ): Promise<CallOutput> {
    if (this.#drained) return errorOutput(drainingError());
    const route = findRoute(this.table, this.base, input.pathname);
    if (route instanceof ContractError) return errorOutput(route);
    let principal: Principal;
    if (caller instanceof LivePrincipal) {
      const current = await caller.forCall(callNameOf(route));
      if (current instanceof ContractError) return errorOutput(current);
      principal = current;
    } else principal = caller;
    if (!Array.isArray(args))
      return errorOutput(
        new ContractError(
          'BAD_REQUEST',
          'The arguments must be a JSON array, e.g. ["lobby", 3] (or [] for none).',
        ),
      );
    return this.#call(route, input, args, principal, 'socket');
  }

  /** The open sockets' principals, kept current; `undefined` without an auth hook. */
  get liveAuthority(): LiveAuthority | undefined {
    return this.#guard?.live;
  }

  /** `router.disconnect`: closes the principal's sockets and answers its parked polls, in this process; how many. */
  disconnect(principalId: string, reason?: string): Promise<number> {
    return this.#guardFor('disconnect').disconnect(principalId, reason);
  }

  /** `router.disconnectClient`: the same for one client. */
  disconnectClient(client: string, reason?: string): number {
    return this.#guardFor('disconnectClient').disconnectClient(client, reason);
  }

  /** `router.reauthenticate`: re-checks the principal's open sockets (every one without it) now. */
  reauthenticate(principalId?: string): Promise<void> {
    return this.#guardFor('reauthenticate').live.reauthenticate(principalId);
  }

  #guardFor(what: string): RequestGuard {
    if (this.#guard === undefined)
      throw new TypeError(
        `contract-gen: ${what} acts on principals, which only a router with an auth hook has (createRouter({ auth }))`,
      );
    return this.#guard;
  }

  /** Set by `createWebhooks(router, { fromClients: true })`: callers may pass `{"$webhook": ...}` for callbacks. */
  webhookResolver: WebhookResolver | undefined;

  /** The event channel, for transports that serve it other than over HTTP (WebSocket); `undefined` when off. */
  get channel(): EventChannel | undefined {
    return this.#channel;
  }

  /** Reports a server fault to `onError` (never throws). */
  report(error: unknown, where: FaultContext): void {
    this.#report(error, where);
  }

  /** Stops the event channel's timers and answers parked polls. */
  async close(): Promise<void> {
    this.#admin?.watch.stop();
    await this.#channel?.stop();
  }

  /** `router.drain`: see there. */
  async drain(timeout: number): Promise<void> {
    const deadline = Date.now() + timeout;
    // `_ready` answers 503 from now on, so a load balancer stops sending new clients here.
    this.readiness.draining = true;
    await this.#channel?.drain(timeout);
    while (this.#running > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await this.#channel?.retire();
    this.#drained = true;
    await this.close();
  }

  /** Plain promises, no async function: what a parked poll holds is what an idle client costs. */
  #endpoint(endpoint: string, input: CallInput, principal: Principal): Promise<CallOutput> {
    let answer: CallOutput | Promise<CallOutput>;
    try {
      answer = answerEventEndpoint(
        this.#channel as EventChannel,
        endpoint,
        input,
        this.limits,
        this.#guard?.gate(principal),
      );
    } catch (error) {
      return Promise.resolve(this.#endpointFailed(error, endpoint));
    }
    return answer instanceof Promise
      ? answer.then(undefined, (error: unknown) => this.#endpointFailed(error, endpoint))
      : Promise.resolve(answer);
  }

  #endpointFailed(error: unknown, endpoint: string): CallOutput {
    if (error instanceof ContractError) return errorOutput(error);
    // The store failed (a lost database connection): a server fault, not the client's.
    this.#report(error, { service: '(events)', method: endpoint });
    return errorOutput(undefined);
  }

  /** `via`: over HTTP the access rules were checked before the body was read; a socket's client was checked at its hello. */
  #call(
    route: MethodRoute,
    input: CallInput,
    body: unknown[],
    principal: Principal,
    via: 'http' | 'socket',
  ): Promise<CallOutput> {
    const calls = this.#calls;
    if (calls === undefined) return this.#run(route, input, body, principal, via);
    const transport = via === 'http' ? 'http' : 'websocket';
    const caller = { client: input.header(CLIENT_HEADER), principal: principal.id };
    return calls.call(route.service, route.method, transport, caller, () =>
      this.#run(route, input, body, principal, via),
    );
  }

  async #run(
    route: MethodRoute,
    input: CallInput,
    body: unknown[],
    principal: Principal,
    via: 'http' | 'socket',
  ): Promise<CallOutput> {
    const client = input.header(CLIENT_HEADER);
    const ctx = new RouterCallContext(route.service, route.method, client, input, principal);
    this.#running++;
    try {
      if (this.#guard !== undefined) await this.#admit(route, principal, client, via);
      // The call's id across resends (docs/protocol.md): its answer is recorded, and a resend gets it.
      const call = this.#channel === undefined ? undefined : callId(input, client);
      // A call naming its client keeps that client alive, and is refused (410) once it has ended.
      if (client !== undefined && this.#channel !== undefined) await this.#channel.touch(client);
      // A reference result lives with the calling client: without one there is nothing to bind it to.
      if (route.result.kind === 'reference' && client === undefined) throw referenceNeedsClient();
      const ref = input.header(REF_HEADER);
      if (call === undefined) return await this.#execute(route, body, ctx, client, undefined, ref);
      const recorded = await (this.#channel as EventChannel).recordedCall(client as string, call);
      if (recorded !== undefined) return recorded;
      // A resend that arrives while the first sending still runs here waits for its answer.
      const key = `${client as string} ${call}`;
      let running = this.#callsRunning.get(key);
      if (running === undefined) {
        running = this.#execute(route, body, ctx, client, call, ref);
        this.#callsRunning.set(key, running);
        const done = () => this.#callsRunning.delete(key);
        running.then(done, done);
      }
      return await running;
    } catch (error) {
      if (!(error instanceof ContractError)) this.#fault(error, route);
      return errorOutput(error);
    } finally {
      this.#running--;
    }
  }

  /** Decodes the arguments and runs the handler; with a call id, records its answer with its events. */
  async #execute(
    route: MethodRoute,
    body: unknown[],
    ctx: RouterCallContext,
    client: string | undefined,
    call: string | undefined,
    ref: string | undefined,
  ): Promise<CallOutput> {
    let result: unknown;
    let ran = false;
    try {
      const args = decodeArgs(route, body, this.limits);
      if (route.hasCallbacks)
        await resolveCallbacks(route, args, ctx, this.#resolver, this.webhookResolver);
      args[args.length - 1] = ctx;
      const handlers =
        ref !== undefined
          ? await this.#referenced(route, ref)
          : (route.handlers ?? this.#instance(route, client));
      // A shared service's handler is looked up once; an instance's (per client, or a reference's) per call.
      const handler =
        (ref === undefined ? route.handler : undefined) ??
        ((handlers as Record<string, unknown>)[route.method] as (...args: unknown[]) => unknown);
      ran = true;
      result =
        call === undefined
          ? handler.apply(handlers, args)
          : (this.#channel as EventChannel).inCall(client as string, call, () =>
              handler.apply(handlers, args),
            );
      // Synchronous handlers skip a microtask; thenables of any kind are awaited.
      if (typeof (result as PromiseLike<unknown> | null)?.then === 'function')
        result = await result;
      if (call !== undefined)
        return await this.#recorded(client as string, call, this.#answerOf(route, result, client));
      // Events the call published are stored before it is answered (a batching store may still hold them).
      const flushed = this.#channel?.flush();
      if (flushed !== undefined) await flushed;
    } catch (error) {
      if (!(error instanceof ContractError)) this.#fault(error, route);
      const output = errorOutput(error);
      // The handler's own refusal (a ServiceError, 4xx) is its answer, recorded like a result.
      if (ran && call !== undefined && output.status < 500)
        return this.#recorded(client as string, call, output).catch((failure: unknown) => {
          this.#fault(failure, route);
          return errorOutput(undefined);
        });
      return output;
    }
    return this.#answerOf(route, result, client);
  }

  /** The answer of a call that returned `result`: a reference for a method whose result is a service. */
  #answerOf(route: MethodRoute, result: unknown, client: string | undefined): CallOutput {
    return route.result.kind === 'reference'
      ? this.#answerReference(route, result, client)
      : this.#answer(route, result);
  }

  /** The instance a call through reference `ref` runs on; its owner client counts the call as activity. */
  async #referenced(route: MethodRoute, ref: string): Promise<object> {
    const channel = this.#channel;
    if (channel === undefined)
      throw new ContractError('UNKNOWN_REF', 'This server hands out no references.');
    const { handlers, owner } = channel.references.lookup(ref, route.service);
    // The owner's end is the reference's, not the caller's: never a 410, which would tell the caller its own client ended.
    await channel.touch(owner).catch(() => {
      throw unknownRef(route.service);
    });
    return handlers;
  }

  /**
   * A method whose result is a service: a reference proxy the handler got
   * from another server is passed on as it is (with that server's URL); any
   * other object is the implementation, handed out as an instance owned by
   * the calling client.
   */
  #answerReference(route: MethodRoute, result: unknown, client: string | undefined): CallOutput {
    try {
      const service = (route.result as ReferenceNode).service();
      const passed = wireReferenceOf(result);
      if (passed !== undefined) {
        if (passed.$service !== service.name)
          throw new TypeError(
            `contract-gen: ${route.service}.${route.method} returned a reference to a ${passed.$service}, not a ${service.name}`,
          );
        return resultOutput(JSON.stringify(passed));
      }
      if (typeof result !== 'object' || result === null)
        throw new TypeError(
          `contract-gen: ${route.service}.${route.method} must return the ${service.name} implementation (an object)`,
        );
      const channel = this.#channel as EventChannel;
      const ref = channel.issueReference(client as string, service, result);
      return resultOutput(JSON.stringify({ $service: service.name, ref }));
    } catch (error) {
      this.#fault(error, route);
      return errorOutput(undefined);
    }
  }

  /**
   * A call's argument array (or `_unref`'s list) as text: nesting past
   * `maxDepth` is refused at the chunk that shows it, and the rest is not
   * read, so the connection closes.
   */
  #readArgs(input: CallInput): Promise<CallBody> {
    return readCallBody(input, this.limits, new DepthWatch(this.limits.maxDepth, CALL_BODY));
  }

  /** `POST {base}/_unref` with a JSON array of reference tokens: those instances are disposed. */
  async #unref(input: CallInput): Promise<CallOutput> {
    if (input.httpMethod !== 'POST')
      return errorOutput(new ContractError('METHOD_NOT_ALLOWED', 'Use POST for _unref.'), {
        allow: 'POST',
      });
    // As _open: a cross-site form cannot send it (so another site cannot release its visitors' references).
    const refused = requirePreflight(input);
    if (refused !== undefined) return refused;
    const read = await this.#readArgs(input);
    if ('refused' in read) return read.refused;
    const body = parseLimitedJson(read.text, this.limits, CALL_BODY);
    if (
      !Array.isArray(body) ||
      body.length > this.limits.maxItems ||
      !body.every((token) => typeof token === 'string')
    )
      return failure(
        'BAD_REQUEST',
        'The body of _unref must be a JSON array of reference tokens, e.g. ["hys-ysemB9pH3NjHjfJQxw"].',
      );
    this.#channel?.references.release(body, (error, service) =>
      this.#report(error, { service, method: '(dispose)' }),
    );
    return voidOutput;
  }

  /**
   * Records `output` as the answer of the call `call`, with the events the call appended (one store
   * write, where the store can), and answers it once stored. A server fault (5xx) is not recorded.
   */
  async #recorded(client: string, call: string, output: CallOutput): Promise<CallOutput> {
    const channel = this.#channel as EventChannel;
    if (output.status < 500) channel.recordCall(client, call, output);
    const flushed = channel.flush();
    if (flushed !== undefined) await flushed;
    return output;
  }

  /** Throws the 403 when the access rules refuse a socket's call, or an HTTP call names a client that is not the caller's. */
  async #admit(
    route: MethodRoute,
    principal: Principal,
    client: string | undefined,
    via: 'http' | 'socket',
  ): Promise<void> {
    const guard = this.#guard as RequestGuard;
    let refusal: ContractError | undefined;
    if (via === 'socket') refusal = guard.permit(principal, route.service, route.method);
    else if (client !== undefined && this.#channel !== undefined)
      refusal = await guard.own(principal, client);
    if (refusal !== undefined) throw refusal;
  }

  #answer(route: MethodRoute, result: unknown): CallOutput {
    if (route.isVoid) return voidOutput;
    try {
      return resultOutput(JSON.stringify(encode(route.descriptor.result, result, 'result')));
    } catch (error) {
      // The handler returned something its contract cannot carry: the server's fault, not the caller's.
      this.#fault(error, route);
      return errorOutput(undefined);
    }
  }

  /** The calling client's instance of a per-client service. */
  #instance(route: MethodRoute, client: string | undefined): object {
    const { registration } = route;
    if (registration.lifetime === 'referenced')
      throw new ContractError(
        'BAD_REQUEST',
        `${route.service} is reached through references only: call it with the ${REF_HEADER} header a method returning it gave.`,
      );
    if (registration.lifetime !== 'per-client')
      throw new TypeError('unreachable: a shared route without handlers');
    if (client === undefined) {
      const message = `${route.service} keeps one instance per client, so its calls need the ${CLIENT_HEADER} header: open a client with POST {base}/_open first.`;
      throw new ContractError('BAD_REQUEST', message);
    }
    return (this.#channel as EventChannel).instance(client, registration);
  }

  #fault(error: unknown, route: MethodRoute): void {
    this.#report(error, { service: route.service, method: route.method });
  }

  #report(error: unknown, where: FaultContext): void {
    try {
      if (this.#options.onError !== undefined) this.#options.onError(error, where);
      else console.error(`contract-gen: ${where.service}.${where.method} failed:`, error);
    } catch {
      // A failing error hook must not take the answer down with it.
    }
  }
}

function referenceNeedsClient(): ContractError {
  return new ContractError(
    'BAD_REQUEST',
    `This method returns a service instance, which lives with the calling client, so its calls need the ${CLIENT_HEADER} header: open a client with POST {base}/_open first.`,
  );
}

/**
 * The call id of `input` (`x-contract-call`), checked: 400 for one that is not a call id, or that
 * comes without the client it belongs to. `undefined` when the call has none.
 */
function callId(input: CallInput, client: string | undefined): string | undefined {
  const call = input.header(CALL_HEADER);
  if (call === undefined) return undefined;
  if (!CALL_ID_PATTERN.test(call))
    throw new ContractError(
      'BAD_REQUEST',
      `${CALL_HEADER} must be a call id: 1 to 64 characters of A-Z a-z 0-9 _ -, not ${JSON.stringify(call.slice(0, 80))}.`,
    );
  if (client === undefined)
    throw new ContractError(
      'BAD_REQUEST',
      `A call with ${CALL_HEADER} needs the ${CLIENT_HEADER} header too (calls are remembered per client): open a client with POST {base}/_open first.`,
    );
  return call;
}

/** The protocol endpoint a path names (`/_open`...): one segment under the base, starting with `_`. */
function protocolEndpoint(pathname: string, base: string): string | undefined {
  const at = base.length;
  if (
    pathname.charCodeAt(at + 1) !== 95 /* _ */ ||
    pathname.charCodeAt(at) !== 47 /* / */ ||
    !pathname.startsWith(base)
  )
    return undefined;
  return pathname.indexOf('/', at + 1) === -1 ? pathname.slice(at) : undefined;
}

function parseBody(text: string, limits: RouterLimits): unknown[] | ContractError {
  const body = parseLimitedJson(text, limits, CALL_BODY);
  if (body instanceof ContractError || Array.isArray(body)) return body;
  return new ContractError(
    'BAD_REQUEST',
    'The body must be a JSON array of the arguments in order, e.g. ["lobby", 3] (or [] for none).',
  );
}
