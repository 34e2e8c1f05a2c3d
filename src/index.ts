/**
 * `contract-gen`: the markers contracts are written with.
 *
 * ```ts
 * import type { Service, Callback } from 'contract-gen';
 * export interface ChatEvents extends Callback { messagePosted(m: ChatMessage): void }
 * export interface Chat extends Service { join(room: string, events: ChatEvents): Promise<void> }
 * ```
 *
 * Both are empty on purpose: they only say what an interface is. The runtime
 * lives under the subpaths `@contract-gen/runtime/client`, `@contract-gen/runtime/server`,
 * `@contract-gen/runtime/schema` and `@contract-gen/runtime/protocol`.
 */

/** Marks an interface as a service: methods a client calls on the server, each returning `Promise<T>`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Service {}

/** Marks an interface as a callback interface: one-way events the server sends a client; every method returns `void`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Callback {}

export type {
  Type,
  Minimum,
  Maximum,
  ExclusiveMinimum,
  ExclusiveMaximum,
  MultipleOf,
  MinLength,
  MaxLength,
  Pattern,
  Format,
  MinItems,
  MaxItems,
  UniqueItems,
  Int32,
  Uint32,
  Int64,
  Integer,
} from './tags.js';
export { defineConfig } from './config/config.js';
export type { ContractGenConfig, ImportExtension } from './config/config.js';
