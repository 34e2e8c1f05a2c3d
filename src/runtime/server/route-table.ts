import { nodeOf, type CallbackInterfaceDescriptor, type MethodDescriptor, type SchemaNode } from '../schema/schema-types.js';
import type { ServiceRegistration } from './define-service.js';

/** One parameter, prepared for the decode loop. */
export interface ParamRoute {
  /** The schema to decode with (an optional one reads `null` as absent). */
  readonly node: SchemaNode;
  /** Set for a callback parameter, which is resolved by the router's hook instead of decoded. */
  readonly callback: CallbackInterfaceDescriptor | undefined;
}

/** Everything the router needs for one method, computed once at startup. */
export interface MethodRoute {
  readonly service: string;
  readonly method: string;
  readonly descriptor: MethodDescriptor;
  readonly handlers: object;
  readonly handler: (...args: unknown[]) => unknown;
  readonly params: readonly ParamRoute[];
  readonly required: number;
  /** Whether any parameter is a callback (those calls take the slower path). */
  readonly hasCallbacks: boolean;
  readonly result: SchemaNode;
  /** `void` methods answer `{"result":null}` whatever the handler returned. */
  readonly isVoid: boolean;
}

/** Services by name, each with its methods by name. Maps, so `toString` in a URL finds nothing. */
export type RouteTable = ReadonlyMap<string, ReadonlyMap<string, MethodRoute>>;

/** Builds the route table; throws on two services with the same name. */
export function createRouteTable(services: readonly ServiceRegistration[]): RouteTable {
  const table = new Map<string, Map<string, MethodRoute>>();
  for (const { descriptor, handlers } of services) {
    if (table.has(descriptor.name)) throw new TypeError(`contract-gen: service ${descriptor.name} is registered twice`);
    const methods = new Map<string, MethodRoute>();
    for (const [name, method] of Object.entries(descriptor.methods)) {
      methods.set(name, methodRoute(descriptor.name, name, method, handlers));
    }
    table.set(descriptor.name, methods);
  }
  return table;
}

function methodRoute(service: string, method: string, descriptor: MethodDescriptor, handlers: object): MethodRoute {
  const params = descriptor.params.map((schema): ParamRoute => {
    const outer = nodeOf(schema);
    const inner = outer.kind === 'optional' ? outer.inner : outer;
    return { node: outer, callback: inner.kind === 'callback' ? inner.callbackInterface : undefined };
  });
  const result = nodeOf(descriptor.result);
  return {
    service,
    method,
    descriptor,
    handlers,
    handler: (handlers as Record<string, (...args: unknown[]) => unknown>)[method] as (...args: unknown[]) => unknown,
    params,
    required: descriptor.required,
    hasCallbacks: params.some((p) => p.callback !== undefined),
    result,
    isVoid: result.kind === 'void',
  };
}
