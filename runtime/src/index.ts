/**
 * `@contract-gen/runtime`: the markers contracts are written with, and the
 * runtime's version. Everything else is under the subpaths: `/client`,
 * `/server` (web-standard), `/server/node`, `/server/sqlite`,
 * `/server/redis`, `/schema` and `/protocol`.
 *
 * Contracts usually import the markers from `contract-gen` (the generator);
 * importing them from here instead lets a project that installs only the
 * runtime type-check its contracts. Both are the same empty interfaces.
 */

/** Marks an interface as a service: methods a client calls on the server, each returning `Promise<T>`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Service {}

/** Marks an interface as a callback interface: one-way events the server sends a client; every method returns `void`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Callback {}

export { RUNTIME_VERSION } from './version.js';
export { isRuntimeCompatible, requireRuntime } from './require-runtime.js';
