import type { ServiceDescriptor } from '../schema/schema-types.js';

/** What a per-client implementation learns about its client when it is created. */
export interface ClientInfo {
  /** The client id (`X-Contract-Client`). */
  readonly id: string;
}

/**
 * How long an implementation lives: `shared` (one object serves every
 * caller) or `per-client` (one object per client, made on the client's first
 * call of the service and disposed when the client is released).
 */
export type ServiceLifetime = 'shared' | 'per-client';

/** Options of `defineService`. */
export interface ServiceOptions {
  /** Default `shared`. */
  readonly lifetime?: ServiceLifetime;
}

/** A service descriptor bound to its implementation; what `createRouter` serves. */
export type ServiceRegistration =
  | {
      readonly descriptor: ServiceDescriptor;
      readonly lifetime: 'shared';
      /** The implementation; handlers are called with it as `this`. */
      readonly handlers: object;
    }
  | {
      readonly descriptor: ServiceDescriptor;
      readonly lifetime: 'per-client';
      /** Makes a client's implementation on its first call. */
      readonly create: (client: ClientInfo) => object;
    }
  | {
      readonly descriptor: ServiceDescriptor;
      /**
       * Served only through references (`x-contract-ref`): instances are what
       * methods returning this service gave. The router adds one for every
       * service a served method returns that is not registered itself.
       */
      readonly lifetime: 'referenced';
    };

/**
 * Binds an implementation to the service `descriptor`. Generated code wraps
 * it (`chatHandlers(impl)`) so the implementation is checked against the
 * contract's `ChatHandlers` interface.
 *
 * Shared (the default): `handlers` serves every caller; a missing handler
 * fails here, at startup, not on the first call.
 *
 * Per client: `defineService(ChatService, (client) => new ChatSession(client.id), { lifetime: 'per-client' })`.
 * The factory runs on a client's first call of the service (the call must
 * carry `X-Contract-Client`); its object serves that client's calls only,
 * so it can keep per-client state such as the callbacks it was given. When
 * the client is released (`_close`, expiry, overflow) the object's
 * `[Symbol.dispose]()` or else `dispose()` is called, if it has one.
 */
export function defineService(descriptor: ServiceDescriptor, handlers: object): ServiceRegistration;
export function defineService(
  descriptor: ServiceDescriptor,
  create: (client: ClientInfo) => object,
  options: { readonly lifetime: 'per-client' },
): ServiceRegistration;
export function defineService(
  descriptor: ServiceDescriptor,
  handlers: object,
  options?: ServiceOptions,
): ServiceRegistration;
export function defineService(
  descriptor: ServiceDescriptor,
  handlers: object,
  options: ServiceOptions = {},
): ServiceRegistration {
  const lifetime = options.lifetime ?? 'shared';
  if (lifetime === 'per-client') {
    if (typeof handlers !== 'function') {
      throw new TypeError(
        `contract-gen: service ${descriptor.name} is per-client, so pass a function (client) => handlers`,
      );
    }
    return { descriptor, lifetime, create: handlers as (client: ClientInfo) => object };
  }
  if (lifetime !== 'shared')
    throw new TypeError(
      `contract-gen: lifetime must be 'shared' or 'per-client', not ${JSON.stringify(lifetime)}`,
    );
  checkHandlers(descriptor, handlers);
  return { descriptor, lifetime, handlers };
}

/** Throws a `TypeError` naming every method of `descriptor` that `handlers` lacks. */
export function checkHandlers(descriptor: ServiceDescriptor, handlers: object): void {
  const missing = Object.keys(descriptor.methods).filter(
    (name) => typeof (handlers as Record<string, unknown>)[name] !== 'function',
  );
  if (missing.length > 0) {
    throw new TypeError(
      `contract-gen: service ${descriptor.name} has no handler for ${missing.map((m) => `'${m}'`).join(', ')}`,
    );
  }
}
