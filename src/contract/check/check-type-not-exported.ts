import { codes } from '../codes.js';
import type { Diagnostic } from '../diagnostic.js';
import { findType } from '../find-type.js';
import type { Contract, NamedType } from '../model.js';
import { capitalize, ifaceLabel } from './describe.js';
import { error } from './report.js';
import { walkTypes } from './walk-types.js';

/**
 * CG303: something generated code must import from the contract file is not
 * exported. Generated code never redeclares the user's types, it imports
 * them (docs/internals.md), so every service, callback interface and named
 * type reachable from them must be exported. The message names the first
 * method that needs the type (through other types if need be), so the user
 * sees why an internal helper type matters. A generic is reported once at
 * its declaration, however many instantiations are used.
 */
export function checkTypeNotExported(contract: Contract): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const iface of [...contract.services, ...contract.callbacks]) {
    if (iface.exported) continue;
    out.push(
      error(
        codes.typeNotExported,
        iface.span,
        `${ifaceLabel(iface)} is not exported, but generated code imports it from '${iface.span.file}'.`,
        `Add 'export': 'export interface ${iface.name} ...'.`,
      ),
    );
  }
  // Who uses a type matters only for one that is not exported (walking every use is the cost).
  const users = contract.types.some((t) => !t.exported)
    ? firstUsers(contract)
    : new Map<string, string>();
  const seen = new Set<string>();
  for (const t of contract.types) {
    const user = users.get(t.id);
    if (t.exported || !user) continue;
    const key = `${t.span.file}:${t.span.line}:${t.span.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(
      error(
        codes.typeNotExported,
        t.span,
        `${capitalize(kindWord(t))} '${t.name}' is used by ${user} but is not exported; generated code imports it from '${t.span.file}'.`,
        `Add 'export': '${exampleDeclaration(t)}'.`,
      ),
    );
  }
  return out;
}

/**
 * For each named type reachable from a service or callback method, who
 * needs it: `'Chat.join'`, or `'Chat.join' (through 'MemberInfo')` when it is
 * reached through another type (the one that refers to it directly). Breadth-first, so the shortest path wins.
 */
function firstUsers(contract: Contract): Map<string, string> {
  const edges = new Map<string, string[]>(); // named type id → ids it refers to
  const roots: Array<[string, string]> = []; // [method label, id]
  walkTypes(contract, (v) => {
    if (v.ref.kind !== 'ref') return;
    if (v.owner.kind === 'method') {
      roots.push([`'${v.owner.iface.name}.${v.owner.method.name}'`, v.ref.id]);
    } else {
      const list = edges.get(v.owner.type.id) ?? [];
      list.push(v.ref.id);
      edges.set(v.owner.type.id, list);
    }
  });
  const users = new Map<string, string>();
  const queue: Array<[string, string, string]> = []; // [id, method label, via]
  for (const [label, id] of roots) queue.push([id, label, '']);
  for (let i = 0; i < queue.length; i++) {
    const [id, label, via] = queue[i]!;
    if (users.has(id)) continue;
    users.set(id, via ? `${label} (through '${via}')` : label);
    for (const next of edges.get(id) ?? []) queue.push([next, label, nameOf(contract, id)]);
  }
  return users;
}

function nameOf(contract: Contract, id: string): string {
  return findType(contract, id)?.name ?? id;
}

function kindWord(t: NamedType): string {
  return t.definition.kind === 'enum' ? 'enum' : 'type';
}

function exampleDeclaration(t: NamedType): string {
  if (t.definition.kind === 'enum') return `export enum ${t.name} { ... }`;
  const params = t.typeArguments?.length
    ? `<${t.typeArguments.map((_, i) => (i === 0 ? 'T' : `T${i + 1}`)).join(', ')}>`
    : '';
  if (t.definition.kind === 'alias') return `export type ${t.name}${params} = ...`;
  return `export interface ${t.name}${params} { ... }`;
}
