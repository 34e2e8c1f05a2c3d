import type { CallbackInterfaceDescriptor } from '../schema/schema-types.js';
import type { DecodeLimits } from '../schema/limits.js';
import { defaultLimits } from '../schema/limits.js';
import type { AccessRules } from './access/access-rules.js';
import type { AdminOptions } from './admin/admin-options.js';
import type { AuthHook } from './auth/auth-request.js';
import type { LiveAuthOptions } from './auth/live-auth-options.js';
import type { CallContext } from './call-context.js';
import type { ServiceRegistration } from './define-service.js';
import type { EventOptions } from './events/event-options.js';
import type { ReleasedCallback } from './events/stand-in.js';
import type { FaultContext } from './fault-context.js';
import type { CallRecord } from './observe/call-record.js';
import type { MetricsOptions, ProbeOptions, TracingOptions } from './observe/observe-options.js';
import type { OriginsOption } from './origin/origin-options.js';

/**
 * Bounds on what one request, one client and one principal may cost: the
 * one place to change them (docs/security.md says what each protects).
 * Every breach is refused with its own code.
 */
export interface RouterLimits extends DecodeLimits {
  /** Largest request body (and WebSocket frame) in bytes; larger ones get 413 `TOO_LARGE` without being buffered. Default 1 MiB. */
  readonly maxBodyBytes: number;
  /** Live callbacks one client may hold (passed as `{"$cb": n}`, not yet released); a call passing one more gets 429 `TOO_MANY_CALLBACKS`. Default 1,000. */
  readonly maxCallbacksPerClient: number;
  /** Live clients one principal may have (with an auth hook; counted per server process); one more `_open` gets 429 `TOO_MANY_CLIENTS`. Default 100. */
  readonly maxClientsPerPrincipal: number;
  /**
   * Unacknowledged events kept per client; past it the `events.overflow`
   * policy applies (drop the oldest and report the gap, or end the client).
   * The same setting as `events.maxQueue` (give one of the two). Default 10,000.
   */
  readonly maxQueue: number;
  /**
   * How long a body refused before its end (413 `TOO_LARGE`, 400 `TOO_DEEP`
   * at the chunk past `maxDepth`) waits for its answer, its connection left
   * unread, before the answer closes it: a sender looping on such bodies gets
   * one refusal per connection per delay. 0 answers at once; at most 10,000.
   * Default 100 ms.
   */
  readonly refusedBodyDelayMs: number;
}

/**
 * Turns a `{"$cb": id}` argument into the stand-in the handler receives.
 * Provided by the callback machinery; may throw a `ContractError`
 * (`UNKNOWN_CLIENT`, ...). `client` is the `X-Contract-Client` header.
 */
export type CallbackResolver = (
  client: string,
  callbackInterface: CallbackInterfaceDescriptor,
  id: number,
  ctx: CallContext,
) => unknown;

/** Options of `createRouter`. */
export interface RouterOptions {
  /** The services to serve (`chatHandlers(impl)`, `defineService(...)`). */
  readonly services: readonly ServiceRegistration[];
  /** Where the router is mounted, e.g. `/api`; calls are `POST {base}/{Service}/{method}`. Default `''`. */
  readonly base?: string;
  /** Overrides of the default limits (1 MiB bodies, depth 64, ...); see `RouterLimits` and docs/security.md. */
  readonly limits?: Partial<RouterLimits>;
  /**
   * Who is calling: run before every request (calls, `_open`, `_events`,
   * `_release`, `_close`), every WebSocket upgrade and every call over a
   * socket (see `liveAuth`), before any body is read; `request.call` names
   * the method a call reaches, decoded. Returns the principal (`ctx.principal` in handlers) or throws
   * `ContractError('UNAUTHENTICATED' | 'FORBIDDEN', ...)`. With a hook, a
   * client belongs to the principal that opened it: others using its id get
   * 403 `FOREIGN_CLIENT`. Without one, every caller is anonymous.
   */
  readonly auth?: AuthHook;
  /**
   * Which groups may call which services and methods, checked before the
   * arguments are decoded; refused calls get 403 `FORBIDDEN` and never reach
   * a handler. Needs `auth`. Checked at startup against the services served;
   * `accessRules([ChatService], {...})` also checks the names at compile time.
   */
  readonly access?: AccessRules;
  /**
   * Web pages of other origins that may use this server (CORS for calls and
   * the event endpoints, and the WebSocket upgrade): `['http://localhost:5173']`,
   * `'*'`, or `OriginOptions` (credentials, the public origin behind a
   * proxy). Default: none. A request with an `Origin` header of another
   * origin than the server's own (and not allowed here) gets 403
   * `ORIGIN_NOT_ALLOWED` before the auth hook runs; requests without one
   * (servers, command lines) are not affected. docs/security.md, Origins.
   */
  readonly origins?: OriginsOption;
  /**
   * How an open WebSocket's principal stays current: re-checked every
   * `interval` ms (default 30,000) by the hook or your cheaper
   * `reauthenticate`, and by the hook on each call over it (`calls`). A
   * socket whose principal is refused is closed (4401, 4403). Needs `auth`;
   * on with the defaults whenever there is one. docs/security.md, "Live authority".
   */
  readonly liveAuth?: LiveAuthOptions;
  /**
   * The event channel: `POST {base}/_open`, `GET {base}/_events`,
   * `POST {base}/_release`, `POST {base}/_close`, callback arguments as
   * stand-ins, per-client services. On by default (with the defaults of
   * `EventOptions`); `false` turns it off (then callback arguments get 501).
   */
  readonly events?: EventOptions | false;
  /**
   * Told of every released callback (the client released it, closed, expired
   * or overflowed), after the stand-in's own release listeners. What it
   * throws or rejects with goes to `onError`.
   */
  readonly onRelease?: (released: ReleasedCallback) => void | Promise<void>;
  /**
   * Your own resolver of callback arguments instead of the event channel
   * (which is then off; giving both `callbacks` and `events` is an error).
   */
  readonly callbacks?: CallbackResolver;
  /**
   * Told about every server fault (anything a handler throws that is not a
   * `ContractError`, a result that cannot be encoded, an event that cannot be
   * sent, a throwing release hook or dispose), which callers only see as a
   * generic 500 or not at all. Default: `console.error`.
   */
  readonly onError?: (error: unknown, ctx: FaultContext) => void;
  /**
   * Metrics through an OpenTelemetry `Meter` you pass (`{ meter:
   * metrics.getMeter('chat') }` from `@opentelemetry/api`): clients, parked
   * polls, queue depth and bytes, events appended, delivered and dropped,
   * delivery lag, calls and their duration. docs/operations.md. Off by
   * default (nothing is counted).
   */
  readonly metrics?: MetricsOptions;
  /**
   * Spans through an OpenTelemetry `Tracer` you pass (`{ tracer:
   * trace.getTracer('chat') }`): a span per call, a `publish` span per
   * event linked to its `deliver` span; events then carry a `trace` member.
   * docs/operations.md. Off by default.
   */
  readonly tracing?: TracingOptions;
  /**
   * `GET {base}/_health` and `GET {base}/_ready`, answered without the auth
   * hook (they tell only whether the server is up and ready). On by
   * default; `false` turns them off. docs/operations.md.
   */
  readonly probes?: ProbeOptions | false;
  /**
   * Told of every answered call, with structured fields (service, method,
   * transport, status, duration, client, principal): an access log.
   * docs/operations.md. What it throws goes to `onError`.
   */
  readonly onCall?: (record: CallRecord) => void;
  /**
   * The admin page at `GET {base}/_admin` (`path`): the live clients with
   * their principal and transport, queue depths, topics and their members,
   * refreshed live over the event channel. Off by default (the path is then
   * unknown, 404). Needs `auth` (a `TypeError` at startup without it), and
   * only principals in a group of `allow` get the page or may watch; others
   * get 403 `FORBIDDEN`. docs/admin.md says what it shows and what exposing
   * it risks.
   */
  readonly admin?: AdminOptions;
}

/** The default router limits. */
export const defaultRouterLimits: RouterLimits = Object.freeze({
  ...defaultLimits,
  maxBodyBytes: 1_048_576,
  maxCallbacksPerClient: 1_000,
  maxClientsPerPrincipal: 100,
  maxQueue: 10_000,
  refusedBodyDelayMs: 100,
});

/** The longest `refusedBodyDelayMs`: a refused body's socket is held that long. */
const MAX_REFUSED_BODY_DELAY = 10_000;

/** The limits that may be 0 (the others must be positive). */
const mayBeZero: ReadonlySet<string> = new Set(['refusedBodyDelayMs']);

/**
 * The limits with the defaults filled in. A `TypeError` at startup for a
 * value that is not a positive integer (`refusedBodyDelayMs` may be 0, and
 * is at most 10,000), and
 * for an unknown name: a misspelt limit must not leave the default in force
 * unnoticed.
 */
export function resolveLimits(limits: Partial<RouterLimits> | undefined): RouterLimits {
  const resolved = { ...defaultRouterLimits, ...limits };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Object.hasOwn(defaultRouterLimits, name))
      throw new TypeError(
        `contract-gen: limits.${name} is not a limit; they are ${Object.keys(defaultRouterLimits).join(', ')}`,
      );
    if (!(Number.isSafeInteger(value) && (value > 0 || (value === 0 && mayBeZero.has(name)))))
      throw new TypeError(
        `contract-gen: limits.${name} must be a ${mayBeZero.has(name) ? 'non-negative' : 'positive'} integer, not ${String(value)}`,
      );
    // A timer past 2^31 - 1 ms fires at once (Node, browsers); a refusal held minutes holds its socket as long.
    if (name === 'refusedBodyDelayMs' && value > MAX_REFUSED_BODY_DELAY)
      throw new TypeError(
        `contract-gen: limits.refusedBodyDelayMs is at most ${MAX_REFUSED_BODY_DELAY} (10 s), not ${String(value)}`,
      );
  }
  return resolved;
}

/** `base` normalised: a leading slash, no trailing one, `''` for the root. */
export function normaliseBase(base: string | undefined): string {
  if (base === undefined || base === '' || base === '/') return '';
  const trimmed = base.replace(/\/+$/, '');
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}
