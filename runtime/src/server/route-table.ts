import {
  nodeOf,
  type CallbackInterfaceDescriptor,
  type MethodDescriptor,
  type SchemaNode,
} from '../schema/schema-types.js';
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
  readonly registration: ServiceRegistration;
  /** The shared implementation and its handler; undefined for a per-client service (looked up per client). */
  readonly handlers: object | undefined;
  readonly handler: ((...args: unknown[]) => unknown) | undefined;
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
  for (const registration of services) {
    const { descriptor } = registration;
    if (table.has(descriptor.name))
      throw new TypeError(`contract-gen: service ${descriptor.name} is registered twice`);
    const methods = new Map<string, MethodRoute>();
    for (const [name, method] of Object.entries(descriptor.methods)) {
      methods.set(name, methodRoute(name, method, registration));
    }
    table.set(descriptor.name, methods);
  }
  // Services that are only handed out as references get routes too: their calls name the instance (`x-contract-ref`).
  const pending = services.map((registration) => registration.descriptor);
  for (let service = pending.pop(); service !== undefined; service = pending.pop()) {
    for (const method of Object.values(service.methods)) {
      const result = nodeOf(method.result);
      if (result.kind !== 'reference') continue;
      const target = result.service();
      if (table.has(target.name)) continue;
      const registration: ServiceRegistration = { descriptor: target, lifetime: 'referenced' };
      const methods = new Map<string, MethodRoute>();
      for (const [name, m] of Object.entries(target.methods))
        methods.set(name, methodRoute(name, m, registration));
      table.set(target.name, methods);
      pending.push(target);
    }
  }
  return table;
}

function methodRoute(
  method: string,
  descriptor: MethodDescriptor,
  registration: ServiceRegistration,
): MethodRoute {
  const handlers = registration.lifetime === 'shared' ? registration.handlers : undefined;
  const params = descriptor.params.map((schema): ParamRoute => {
    const outer = nodeOf(schema);
    const inner = outer.kind === 'optional' ? outer.inner : outer;
    return {
      node: outer,
      callback: inner.kind === 'callback' ? inner.callbackInterface : undefined,
    };
  });
  const result = nodeOf(descriptor.result);
  return {
    service: registration.descriptor.name,
    method,
    descriptor,
    registration,
    handlers,
    handler: (handlers as Record<string, (...args: unknown[]) => unknown> | undefined)?.[method],
    params,
    required: descriptor.required,
    hasCallbacks: params.some((p) => p.callback !== undefined),
    result,
    isVoid: result.kind === 'void',
  };
}
