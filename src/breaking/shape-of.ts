import type {
  Contract,
  EnumMember,
  NamedType,
  Property,
  TupleElement,
  TypeRef,
} from '../contract/model.js';
import { lookupType } from '../contract/find-type.js';

/** One value-set a union (or enum) allows; an enum's members are literal alternatives that remember their member. */
export interface Alternative {
  readonly ref: TypeRef;
  readonly enumMember?: { readonly enumName: string; readonly member: EnumMember };
}

/**
 * What a type is on the wire, with names looked through: a `ref` to an
 * alias is its target, an enum is the union of its values, `Promise<T>` is
 * `T`, nested unions are flat. Named objects keep their type (`owner`) for
 * messages.
 */
export type Shape =
  | { readonly kind: 'leaf'; readonly ref: TypeRef }
  | { readonly kind: 'array'; readonly element: TypeRef }
  | { readonly kind: 'tuple'; readonly elements: readonly TupleElement[] }
  | {
      readonly kind: 'object';
      readonly properties: readonly Property[];
      readonly owner?: NamedType;
    }
  | { readonly kind: 'record'; readonly value: TypeRef }
  | { readonly kind: 'alternatives'; readonly alternatives: readonly Alternative[] };

/** The shape of `ref` as `contract` defines it (a `ref` is looked up there). */
export function shapeOf(ref: TypeRef, contract: Contract): Shape {
  switch (ref.kind) {
    case 'promise':
      return shapeOf(ref.of, contract);
    case 'ref':
      return namedShape(lookupType(contract, ref.id), contract);
    case 'union':
      return {
        kind: 'alternatives',
        alternatives: ref.members.flatMap((m) => alternativesOf(m, contract)),
      };
    case 'array':
      return { kind: 'array', element: ref.element };
    case 'tuple':
      return { kind: 'tuple', elements: ref.elements };
    case 'object':
      return { kind: 'object', properties: ref.properties };
    case 'record':
      return { kind: 'record', value: ref.value };
    default:
      return { kind: 'leaf', ref };
  }
}

function namedShape(type: NamedType, contract: Contract): Shape {
  const def = type.definition;
  if (def.kind === 'object') return { kind: 'object', properties: def.properties, owner: type };
  if (def.kind === 'enum') {
    const alternatives = def.members.map((member) => ({
      ref: { kind: 'literal', value: member.value } as const,
      enumMember: { enumName: type.name, member },
    }));
    return { kind: 'alternatives', alternatives };
  }
  const target = shapeOf(def.type, contract);
  return target.kind === 'object' && !target.owner ? { ...target, owner: type } : target;
}

/** A union member's alternatives: itself, or (for a nested union, an alias of one, an enum) theirs. TypeScript forbids circular aliases, so this ends. */
function alternativesOf(member: TypeRef, contract: Contract): Alternative[] {
  const shape =
    member.kind === 'union' || member.kind === 'ref' ? shapeOf(member, contract) : undefined;
  return shape?.kind === 'alternatives' ? [...shape.alternatives] : [{ ref: member }];
}

/** Whether an object property may be absent on the wire: `x?: T`, or `x: T | undefined`. */
export function isOptionalProperty(p: Property): boolean {
  return (
    p.optional ||
    (p.type.kind === 'union' &&
      p.type.members.some((m) => m.kind === 'primitive' && m.name === 'undefined'))
  );
}
