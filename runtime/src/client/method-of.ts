import { ContractError } from '../protocol/contract-error.js';
import type { MethodDescriptor, ServiceDescriptor } from '../schema/schema-types.js';
import { say } from '../messages.js';

/** The descriptor of `method`, or `NOT_FOUND` when the generated client and its schema disagree. */
export function methodOf(service: ServiceDescriptor, method: string): MethodDescriptor {
  const descriptor = Object.hasOwn(service.methods, method) ? service.methods[method] : undefined;
  if (descriptor !== undefined) return descriptor;
  throw new ContractError('NOT_FOUND', say('no-such-method', service.name, method));
}
