import type { WireReference } from '../schema/reference-schema.js';
import type { ServiceDescriptor } from '../schema/schema-types.js';
import type { Connection } from './connection.js';

/** What a reference proxy stands for; read with `referenceOf`. */
export interface HeldReference {
  /** The referenced service. */
  readonly service: ServiceDescriptor;
  /** The capability token the issuing server gave. */
  readonly ref: string;
  /** The issuing server's base URL (the connection the proxy calls through). */
  readonly url: string;
  /** The connection to the issuing server (shared per origin). */
  readonly connection: Connection;
}

const held = new WeakMap<object, HeldReference>();

/** `Symbol.dispose` / `Symbol.asyncDispose` where the runtime has them. */
const disposeSymbol: symbol | undefined = (Symbol as { dispose?: symbol }).dispose;
const asyncDisposeSymbol: symbol | undefined = (Symbol as { asyncDispose?: symbol }).asyncDispose;

/**
 * The typed proxy of a service reference: the service's methods, each a
 * call through `connection` naming the reference (`x-contract-ref`), plus
 * `Symbol.dispose` / `Symbol.asyncDispose` that release the instance on its
 * server (`releaseReference`). A plain object, not a `Proxy`, and not thenable.
 */
export function referenceProxy(
  connection: Connection,
  service: ServiceDescriptor,
  ref: string,
  url: string,
): object {
  const proxy: Record<PropertyKey, unknown> = {};
  for (const method of Object.keys(service.methods)) {
    proxy[method] = (...args: unknown[]) => connection.call(service, method, args, { ref });
  }
  const release = () => connection.unref(ref);
  if (disposeSymbol !== undefined) proxy[disposeSymbol] = () => void release();
  if (asyncDisposeSymbol !== undefined) proxy[asyncDisposeSymbol] = release;
  held.set(proxy, { service, ref, url, connection });
  return Object.freeze(proxy);
}

/** What `value` refers to, when it is a reference proxy; else `undefined`. */
export function referenceOf(value: unknown): HeldReference | undefined {
  return typeof value === 'object' && value !== null ? held.get(value) : undefined;
}

/** The wire form of a reference proxy, with the issuing server's URL (for passing it on). */
export function wireReferenceOf(value: unknown): WireReference | undefined {
  const found = referenceOf(value);
  return found && { $service: found.service.name, ref: found.ref, url: found.url };
}

/**
 * Releases the instance a reference proxy stands for on its server
 * (`POST {base}/_unref`); later calls through it fail with `UNKNOWN_REF`.
 * Resolves when the server acknowledged; a value that is not a reference
 * proxy is a `TypeError`.
 */
export function releaseReference(proxy: object): Promise<void> {
  const found = referenceOf(proxy);
  if (found === undefined)
    return Promise.reject(
      new TypeError('contract-gen: releaseReference() takes a service reference.'),
    );
  return found.connection.unref(found.ref);
}
