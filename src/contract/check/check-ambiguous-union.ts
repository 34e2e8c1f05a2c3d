import type { Diagnostic } from '../diagnostic.js';
import { codes } from '../codes.js';
import type { Contract, TypeRef } from '../model.js';
import { capitalize } from './describe.js';
import { printType } from './print-type.js';
import { error } from './report.js';
import { isDataPosition, walkTypes } from './walk-types.js';
import { disjoint, flatMembers, objectProperties, resolveRef, wireClass } from './wire-class.js';

/**
 * CG210: union members the wire cannot tell apart, so that a decoded value
 * could silently change type. Two cases:
 *
 * - Two members that both travel as strings where one converts: `Date`,
 *   `bigint` or `Uint8Array` beside `string` (or beside each other where
 *   their texts overlap: `bigint | Uint8Array`). "2024-01-01" would become a
 *   Date, "007" a bigint.
 * - Two object members with the same keys and no property whose values
 *   tell them apart (a discriminant). Members whose keys differ are told
 *   apart at run time: the decoder keeps the member that keeps every key.
 *
 * Reported once per union, at the member, property or type that holds it.
 */
export function checkAmbiguousUnion(contract: Contract): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  walkTypes(contract, (v) => {
    if (!isDataPosition(v) || v.ref.kind !== 'union') return;
    // A union inside a union was flattened into the outer one.
    if (v.parents.at(-1)?.kind === 'union') return;
    const clash = findClash(flatMembers(v.ref, contract), contract);
    if (!clash) return;
    const key = `${v.span.file}:${v.span.line}:${v.span.column} ${clash.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(
      error(codes.ambiguousUnion, v.span, `${capitalize(v.where)}: ${clash.message}`, clash.hint),
    );
  });
  return out;
}

interface Clash {
  readonly message: string;
  readonly hint: string;
}

type StringKind = 'string' | 'Date' | 'bigint' | 'Uint8Array';

function stringKind(ref: TypeRef, contract: Contract): StringKind | undefined {
  const r = resolveRef(ref, contract);
  if (r.kind === 'refined') return stringKind(r.of, contract);
  if (r.kind === 'date') return 'Date';
  if (r.kind === 'bytes') return 'Uint8Array';
  if (r.kind === 'primitive' && r.name === 'bigint') return 'bigint';
  if (r.kind === 'primitive' && r.name === 'string') return 'string';
  return undefined;
}

/** Pairs of string-borne kinds whose texts overlap (digits are base64 too: "1234"). */
const overlapping: readonly (readonly [StringKind, StringKind])[] = [
  ['Date', 'string'],
  ['bigint', 'string'],
  ['Uint8Array', 'string'],
  ['bigint', 'Uint8Array'],
];

function findClash(members: readonly TypeRef[], contract: Contract): Clash | undefined {
  const kinds = new Set(members.map((m) => stringKind(m, contract)));
  for (const [a, b] of overlapping) {
    if (kinds.has(a) && kinds.has(b)) {
      return {
        message: `'${a} | ${b}' cannot be told apart on the wire: both travel as strings, so a ${b === 'string' ? 'plain string' : b} such as ${example(a)} would arrive as ${article(a)}`,
        hint: `Send them under different keys or add a discriminant ('{ kind: "${a.toLowerCase()}"; value: ${a} } | { kind: "${b.toLowerCase()}"; value: ${b} }'), or keep only one of them.`,
      };
    }
  }
  const objects = members
    .map((m) => ({ ref: m, shape: objectProperties(m, contract) }))
    .filter((o) => o.shape !== undefined);
  for (let i = 0; i < objects.length; i++) {
    for (let j = i + 1; j < objects.length; j++) {
      const a = objects[i]!;
      const b = objects[j]!;
      if (indistinguishable(a.shape!, b.shape!, contract)) {
        return {
          message: `members '${printType(a.ref)}' and '${printType(b.ref)}' cannot be told apart on the wire: they have the same keys and no property whose values differ`,
          hint: 'Add a discriminant property with a different literal in each member (\'kind: "a"\' and \'kind: "b"\'), or merge the two members.',
        };
      }
    }
  }
  return undefined;
}

function example(kind: StringKind): string {
  if (kind === 'Date') return '"2024-01-01"';
  if (kind === 'bigint') return '"007"';
  return '"AAAA"';
}

function article(kind: StringKind): string {
  return kind === 'Uint8Array' ? 'a Uint8Array' : kind === 'Date' ? 'a Date' : 'a bigint';
}

/** Same keys (and optionality), no property of disjoint values, neither open with a rest the other lacks. */
function indistinguishable(
  a: NonNullable<ReturnType<typeof objectProperties>>,
  b: NonNullable<ReturnType<typeof objectProperties>>,
  contract: Contract,
): boolean {
  if (a.open !== b.open || a.properties.length !== b.properties.length) return false;
  for (const p of a.properties) {
    const q = b.properties.find((x) => x.name === p.name);
    if (!q || q.optional !== p.optional) return false;
    if (disjoint(wireClass(p.type, contract), wireClass(q.type, contract))) return false;
  }
  return true;
}
