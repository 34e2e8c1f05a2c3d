import type { Diagnostic } from './diagnostic.js';
import type { CallbackInterface, Contract, NamedType, ServiceInterface, TypeRef } from './model.js';

/**
 * The contract without the named types no service or callback reaches that
 * cannot cross the wire (`export type U = object` beside the services, a
 * `RegExp` property in a type file copied whole): only what services and
 * callbacks reach is checked. An unreachable type whose own checks find
 * errors (`errorsOf`, the rules that look at one declaration) is left out,
 * without a diagnostic, and so is every unreachable type that refers to one
 * left out; unreachable types that can cross the wire stay, and are emitted
 * as before (a schema a program may want). Returns `contract` itself when
 * nothing is left out.
 */
export function pruneUnreachable(
  contract: Contract,
  errorsOf: (type: NamedType) => readonly Diagnostic[],
): Contract {
  const reached = reachedIds(contract);
  if (reached.size === contract.types.length) return contract;
  const unreachable = contract.types.filter((t) => !reached.has(t.id));
  const dropped = new Set(
    unreachable.filter((t) => errorsOf(t).some((d) => d.severity === 'error')).map((t) => t.id),
  );
  if (dropped.size === 0) return contract;
  // Whatever refers to a dropped type is dropped too, until nothing changes.
  for (let more = true; more;) {
    more = false;
    for (const type of unreachable) {
      if (dropped.has(type.id)) continue;
      if (refsOf(type).some((id) => dropped.has(id))) {
        dropped.add(type.id);
        more = true;
      }
    }
  }
  return { ...contract, types: contract.types.filter((t) => !dropped.has(t.id)) };
}

/** The ids of the named types reached from the services' and callbacks' methods, through other named types. */
export function reachedIds(contract: Contract): Set<string> {
  const byId = new Map(contract.types.map((t) => [t.id, t]));
  const reached = new Set<string>();
  const queue: string[] = [];
  const add = (id: string) => {
    if (!reached.has(id) && byId.has(id)) {
      reached.add(id);
      queue.push(id);
    }
  };
  for (const iface of [...contract.services, ...contract.callbacks]) {
    for (const id of interfaceRefs(iface)) add(id);
  }
  while (queue.length > 0) for (const id of refsOf(byId.get(queue.pop()!)!)) add(id);
  return reached;
}

// Kept per declaration object: in watch mode the reader hands back unchanged declarations as the same objects.
const refsKept = new WeakMap<object, readonly string[]>();

function interfaceRefs(iface: ServiceInterface | CallbackInterface): readonly string[] {
  let ids = refsKept.get(iface);
  if (!ids) {
    const found: string[] = [];
    for (const method of iface.methods) {
      for (const param of method.params) collectRefs(param.type, (id) => found.push(id));
      collectRefs(method.returns, (id) => found.push(id));
    }
    refsKept.set(iface, (ids = found));
  }
  return ids;
}

function refsOf(type: NamedType): readonly string[] {
  let ids = refsKept.get(type);
  if (!ids) {
    const found: string[] = [];
    const add = (id: string) => found.push(id);
    const def = type.definition;
    if (def.kind === 'object') for (const p of def.properties) collectRefs(p.type, add);
    else if (def.kind === 'alias') collectRefs(def.type, add);
    for (const arg of type.typeArguments ?? []) collectRefs(arg, add);
    refsKept.set(type, (ids = found));
  }
  return ids;
}

/** Every `ref` id in a TypeRef tree (named types are not entered: their ids are). */
function collectRefs(ref: TypeRef, add: (id: string) => void): void {
  const stack: unknown[] = [ref];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...(node as unknown[]));
    } else if (node !== null && typeof node === 'object') {
      const record = node as { kind?: unknown; id?: unknown };
      if (record.kind === 'ref' && typeof record.id === 'string') add(record.id);
      // Any shape of TypeRef, present or to come: walk every field that holds more of it.
      for (const [key, value] of Object.entries(node))
        if (typeof value === 'object' && key !== 'span' && key !== 'doc') stack.push(value);
    }
  }
}
