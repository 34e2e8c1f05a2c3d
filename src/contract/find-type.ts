import type { CallbackInterface, Contract, NamedType } from './model.js';

interface Index {
  readonly types: Map<string, NamedType>;
  callbacks?: Map<string, CallbackInterface>;
}

/** What a reader of the model looked up, for caches keyed by what an output depends on. */
export interface LookupObserver {
  type(id: string, found: NamedType | undefined): void;
  callback(name: string, found: CallbackInterface | undefined): void;
}

const indexes = new WeakMap<Contract, Index>();
const observers = new WeakMap<Contract, LookupObserver>();

function indexOf(contract: Contract): Index {
  let index = indexes.get(contract);
  if (!index) {
    index = { types: new Map(contract.types.map((t) => [t.id, t])) };
    indexes.set(contract, index);
  }
  return index;
}

/**
 * The named type a `ref` points at, or undefined. Indexed once per contract:
 * checks and emitters resolve refs in loops over every method, where a
 * linear search made a 10,000-method contract quadratic.
 */
export function findType(contract: Contract, id: string): NamedType | undefined {
  const found = indexOf(contract).types.get(id);
  observers.get(contract)?.type(id, found);
  return found;
}

/** The named type a `ref` points at; a dangling ref is a bug of the reader. */
export function lookupType(contract: Contract, id: string): NamedType {
  const found = findType(contract, id);
  if (!found) throw new Error(`contract-gen internal: no named type '${id}' in the model`);
  return found;
}

/** The callback interface of that name (the first, if two share it), or undefined. */
export function findCallback(contract: Contract, name: string): CallbackInterface | undefined {
  const index = indexOf(contract);
  if (!index.callbacks) {
    index.callbacks = new Map();
    for (const c of contract.callbacks)
      if (!index.callbacks.has(c.name)) index.callbacks.set(c.name, c);
  }
  const found = index.callbacks.get(name);
  observers.get(contract)?.callback(name, found);
  return found;
}

/**
 * The same contract (same arrays, same index) under another identity whose
 * lookups through {@link findType} and {@link findCallback} are told to
 * `observer`: the emitter learns which declarations of other files an
 * output depends on.
 */
export function observeLookups(contract: Contract, observer: LookupObserver): Contract {
  const view: Contract = { ...contract };
  indexes.set(view, indexOf(contract));
  observers.set(view, observer);
  return view;
}
