import type { Contract, NamedType } from './model.js';

const indexes = new WeakMap<Contract, Map<string, NamedType>>();

/**
 * The named type a `ref` points at, or undefined. Indexed once per contract:
 * checks and emitters resolve refs in loops over every method, where a
 * linear search made a 10,000-method contract quadratic.
 */
export function findType(contract: Contract, id: string): NamedType | undefined {
  let index = indexes.get(contract);
  if (!index) {
    index = new Map(contract.types.map((t) => [t.id, t]));
    indexes.set(contract, index);
  }
  return index.get(id);
}
