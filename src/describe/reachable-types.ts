import type { Contract, NamedTypeDefinition, TypeRef } from '../contract/model.js';
import { lookupType } from '../contract/find-type.js';

/**
 * The ids of the named types reachable from `roots`, following `ref`s into
 * their definitions (each once, so recursion ends). Each API document lists
 * under `components/schemas` only what its own operations or messages use.
 */
export function reachableTypes(contract: Contract, roots: readonly TypeRef[]): Set<string> {
  const found = new Set<string>();
  const pending = [...roots];
  for (let ref = pending.pop(); ref !== undefined; ref = pending.pop()) {
    if (ref.kind === 'ref') {
      if (found.has(ref.id)) continue;
      found.add(ref.id);
      pending.push(...definitionRefs(lookupType(contract, ref.id).definition));
    } else {
      pending.push(...childRefs(ref));
    }
  }
  return found;
}

function definitionRefs(def: NamedTypeDefinition): TypeRef[] {
  if (def.kind === 'object')
    return [...def.properties.map((p) => p.type), ...(def.rest ? [def.rest] : [])];
  if (def.kind === 'alias') return [def.type];
  return [];
}

/** The TypeRefs directly inside `ref` (a named type's type arguments are already substituted into its definition). */
export function childRefs(ref: TypeRef): TypeRef[] {
  switch (ref.kind) {
    case 'array':
      return [ref.element];
    case 'tuple':
      return ref.elements.map((e) => e.type);
    case 'object':
      return [...ref.properties.map((p) => p.type), ...(ref.rest ? [ref.rest] : [])];
    case 'record':
      return [ref.value];
    case 'refined':
      return [ref.of];
    case 'union':
      return [...ref.members];
    case 'promise':
      return [ref.of];
    default:
      return [];
  }
}
