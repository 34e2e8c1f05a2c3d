import { findType } from '../find-type.js';
import type { Contract, Property, TypeRef } from '../model.js';

/**
 * What a type looks like on the wire, coarsely: the JSON types its values
 * take, and for literals the values themselves. Enough to tell whether two
 * union members can be told apart by a decoder.
 */
export interface WireClass {
  /** JSON types: 'string', 'number', 'boolean', 'null', 'object', 'array'; 'any' for `unknown`. */
  readonly types: ReadonlySet<string>;
  /** When every value is a literal: the literals (else undefined). */
  readonly literals?: ReadonlySet<string | number | boolean | null>;
}

/** A type with names looked through: an alias's target, an enum as its values, a named object as its properties. */
export function resolveRef(ref: TypeRef, contract: Contract): TypeRef {
  for (let hops = 0; ref.kind === 'ref' && hops < 50; hops++) {
    const type = findType(contract, ref.id);
    if (!type) return ref;
    const def = type.definition;
    if (def.kind === 'alias') ref = def.type;
    else if (def.kind === 'enum')
      return {
        kind: 'union',
        members: def.members.map((m) => ({ kind: 'literal', value: m.value })),
      };
    else
      return {
        kind: 'object',
        properties: def.properties,
        ...(def.rest ? { rest: def.rest } : {}),
      };
  }
  return ref;
}

/** A union's members with nested unions (and aliases of unions) flattened. */
export function flatMembers(ref: TypeRef, contract: Contract, depth = 0): TypeRef[] {
  const resolved = resolveRef(ref, contract);
  if (resolved.kind !== 'union' || depth > 20) return [ref];
  return resolved.members.flatMap((m) => flatMembers(m, contract, depth + 1));
}

export function wireClass(ref: TypeRef, contract: Contract, depth = 0): WireClass {
  const r = resolveRef(ref, contract);
  const one = (t: string): WireClass => ({ types: new Set([t]) });
  switch (r.kind) {
    case 'primitive':
      if (r.name === 'unknown') return one('any');
      if (r.name === 'undefined' || r.name === 'null')
        return { types: new Set(['null']), literals: new Set([null]) };
      return one(r.name === 'bigint' ? 'string' : r.name);
    case 'literal':
      return { types: new Set([typeof r.value]), literals: new Set([r.value]) };
    case 'date':
    case 'bytes':
      return one('string');
    case 'array':
    case 'tuple':
      return one('array');
    case 'object':
    case 'record':
    case 'callback':
      return one('object');
    case 'refined':
      return wireClass(r.of, contract, depth + 1);
    case 'union': {
      if (depth > 20) return one('any');
      const parts = r.members.map((m) => wireClass(m, contract, depth + 1));
      const types = new Set(parts.flatMap((p) => [...p.types]));
      const all = parts.every((p) => p.literals);
      return all
        ? { types, literals: new Set(parts.flatMap((p) => [...(p.literals ?? [])])) }
        : { types };
    }
    default:
      return one('any');
  }
}

/** Whether no value is of both classes. */
export function disjoint(a: WireClass, b: WireClass): boolean {
  if (a.types.has('any') || b.types.has('any')) return false;
  if (![...a.types].some((t) => b.types.has(t))) return true;
  if (a.literals && b.literals) return ![...a.literals].some((v) => b.literals!.has(v));
  return false;
}

/** The properties of an object member (resolved), or undefined for a non-object. */
export function objectProperties(
  ref: TypeRef,
  contract: Contract,
): { readonly properties: readonly Property[]; readonly open: boolean } | undefined {
  const r = resolveRef(ref, contract);
  return r.kind === 'object' ? { properties: r.properties, open: r.rest !== undefined } : undefined;
}
