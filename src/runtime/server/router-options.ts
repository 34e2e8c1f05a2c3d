import type { CallbackInterfaceDescriptor } from '../schema/schema-types.js';
import type { DecodeLimits } from '../schema/limits.js';
import { defaultLimits } from '../schema/limits.js';
import type { CallContext } from './call-context.js';
import type { ServiceRegistration } from './define-service.js';

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

/** Options of `createRouter`. */
export interface RouterOptions {
  /** The services to serve (`chatHandlers(impl)`, `defineService(...)`). */
  readonly services: readonly ServiceRegistration[];
  /** Where the router is mounted, e.g. `/api`; calls are `POST {base}/{Service}/{method}`. Default `''`. */
  readonly base?: string;
  /** Overrides of the default limits (1 MiB bodies, depth 64, ...). */
  readonly limits?: Partial<RouterLimits>;
  /** Resolves callback arguments; without it such calls get 501 `NOT_IMPLEMENTED`. */
  readonly callbacks?: CallbackResolver;
  /**
   * Told about every server fault (anything a handler throws that is not a
   * `ContractError`, a result that cannot be encoded), which the caller only
   * sees as a generic 500. Default: `console.error`.
   */
  readonly onError?: (error: unknown, ctx: { readonly service: string; readonly method: string }) => void;
}

/** The default router limits. */
export const defaultRouterLimits: RouterLimits = Object.freeze({ ...defaultLimits, maxBodyBytes: 1_048_576 });

/** `base` normalised: a leading slash, no trailing one, `''` for the root. */
export function normaliseBase(base: string | undefined): string {
  if (base === undefined || base === '' || base === '/') return '';
  const trimmed = base.replace(/\/+$/, '');
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}
