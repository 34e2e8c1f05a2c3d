import type { ServiceDescriptor } from '../schema/schema-types.js';

/** A service descriptor bound to the object that implements it; what `createRouter` serves. */
export interface ServiceRegistration {
  readonly descriptor: ServiceDescriptor;
  /** The implementation; handlers are called with it as `this`. */
  readonly handlers: object;
}

/**
 * Binds `handlers` to the service `descriptor`. Generated code wraps it
 * (`chatHandlers(impl)`) so the handler object is checked against the
 * contract's `ChatHandlers` interface; this checks at run time that every
 * method has a handler, so a missing one fails at startup, not on first call.
 */
export function defineService(descriptor: ServiceDescriptor, handlers: object): ServiceRegistration {
  const missing = Object.keys(descriptor.methods).filter((name) => typeof (handlers as Record<string, unknown>)[name] !== 'function');
  if (missing.length > 0) {
    throw new TypeError(`contract-gen: service ${descriptor.name} has no handler for ${missing.map((m) => `'${m}'`).join(', ')}`);
  }
  return { descriptor, handlers };
}
