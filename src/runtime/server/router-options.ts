import type { CallbackInterfaceDescriptor } from '../schema/schema-types.js';
import type { DecodeLimits } from '../schema/limits.js';
import { defaultLimits } from '../schema/limits.js';
import type { CallContext } from './call-context.js';
import type { ServiceRegistration } from './define-service.js';
import type { EventOptions } from './events/event-options.js';
import type { ReleasedCallback } from './events/stand-in.js';

/** Bounds on what one request may cost. */
export interface RouterLimits extends DecodeLimits {
  /** Largest request body in bytes; larger ones get 413 without being buffered. */
  readonly maxBodyBytes: number;
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

/**
 * Where a server fault happened, for `onError`. For a fault in an event (a
 * stand-in call whose arguments cannot be sent) or in a release listener,
 * `service` is the callback interface and `client`/`callback` say whose.
 */
export interface FaultContext {
  readonly service: string;
  readonly method: string;
  readonly client?: string;
  readonly callback?: number;
}

/** Options of `createRouter`. */
export interface RouterOptions {
  /** The services to serve (`chatHandlers(impl)`, `defineService(...)`). */
  readonly services: readonly ServiceRegistration[];
  /** Where the router is mounted, e.g. `/api`; calls are `POST {base}/{Service}/{method}`. Default `''`. */
  readonly base?: string;
  /** Overrides of the default limits (1 MiB bodies, depth 64, ...). */
  readonly limits?: Partial<RouterLimits>;
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
}

/** The default router limits. */
export const defaultRouterLimits: RouterLimits = Object.freeze({ ...defaultLimits, maxBodyBytes: 1_048_576 });

/** `base` normalised: a leading slash, no trailing one, `''` for the root. */
export function normaliseBase(base: string | undefined): string {
  if (base === undefined || base === '' || base === '/') return '';
  const trimmed = base.replace(/\/+$/, '');
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}
