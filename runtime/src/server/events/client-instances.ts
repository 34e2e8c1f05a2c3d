import { checkHandlers, type ServiceRegistration } from '../define-service.js';
import type { FaultContext } from '../fault-context.js';
import type { LiveClient } from './live-client.js';

/** `Symbol.dispose` where the runtime has it (Node 20 does; older engines may not). */
const disposeSymbol: symbol | undefined = (Symbol as { dispose?: symbol }).dispose;

/**
 * The client's instance of a per-client service, made by the registration's
 * factory on first use. Throws a `TypeError` (a server fault) when the
 * factory's object lacks a handler.
 */
export function clientInstance(
  live: LiveClient,
  registration: ServiceRegistration & { lifetime: 'per-client' },
): object {
  const instances = (live.instances ??= new Map<ServiceRegistration, object>());
  let instance = instances.get(registration);
  if (instance === undefined) {
    instance = registration.create({ id: live.id });
    checkHandlers(registration.descriptor, instance);
    instances.set(registration, instance);
  }
  return instance;
}

/** Disposes every per-client instance of an ended client: `[Symbol.dispose]()` or else `dispose()`. */
export function disposeInstances(
  live: LiveClient,
  fault: (error: unknown, where: FaultContext) => void,
): void {
  const instances = live.instances;
  live.instances = undefined;
  if (instances === undefined) return;
  for (const [registration, instance] of instances) {
    const where = { service: registration.descriptor.name, method: '(dispose)', client: live.id };
    disposeInstance(instance, (error) => fault(error, where));
  }
}

/** Calls `instance[Symbol.dispose]()` or else `instance.dispose()`, if it has one; a throw or rejection goes to `fault`. */
export function disposeInstance(instance: object, fault: (error: unknown) => void): void {
  const record = instance as Record<PropertyKey, unknown>;
  const dispose =
    disposeSymbol !== undefined && typeof record[disposeSymbol] === 'function'
      ? record[disposeSymbol]
      : record['dispose'];
  if (typeof dispose !== 'function') return;
  try {
    const done: unknown = dispose.call(instance);
    if (typeof (done as PromiseLike<unknown> | null)?.then === 'function') {
      Promise.resolve(done).catch(fault);
    }
  } catch (error) {
    fault(error);
  }
}
