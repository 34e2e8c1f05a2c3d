import { codes } from '../codes.js';
import type { Diagnostic } from '../diagnostic.js';
import type { CallbackInterface, Contract, NamedType, ServiceInterface, Span } from '../model.js';
import { capitalize } from './describe.js';
// The naming rules the emitters use, so the check and the generated code cannot drift apart.
import {
  callbackName,
  clientFunctionName,
  handlersFunctionName,
  handlersTypeName,
  schemaName,
  serviceName,
} from '../../names/names.js';
import { findType, observeLookups } from '../find-type.js';
import { error } from './report.js';

/** One identifier that generated code declares or imports, and what produces it. */
interface Producer {
  readonly identifier: string;
  /** The declared name of the producer. */
  readonly name: string;
  /** What produces it: two producers with the same owner and identifier are one declaration's own clash. */
  readonly owner: string;
  /** `type 'Foo'`, `service 'Chat'`: who, in messages. */
  readonly label: string;
  /** What the identifier is, in messages: `descriptor constant`, `imported name`. */
  readonly role: string;
  readonly span: Span;
}

/**
 * CG301: two things that would get the same name in generated code. Contract
 * names are part of it, because generated files import the contract's own
 * types, services and callbacks by name next to the constants they declare:
 * a type `Foo` in two files, a type `ChatService` beside a service `Chat`
 * (whose descriptor is `ChatService`), or a service `chat`, whose handler
 * interface and registration function would both be `chatHandlers`.
 * Names are treated as one namespace for the whole folder, as a generated
 * file may import from several contract files. Each clashing pair is
 * reported once, at the declaration that comes later in the folder.
 */
export function checkNameCollision(contract: Contract): Diagnostic[] {
  // Most identifiers have one producer: a list is made only for the second.
  const byIdentifier = new Map<string, Producer | Producer[]>();
  for (const p of producers(contract)) {
    const found = byIdentifier.get(p.identifier);
    if (found === undefined) byIdentifier.set(p.identifier, p);
    else if (Array.isArray(found)) found.push(p);
    else byIdentifier.set(p.identifier, [found, p]);
  }
  const out: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const [identifier, list] of byIdentifier) {
    if (!Array.isArray(list)) continue;
    const [first, ...rest] = [...list].sort(bySpan);
    if (!first) continue;
    for (const later of rest) {
      const pair = `${first.owner}\u0000${later.owner}`;
      if (reported.has(pair)) continue;
      reported.add(pair);
      if (first.owner !== later.owner) out.push(clash(identifier, first, later));
      // A leading '_' is CG302's to report; a name clashing with itself then would only repeat it.
      else if (!first.name.startsWith('_')) out.push(selfClash(identifier, first, later));
    }
  }
  return out;
}

function clash(identifier: string, first: Producer, later: Producer): Diagnostic {
  const where = `${first.span.file}:${first.span.line}`;
  const sameName = first.role === importedName && later.role === importedName;
  return error(
    codes.nameCollision,
    later.span,
    sameName
      ? `${capitalize(later.label)} has the same name as ${first.label} (${where}); generated code imports contract names, so each must be unique across the contracts folder.`
      : `${capitalize(later.label)} clashes with ${first.label} (${where}): generated code would name both '${identifier}': ` +
          `the ${later.role} of ${later.label}, and the ${first.role} of ${first.label}.`,
    `Rename one of them. Names of types, services and callbacks must be unique across the contracts folder, and must not equal another's generated name.`,
  );
}

function selfClash(identifier: string, first: Producer, later: Producer): Diagnostic {
  return error(
    codes.nameCollision,
    first.span,
    `${capitalize(first.label)} would generate '${identifier}' twice: as its ${first.role} and as its ${later.role}.`,
    `Start the name with an upper-case letter ('${capitalize(first.name)}'): generated code derives lower-case-first names from it.`,
  );
}

/** The role of a declaration's own name: generated code imports it as is. */
const importedName = 'imported name';

function producers(contract: Contract): Producer[] {
  const out: Producer[] = [];
  // Only instantiations repeat a producer (each one's generic's imported name); every other declaration is one object, once.
  const seen = new Set<string>();
  for (const t of contract.types) {
    if (!t.typeArguments?.length) {
      for (const p of ownProducers(t, () => typeProducers(t, contract))) out.push(p);
      continue;
    }
    for (const p of instantiationProducers(t, contract)) {
      const key = dedupeKey(p);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(p);
    }
  }
  for (const cb of contract.callbacks)
    for (const p of ownProducers(cb, () => callbackProducers(cb))) out.push(p);
  for (const s of contract.services)
    for (const p of ownProducers(s, () => serviceProducers(s))) out.push(p);
  return out;
}

// What a declaration produces depends on it alone (for plain types, callbacks
// and services): kept per declaration object, which watch mode hands back
// unchanged from run to run.
const made = new WeakMap<object, readonly Producer[]>();

function ownProducers(declaration: object, make: () => Producer[]): readonly Producer[] {
  let found = made.get(declaration);
  if (!found) made.set(declaration, (found = make()));
  return found;
}

// An instantiation's schema name is made of its arguments' names, looked up
// in the contract: kept with those lookups, and used while they find the same.
const instantiations = new WeakMap<
  NamedType,
  {
    readonly producers: readonly Producer[];
    readonly lookups: ReadonlyMap<string, NamedType | undefined>;
  }
>();

function instantiationProducers(t: NamedType, contract: Contract): readonly Producer[] {
  const known = instantiations.get(t);
  if (known && [...known.lookups].every(([id, found]) => findType(contract, id) === found))
    return known.producers;
  const lookups = new Map<string, NamedType | undefined>();
  const observed = observeLookups(contract, {
    type: (id, found) => lookups.set(id, found),
    callback: () => undefined,
  });
  const producers = typeProducers(t, observed);
  instantiations.set(t, { producers, lookups });
  return producers;
}

/** Producers that are one (same identifier, owner and role), by {@link producers}. */
const dedupeKeys = new WeakMap<Producer, string>();

function dedupeKey(p: Producer): string {
  let key = dedupeKeys.get(p);
  if (key === undefined)
    dedupeKeys.set(p, (key = `${p.identifier}\u0000${p.owner}\u0000${p.role}`));
  return key;
}

function typeProducers(t: NamedType, contract: Contract): Producer[] {
  // Every instantiation of a generic shares its declaration, and so its imported name.
  const decl = `type ${t.name} ${t.span.file}:${t.span.line}:${t.span.column}`;
  const label = t.typeArguments?.length ? `generic instantiation '${t.id}'` : `type '${t.name}'`;
  const owner = t.typeArguments?.length ? `instance ${t.id}` : decl;
  return [
    {
      identifier: t.name,
      name: t.name,
      owner: decl,
      label: `type '${t.name}'`,
      role: importedName,
      span: t.span,
    },
    {
      identifier: schemaName(t, contract),
      name: t.name,
      owner,
      label,
      role: 'schema constant',
      span: t.span,
    },
  ];
}

function callbackProducers(cb: CallbackInterface): Producer[] {
  const base = {
    name: cb.name,
    owner: `callback ${cb.name} ${spanKey(cb.span)}`,
    label: `callback interface '${cb.name}'`,
    span: cb.span,
  };
  return [
    { ...base, identifier: cb.name, role: importedName },
    { ...base, identifier: callbackName(cb.name), role: 'descriptor constant' },
  ];
}

function serviceProducers(s: ServiceInterface): Producer[] {
  const base = {
    name: s.name,
    owner: `service ${s.name} ${spanKey(s.span)}`,
    label: `service '${s.name}'`,
    span: s.span,
  };
  return [
    { ...base, identifier: s.name, role: importedName },
    { ...base, identifier: serviceName(s.name), role: 'descriptor constant' },
    { ...base, identifier: handlersTypeName(s.name), role: 'handler interface' },
    { ...base, identifier: handlersFunctionName(s.name), role: 'registration function' },
    { ...base, identifier: clientFunctionName(s.name), role: 'client factory' },
  ];
}

function spanKey(span: Span): string {
  return `${span.file}:${span.line}:${span.column}`;
}

function bySpan(a: Producer, b: Producer): number {
  const ka = [a.span.file, a.span.line, a.span.column] as const;
  const kb = [b.span.file, b.span.line, b.span.column] as const;
  if (ka[0] !== kb[0]) return ka[0] < kb[0] ? -1 : 1;
  return ka[1] - kb[1] || ka[2] - kb[2] || (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0);
}
