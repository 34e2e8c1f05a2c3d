import { findCallback, findType } from '../contract/find-type.js';
import type {
  CallbackInterface,
  Contract,
  NamedType,
  ServiceInterface,
} from '../contract/model.js';
import { callbackName, schemaName } from '../names/names.js';
import { declarationRefs, type Declaration } from './declaration-refs.js';
import { outputPath } from './emit-context.js';
import { stronglyConnected } from './strongly-connected.js';

/**
 * The declarations of one contract file, in model order. Instantiations of
 * generics are not among them: the model puts `Page<Item>` in the file that
 * declares `Page`, but each schema module that uses it declares its own.
 */
export interface FileDeclarations {
  readonly file: string;
  readonly types: readonly NamedType[];
  readonly callbacks: readonly CallbackInterface[];
  readonly services: readonly ServiceInterface[];
}

/** A contract file's services: what its server and client modules are made from. */
export type ServiceFile = Pick<FileDeclarations, 'file' | 'services'>;

/** One generated schema module and what it declares. */
export interface SchemaModule {
  /** Its path in the output folder (`chat.schema.ts`). */
  readonly path: string;
  /** The contract files it is made from, sorted: one, or every file of an import cycle for a shared module. */
  readonly sources: readonly string[];
  /** Schema constants, each after those it uses (but for recursion): the declared types, then the instantiations they use. */
  readonly types: readonly NamedType[];
  readonly callbacks: readonly CallbackInterface[];
  readonly services: readonly ServiceInterface[];
  /** The shared module this file's own types and callbacks are declared in, re-exported from here under their names. */
  readonly reexport?: { readonly from: string; readonly names: readonly string[] };
}

/** Where every schema constant is declared. */
export interface SchemaPlan {
  /** Sorted by path. */
  readonly modules: readonly SchemaModule[];
  /** The module declaring the schemas of a contract file's types (not instantiations) and callbacks. A function of its own (no `this`): it may be passed on. */
  readonly homeOf: (file: string) => string;
}

/** Whether a named type is one instantiation of a generic (`Page<Item>`). */
export function isInstantiation(type: NamedType): boolean {
  return type.typeArguments !== undefined && type.typeArguments.length > 0;
}

/**
 * Lays the schemas of a contract out in modules so that generated modules
 * never import each other in a cycle; then every reference between schema
 * constants can be direct but where a type really reaches itself (only
 * `s.lazy` stops the compiled decoder).
 *
 * Each contract file gets `<file>.schema.ts` with its types, callbacks and
 * services, and a copy of each generic instantiation they use: declared by
 * its users rather than beside the generic, `Page<ChatMessage>` adds no
 * import from `common.schema.ts` back to `chat.schema.ts`. Imports between
 * modules then follow the contract files' own references, so they only loop
 * where contract files refer to each other in a loop. The types and
 * callbacks of such files go to one shared module (`<first>.shared.schema.ts`),
 * which each file's module re-exports beside its own services.
 */
export function planSchemaModules(
  contract: Contract,
  files: readonly FileDeclarations[],
): SchemaPlan {
  const declaring = files.filter(
    (f) => f.types.length + f.callbacks.length + f.services.length > 0,
  );
  const byFile = new Map(declaring.map((f) => [f.file, f]));
  // What each file's declarations use, instantiations through: the file's own module declares these.
  const used = new Map(
    declaring.map((f) => [
      f.file,
      instantiationsUsedBy(contract, [...f.types, ...f.callbacks, ...f.services]),
    ]),
  );
  const edges = new Map(
    declaring.map((f) => [f.file, filesReferenced(contract, f, used.get(f.file) ?? [])]),
  );
  const taken = new Set(contract.files.map((file) => outputPath(file, 'schema')));
  const homes = new Map<string, string>();
  const modules: SchemaModule[] = [];
  const next = (file: string) => (edges.get(file) ?? []).filter((to) => byFile.has(to));
  for (const component of stronglyConnected([...byFile.keys()], next)) {
    const members = component.sort().map((file) => byFile.get(file) as FileDeclarations);
    if (members.length === 1) {
      const own = members[0]!;
      homes.set(own.file, outputPath(own.file, 'schema'));
      modules.push(fileModule(contract, own, used.get(own.file) ?? []));
      continue;
    }
    const shared = sharedPath(members[0]!.file, taken);
    taken.add(shared);
    for (const member of members) homes.set(member.file, shared);
    modules.push(
      sharedModule(contract, shared, members),
      ...members.map((member) => memberModule(contract, member, shared)),
    );
  }
  modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { modules, homeOf: (file) => homes.get(file) ?? outputPath(file, 'schema') };
}

/** A contract file on its own: everything it declares, and the instantiations that uses. */
function fileModule(
  contract: Contract,
  f: FileDeclarations,
  used: readonly NamedType[],
): SchemaModule {
  return {
    path: outputPath(f.file, 'schema'),
    sources: [f.file],
    types: declarationOrder(contract, [...f.types, ...used]),
    callbacks: f.callbacks,
    services: f.services,
  };
}

/** The types and callbacks of files that refer to each other in a loop. */
function sharedModule(
  contract: Contract,
  path: string,
  members: readonly FileDeclarations[],
): SchemaModule {
  const types = members.flatMap((m) => m.types);
  const callbacks = members.flatMap((m) => m.callbacks);
  return {
    path,
    sources: members.map((m) => m.file),
    types: declarationOrder(contract, [
      ...types,
      ...instantiationsUsedBy(contract, [...types, ...callbacks]),
    ]),
    callbacks,
    services: [],
  };
}

/** A file of such a loop: its services, and its types and callbacks re-exported from the shared module. */
function memberModule(contract: Contract, f: FileDeclarations, shared: string): SchemaModule {
  const names = [
    ...f.types.map((t) => schemaName(t, contract)),
    ...f.callbacks.map((c) => callbackName(c.name)),
  ];
  return {
    path: outputPath(f.file, 'schema'),
    sources: [f.file],
    types: declarationOrder(contract, instantiationsUsedBy(contract, f.services)),
    callbacks: [],
    services: f.services,
    reexport: { from: shared, names },
  };
}

/** `<first>.shared.schema.ts`, or with a number when a contract file's own module already has that path. */
function sharedPath(first: string, taken: ReadonlySet<string>): string {
  const base = first.replace(/(\.d)?\.ts$/, '');
  for (let n = 1; ; n++) {
    const path = `${base}.shared${n === 1 ? '' : n}.schema.ts`;
    if (!taken.has(path)) return path;
  }
}

/** The other contract files whose types (not instantiations) or callbacks a file's schemas, and the instantiations they use, refer to. */
function filesReferenced(
  contract: Contract,
  f: FileDeclarations,
  used: readonly NamedType[],
): string[] {
  const out = new Set<string>();
  const declarations: Declaration[] = [...f.types, ...f.callbacks, ...f.services, ...used];
  for (const d of declarations) {
    const refs = declarationRefs(d);
    for (const id of refs.types) {
      const type = findType(contract, id);
      if (type && !isInstantiation(type)) out.add(type.span.file);
    }
    for (const name of refs.callbacks) {
      const callback = findCallback(contract, name);
      if (callback) out.add(callback.span.file);
    }
  }
  out.delete(f.file);
  return [...out];
}

/** The instantiations `declarations` refer to, directly or through other instantiations, in order of first use. */
function instantiationsUsedBy(
  contract: Contract,
  declarations: readonly Declaration[],
): NamedType[] {
  const seen = new Set<string>();
  const used: NamedType[] = [];
  const queue: Declaration[] = [...declarations];
  for (let i = 0; i < queue.length; i++) {
    for (const id of declarationRefs(queue[i]!).types) {
      if (seen.has(id)) continue;
      seen.add(id);
      const type = findType(contract, id);
      if (type && isInstantiation(type)) {
        used.push(type);
        queue.push(type);
      }
    }
  }
  return used;
}

/**
 * `types` reordered so that each comes after the ones of this module it uses,
 * as far as that can be: types that reach each other (recursion) keep their
 * order, and only their references to one declared further down are lazy.
 * Otherwise the given order.
 */
function declarationOrder(contract: Contract, types: readonly NamedType[]): NamedType[] {
  const local = new Set(types);
  const uses = (type: NamedType) =>
    declarationRefs(type)
      .types.map((id) => findType(contract, id))
      .filter((t): t is NamedType => t !== undefined && local.has(t));
  return stronglyConnected(types, uses).flat();
}
